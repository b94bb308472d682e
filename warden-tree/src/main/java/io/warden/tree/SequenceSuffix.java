package io.warden.tree;

/** The suffix of a sequential node's name: its parent's child-create count as ZooKeeper formats it ({@code %010d}). */
final class SequenceSuffix {
    private static final int DIGITS = 10;

    private SequenceSuffix() {
    }

    static String of(int counter) {
        if (counter < 0) {
            return String.format("%010d", counter);
        }
        char[] digits = new char[DIGITS];
        int value = counter;
        for (int i = DIGITS - 1; i >= 0; i--) {
            digits[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return new String(digits);
    }
}
