package io.warden.tree;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Bytes for node records, in pages of {@link #PAGE_BYTES}, so that a node costs no object of its
 * own. Pages stay under half of G1's smallest region (1 MiB), so that they are ordinary objects:
 * a humongous one would hold a whole region or more. Records are appended to the current page at 8-byte boundaries and addressed by an int (page
 * and offset in 8-byte units). A record larger than a page gets a page of its own. Freed space is
 * counted per page; {@link NodeStore} moves the live records out of a page that is less than half
 * used, and the page is dropped. What a page holds is known only to its user.
 */
final class Slab {
    static final int PAGE_SHIFT = 18;
    static final int PAGE_BYTES = 1 << PAGE_SHIFT;
    private static final int UNIT_SHIFT = 3;
    private static final int OFFSET_BITS = PAGE_SHIFT - UNIT_SHIFT;
    /** Pages an int address can name: 16 GiB of records. */
    static final int PAGES_MAX = 1 << (31 - OFFSET_BITS);

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[][] pages = new byte[4][];
    private int[] used = new int[4];
    private int[] live = new int[4];
    private int pageCount;
    private int[] freePages = new int[4];
    private int freePageCount;
    private int current = -1;
    private long liveBytes;

    static int roundUp(int bytes) {
        return (bytes + 7) & ~7;
    }

    static int page(int address) {
        return address >>> OFFSET_BITS;
    }

    static int offset(int address) {
        return (address & ((1 << OFFSET_BITS) - 1)) << UNIT_SHIFT;
    }

    static int address(int page, int offset) {
        return (page << OFFSET_BITS) | (offset >>> UNIT_SHIFT);
    }

    byte[] bytes(int page) {
        return pages[page];
    }

    int used(int page) {
        return used[page];
    }

    /** Bytes in live records, padding included. */
    long liveBytes() {
        return liveBytes;
    }

    /** Bytes of pages held. */
    long heldBytes() {
        long held = 0;
        for (int p = 0; p < pageCount; p++) {
            held += pages[p] == null ? 0 : pages[p].length;
        }
        return held;
    }

    /** Room for a record of {@code bytes}; returns its address. */
    int allocate(int bytes) {
        int size = roundUp(bytes);
        if (size > PAGE_BYTES) {
            int page = newPage(size);
            used[page] = size;
            return claim(page, 0, size);
        }
        if (current < 0 || used[current] + size > PAGE_BYTES) {
            current = newPage(PAGE_BYTES);
        }
        int offset = used[current];
        used[current] = offset + size;
        return claim(current, offset, size);
    }

    private int claim(int page, int offset, int size) {
        live[page] += size;
        liveBytes += size;
        return address(page, offset);
    }

    /**
     * Gives back a record's room. Returns the page when it is now worth emptying (less than half of
     * it live, and not the page being filled), else -1; the caller moves its live records and then
     * calls {@link #release}.
     */
    int free(int address, int bytes) {
        int size = roundUp(bytes);
        int page = page(address);
        live[page] -= size;
        liveBytes -= size;
        if (live[page] == 0 && page != current) {
            release(page);
            return -1;
        }
        return page != current && live[page] * 2 < used[page] ? page : -1;
    }

    /** Drops an emptied page. */
    void release(int page) {
        if (page == current) {
            current = -1;
        }
        liveBytes -= live[page];
        pages[page] = null;
        used[page] = 0;
        live[page] = 0;
        if (freePageCount == freePages.length) {
            freePages = Arrays.copyOf(freePages, freePageCount * 2);
        }
        freePages[freePageCount++] = page;
    }

    private int newPage(int size) {
        int page;
        if (freePageCount > 0) {
            page = freePages[--freePageCount];
        } else {
            if (pageCount == PAGES_MAX) {
                throw new IllegalStateException("node records fill " + PAGES_MAX + " pages");
            }
            page = pageCount++;
            if (page == pages.length) {
                pages = Arrays.copyOf(pages, page * 2);
                used = Arrays.copyOf(used, page * 2);
                live = Arrays.copyOf(live, page * 2);
            }
        }
        pages[page] = new byte[size];
        return page;
    }

    static long getLong(byte[] page, int offset) {
        return (long) LONGS.get(page, offset);
    }

    static void putLong(byte[] page, int offset, long value) {
        LONGS.set(page, offset, value);
    }

    static int getInt(byte[] page, int offset) {
        return (int) INTS.get(page, offset);
    }

    static void putInt(byte[] page, int offset, int value) {
        INTS.set(page, offset, value);
    }
}
