package io.warden.tree;

import java.util.Arrays;

/**
 * Finds a node by its parent and name: an open-addressing table of node ids (linear probing, at
 * most {@link #LOAD_PERCENT_MAX}% full), keyed by a hash of (parent id, name) that the owner of
 * the names computes. Nothing but the ids is stored; the owner compares a candidate's name.
 */
final class PathIndex {
    static final int LOAD_PERCENT_MAX = 60;
    private static final int EMPTY = -1;

    /** What the table needs from the owner of the names. */
    interface Keys {
        /** The hash of node {@code id}'s (parent, name). */
        int hashOf(int id);

        /** Whether node {@code id} has parent {@code parent} and the name {@code path[from, to)}. */
        boolean matches(int id, int parent, String path, int from, int to);
    }

    private final Keys keys;
    private int[] slots = emptySlots(1024);
    private int size;

    PathIndex(Keys keys) {
        this.keys = keys;
    }

    private static int[] emptySlots(int capacity) {
        int[] slots = new int[capacity];
        Arrays.fill(slots, EMPTY);
        return slots;
    }

    /** The hash of (parent, name) for a name given as {@code path[from, to)}. */
    static int hash(int parent, CharSequence path, int from, int to) {
        int h = parent * 0x9E37_79B1;
        for (int i = from; i < to; i++) {
            h = 31 * h + path.charAt(i);
        }
        return mix(h);
    }

    /** The same hash for a name stored as ASCII bytes. */
    static int hashAscii(int parent, byte[] bytes, int from, int to) {
        int h = parent * 0x9E37_79B1;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return mix(h);
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EB_CA6B;
        h ^= h >>> 13;
        h *= 0xC2B2_AE35;
        return h ^ (h >>> 16);
    }

    /** The child of {@code parent} named {@code path[from, to)}, or -1. */
    int find(int parent, String path, int from, int to) {
        int mask = slots.length - 1;
        for (int slot = hash(parent, path, from, to) & mask; ; slot = (slot + 1) & mask) {
            int id = slots[slot];
            if (id == EMPTY) {
                return -1;
            }
            if (keys.matches(id, parent, path, from, to)) {
                return id;
            }
        }
    }

    /**
     * Makes room for {@code count} entries in all, so that adding up to that many never grows the
     * table (each growth hashes every entry again); the table ends as large as growing to that
     * many would have made it. Does nothing when it is large enough.
     */
    void reserve(int count) {
        int capacity = slots.length;
        while (count * 100L > (long) capacity * LOAD_PERCENT_MAX && capacity < (1 << 30)) {
            capacity *= 2;
        }
        if (capacity > slots.length) {
            rehash(capacity);
        }
    }

    void add(int id, int hash) {
        if ((size + 1) * 100L > (long) slots.length * LOAD_PERCENT_MAX) {
            grow();
        }
        place(slots, id, hash);
        size++;
    }

    private static void place(int[] slots, int id, int hash) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = id;
    }

    private void grow() {
        rehash(slots.length * 2);
    }

    private void rehash(int capacity) {
        int[] bigger = emptySlots(capacity);
        for (int id : slots) {
            if (id != EMPTY) {
                place(bigger, id, keys.hashOf(id));
            }
        }
        slots = bigger;
    }

    /** Takes out node {@code id}, whose hash is {@code hash}; later entries of its run move back. */
    void remove(int id, int hash) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != id) {
            if (slots[slot] == EMPTY) {
                throw new IllegalStateException("node " + id + " is not indexed");
            }
            slot = (slot + 1) & mask;
        }
        size--;
        int hole = slot;
        for (int next = (hole + 1) & mask; slots[next] != EMPTY; next = (next + 1) & mask) {
            int home = keys.hashOf(slots[next]) & mask;
            // the entry at next may fill the hole if its home is not cyclically within (hole, next]
            boolean homeInRange = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!homeInRange) {
                slots[hole] = slots[next];
                hole = next;
            }
        }
        slots[hole] = EMPTY;
    }

    int size() {
        return size;
    }

    /** Slots held, for memory accounting. */
    int capacity() {
        return slots.length;
    }
}
