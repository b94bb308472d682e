package io.warden.wire;

/** Bytes that do not decode as the record they should be: truncated, oversized or malformed. */
public final class WireFormatException extends Exception {
    public WireFormatException(String message) {
        super(message);
    }
}
