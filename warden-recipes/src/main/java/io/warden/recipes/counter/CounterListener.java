package io.warden.recipes.counter;

/**
 * Told when a {@link SharedCounter}'s value changes, on the client's event thread, in order; it
 * must not block. Values changed and changed back between two reads of the cache are not seen.
 */
@FunctionalInterface
public interface CounterListener {
    void changed(long oldValue, long newValue);
}
