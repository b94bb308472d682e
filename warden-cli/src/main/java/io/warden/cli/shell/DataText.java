package io.warden.cli.shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A znode's data as {@code get} prints it: as text (the default), base64 ({@code -b}) or a hexdump ({@code -x}). */
final class DataText {
    private static final int BYTES_PER_ROW = 16;
    private static final String MARGIN = " ".repeat(9);
    private static final String RULE = "+--------+" + "-".repeat(3 * BYTES_PER_ROW + 1) + "+" + "-".repeat(BYTES_PER_ROW) + "+";

    private DataText() {
    }

    static String text(byte[] data) {
        return data == null ? "null" : new String(data, StandardCharsets.UTF_8);
    }

    static String base64(byte[] data) {
        return data == null ? "null" : Base64.getEncoder().encodeToString(data);
    }

    static List<String> hexdump(byte[] data) {
        List<String> lines = new ArrayList<>();
        if (data == null) {
            lines.add("null");
            return lines;
        }
        lines.add(MARGIN + "+" + "-".repeat(3 * BYTES_PER_ROW + 1) + "+");
        StringBuilder header = new StringBuilder(MARGIN).append('|');
        for (int column = 0; column < BYTES_PER_ROW; column++) {
            header.append("  ").append(Integer.toHexString(column));
        }
        lines.add(header.append(" |").toString());
        lines.add(RULE);
        for (int offset = 0; offset < data.length; offset += BYTES_PER_ROW) {
            StringBuilder hex = new StringBuilder();
            StringBuilder chars = new StringBuilder();
            for (int i = offset; i < Math.min(offset + BYTES_PER_ROW, data.length); i++) {
                int value = data[i] & 0xFF;
                hex.append(' ').append(Character.forDigit(value >> 4, 16)).append(Character.forDigit(value & 0xF, 16));
                chars.append(value >= 0x20 && value < 0x7F ? (char) value : '.');
            }
            lines.add(String.format("|%08x|%-" + (3 * BYTES_PER_ROW + 1) + "s|%-" + BYTES_PER_ROW + "s|",
                    offset, hex, chars));
        }
        lines.add(RULE);
        return lines;
    }
}
