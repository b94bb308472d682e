package io.warden.recipes.config;

/**
 * Told when the value of a key changes. Called on the client's event thread, one change at a time
 * in the order the {@link ConfigTree} saw them; a listener must not block (read other keys of the
 * tree freely, but do not wait for the server).
 */
@FunctionalInterface
public interface ConfigListener {
    /**
     * {@code key} now holds {@code newValue}; {@code oldValue} is what it held before, or null when
     * it held nothing; {@code newValue} is null when the key was removed.
     */
    void changed(String key, String oldValue, String newValue);
}
