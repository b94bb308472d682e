package io.warden.recipes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of sequential nodes: by the text after the last occurrence of a marker (the lock name,
 * such as {@code lock-}), which is the sequence suffix; names without the marker sort by their whole
 * text. This is the order Curator's lock recipes use, so contenders of both agree on who is first.
 */
public final class SequenceOrder {
    /** The digits a server appends to a sequential node's name. */
    public static final int SUFFIX_DIGITS = 10;

    private SequenceOrder() {
    }

    /** {@code names} sorted by their text after the last occurrence of each marker in turn. */
    public static List<String> sort(List<String> names, String... markers) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparing(name -> sortKey(name, markers)));
        return sorted;
    }

    /** The text {@link #sort} compares. */
    public static String sortKey(String name, String... markers) {
        String key = name;
        for (String marker : markers) {
            int at = key.lastIndexOf(marker);
            if (at >= 0) {
                key = key.substring(at + marker.length());
            }
        }
        return key;
    }

    /** True when {@code name} is {@code prefix} followed by a sequence number and nothing else. */
    public static boolean isSequential(String name, String prefix) {
        return name.startsWith(prefix) && name.length() == prefix.length() + SUFFIX_DIGITS && sequence(name) >= 0;
    }

    /** The sequence number at the end of a sequential node's name, or -1 when it has none. */
    public static long sequence(String name) {
        if (name.length() < SUFFIX_DIGITS) {
            return -1;
        }
        String suffix = name.substring(name.length() - SUFFIX_DIGITS);
        for (int i = 0; i < suffix.length(); i++) {
            if (!Character.isDigit(suffix.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(suffix);
    }
}
