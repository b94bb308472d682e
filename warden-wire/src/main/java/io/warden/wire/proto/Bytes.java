package io.warden.wire.proto;

import java.util.HexFormat;

/** Text for byte arrays in {@code toString()}: short, and without secrets. */
final class Bytes {
    private static final int SHOWN_MAX = 16;

    private Bytes() {
    }

    /** The length and the first bytes in hex, for data that may be shown in logs. */
    static String describe(byte[] value) {
        if (value == null) {
            return "null";
        }
        int shown = Math.min(value.length, SHOWN_MAX);
        String hex = HexFormat.of().formatHex(value, 0, shown);
        String more = shown < value.length ? "..." : "";
        return "[" + value.length + " bytes" + (shown == 0 ? "" : ": " + hex) + more + "]";
    }

    /** The length only, for passwords, credentials and SASL tokens. */
    static String redact(byte[] value) {
        return value == null ? "null" : "[" + value.length + " bytes]";
    }
}
