package io.warden.tree;

import java.util.Arrays;

/**
 * A long per node id, in pages of {@link #PAGE_LONGS}: growing adds a page and never copies the
 * values (a growing tree has no pause for a large copy, and at most one page is slack).
 */
final class LongColumn {
    static final int PAGE_SHIFT = 12;
    static final int PAGE_LONGS = 1 << PAGE_SHIFT;
    private static final int MASK = PAGE_LONGS - 1;

    private long[][] pages = new long[8][];

    long get(int id) {
        return pages[id >>> PAGE_SHIFT][id & MASK];
    }

    void set(int id, long value) {
        pages[id >>> PAGE_SHIFT][id & MASK] = value;
    }

    /** Makes ids up to {@code id} addressable. */
    void ensure(int id) {
        int page = id >>> PAGE_SHIFT;
        if (page >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(page + 1, pages.length * 2));
        }
        if (pages[page] == null) {
            pages[page] = new long[PAGE_LONGS];
        }
    }
}
