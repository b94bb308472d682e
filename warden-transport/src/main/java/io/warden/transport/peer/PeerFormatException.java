package io.warden.transport.peer;

/** Bytes that do not decode as a peer message: an unknown type, a truncated body, a bad field, trailing bytes. */
public final class PeerFormatException extends Exception {
    public PeerFormatException(String message) {
        super(message);
    }
}
