package io.warden.cli.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words: runs of non-blank characters, or text between double or single
 * quotes (the quotes removed), so that data with spaces can be given as {@code "a b"}.
 */
final class ShellWords {
    private ShellWords() {
    }

    /** The words of {@code line}; a quote left open runs to the end of the line. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int length = line.length();
        while (i < length) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = line.indexOf(c, i + 1);
                int stop = end < 0 ? length : end;
                words.add(line.substring(i + 1, stop));
                i = stop + 1;
            } else {
                int start = i;
                while (i < length && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                words.add(line.substring(start, i));
            }
        }
        return words;
    }
}
