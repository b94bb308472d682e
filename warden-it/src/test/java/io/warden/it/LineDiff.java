package io.warden.it;

import java.util.ArrayList;
import java.util.List;

/** A minimal line diff (longest common subsequence) for readable transcript mismatches. */
final class LineDiff {

    private LineDiff() {
    }

    /**
     * The lines of {@code expected} and {@code actual} merged: common lines prefixed with two spaces,
     * lines only in {@code expected} with {@code "- "}, lines only in {@code actual} with {@code "+ "}.
     */
    static List<String> diff(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = expected.get(i).equals(actual.get(j))
                        ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (expected.get(i).equals(actual.get(j))) {
                out.add("  " + expected.get(i));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add("- " + expected.get(i++));
            } else {
                out.add("+ " + actual.get(j++));
            }
        }
        while (i < n) {
            out.add("- " + expected.get(i++));
        }
        while (j < m) {
            out.add("+ " + actual.get(j++));
        }
        return out;
    }

    /** The diff as text, or an empty string when the two are equal. */
    static String render(String expectedName, List<String> expected, String actualName, List<String> actual) {
        if (expected.equals(actual)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(expectedName).append('\n');
        sb.append("+++ ").append(actualName).append('\n');
        for (String line : diff(expected, actual)) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
