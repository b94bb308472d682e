package io.warden.cli.bench;

/**
 * Where the populate scenario's nodes live: node {@code i} is {@code p-<i / fanout>/n-<i mod fanout>}
 * under {@link BenchTree#POPULATE_ROOT}, numbers zero-padded to six digits, or {@code n-<i>}
 * directly under it when {@code fanout} is 0. The names follow from the numbers alone, so that the
 * nodes can be deleted again without listing a million children.
 */
final class PopulateLayout {
    private static final int DIGITS = 6;

    private final long nodes;
    private final int fanout;

    PopulateLayout(long nodes, int fanout) {
        if (nodes < 0 || fanout < 0) {
            throw new IllegalArgumentException("nodes " + nodes + " and fanout " + fanout + " must not be negative");
        }
        this.nodes = nodes;
        this.fanout = fanout;
    }

    static String describe(int fanout) {
        return fanout == 0 ? "no parents" : fanout + " to a parent";
    }

    long nodes() {
        return nodes;
    }

    /** How many parents hold the nodes; 0 when they sit directly under the populate root. */
    long parents() {
        return fanout == 0 ? 0 : (nodes + fanout - 1) / fanout;
    }

    String parentPath(long parent) {
        if (parent < 0 || parent >= parents()) {
            throw new IndexOutOfBoundsException("parent " + parent + " of " + parents());
        }
        return BenchTree.POPULATE_ROOT + "/p-" + padded(parent);
    }

    String nodePath(long node) {
        if (node < 0 || node >= nodes) {
            throw new IndexOutOfBoundsException("node " + node + " of " + nodes);
        }
        if (fanout == 0) {
            return BenchTree.POPULATE_ROOT + "/n-" + padded(node);
        }
        return parentPath(node / fanout) + "/n-" + padded(node % fanout);
    }

    /** {@code value} in decimal, with leading zeros up to {@value #DIGITS} digits. */
    static String padded(long value) {
        String digits = Long.toString(value);
        if (digits.length() >= DIGITS) {
            return digits;
        }
        StringBuilder out = new StringBuilder(DIGITS);
        for (int i = digits.length(); i < DIGITS; i++) {
            out.append('0');
        }
        return out.append(digits).toString();
    }
}
