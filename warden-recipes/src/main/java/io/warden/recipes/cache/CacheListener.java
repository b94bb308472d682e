package io.warden.recipes.cache;

/** Told of every change a cache sees, on the client's event thread, in order. */
@FunctionalInterface
public interface CacheListener {
    void onEvent(CacheEvent event);
}
