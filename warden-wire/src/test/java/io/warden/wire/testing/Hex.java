package io.warden.wire.testing;

import java.util.HexFormat;

/** Hex text for byte arrays, so that byte comparisons fail with a readable diff. */
public final class Hex {
    private Hex() {
    }

    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Parses hex, ignoring spaces and the middle dots used in the protocol reference. */
    public static byte[] parse(String text) {
        return HexFormat.of().parseHex(text.replaceAll("[\\s\u00b7]", ""));
    }
}
