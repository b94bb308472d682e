package io.warden.recipes.cache;

/**
 * Told of every change a cache sees, on the client's event thread, one at a time. A removal is
 * reported when the server announces it, an addition or update once the node has been read, so
 * changes to different nodes can be reported in another order than the server made them, and quick
 * successive changes to one node can arrive as one update with the latest content.
 */
@FunctionalInterface
public interface CacheListener {
    void onEvent(CacheEvent event);
}
