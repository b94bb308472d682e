package io.warden.testkit.linearizability;

import java.util.Arrays;

/** The set of operations placed in the linearization so far, as bits by position in the history. */
final class PlacedOperations {
    private final long[] words;

    PlacedOperations(int operationCount) {
        words = new long[(operationCount + 63) >>> 6];
    }

    void add(int operation) {
        words[operation >>> 6] |= 1L << operation;
    }

    void remove(int operation) {
        words[operation >>> 6] &= ~(1L << operation);
    }

    /** A memo key for this set together with a model state. */
    MemoKey keyWith(Object state) {
        return new MemoKey(words.clone(), state);
    }

    /** A point of the search already explored: which operations are placed, and the state they left. */
    static final class MemoKey {
        private final long[] placed;
        private final Object state;
        private final int hash;

        private MemoKey(long[] placed, Object state) {
            this.placed = placed;
            this.state = state;
            this.hash = 31 * Arrays.hashCode(placed) + state.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MemoKey key && hash == key.hash
                    && Arrays.equals(placed, key.placed) && state.equals(key.state);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
