package io.warden.tree;

import java.util.Arrays;

/**
 * An int per node id, in pages of {@link #PAGE_INTS}: growing adds a page and never copies the
 * values (a growing tree has no pause for a large copy, and at most one page is slack).
 */
final class IntColumn {
    static final int PAGE_SHIFT = 12;
    static final int PAGE_INTS = 1 << PAGE_SHIFT;
    private static final int MASK = PAGE_INTS - 1;

    private int[][] pages = new int[8][];

    int get(int id) {
        return pages[id >>> PAGE_SHIFT][id & MASK];
    }

    void set(int id, int value) {
        pages[id >>> PAGE_SHIFT][id & MASK] = value;
    }

    /** Makes ids up to {@code id} addressable. */
    void ensure(int id) {
        int page = id >>> PAGE_SHIFT;
        if (page >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(page + 1, pages.length * 2));
        }
        if (pages[page] == null) {
            pages[page] = new int[PAGE_INTS];
        }
    }
}
