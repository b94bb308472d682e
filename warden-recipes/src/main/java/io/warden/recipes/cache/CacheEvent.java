package io.warden.recipes.cache;

import io.warden.client.NodeData;

/**
 * A change a cache saw. For node events {@code path} is the node and {@code data} its new content
 * (for NODE_REMOVED, the last content cached); for the other types both are null.
 */
public record CacheEvent(Type type, String path, NodeData data) {

    public enum Type {
        /** A node appeared (also for every node found by the initial load). */
        NODE_ADDED,
        /** A node's data or Stat changed. */
        NODE_UPDATED,
        /** A node went away. */
        NODE_REMOVED,
        /** The initial load finished: the cache now mirrors the tree. */
        INITIALIZED,
        /** The connection dropped; the cache may be behind until CONNECTION_RESTORED. */
        CONNECTION_SUSPENDED,
        /** The cache re-read the tree after a reconnect or a new session and is consistent again. */
        CONNECTION_RESTORED
    }
}
