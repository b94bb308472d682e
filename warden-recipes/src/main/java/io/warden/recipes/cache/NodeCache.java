package io.warden.recipes.cache;

import io.warden.client.NodeData;
import io.warden.client.WardenClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A local copy of one node that follows the server, including across reconnects and new sessions
 * (see {@link TreeCache}); {@link #current()} is null while the node does not exist.
 */
public final class NodeCache implements AutoCloseable {
    private final TreeCache cache;
    private final String path;

    public NodeCache(WardenClient client, String path) {
        this.cache = new TreeCache(client, path, 0);
        this.path = path;
    }

    public NodeCache start() {
        cache.start();
        return this;
    }

    public CompletableFuture<Void> initialized() {
        return cache.initialized();
    }

    public boolean awaitInitialized(Duration timeout) throws InterruptedException {
        return cache.awaitInitialized(timeout);
    }

    /** The node as last seen, or null when it does not exist. */
    public NodeData current() {
        return cache.get(path);
    }

    public void addListener(CacheListener listener) {
        cache.addListener(listener);
    }

    public void removeListener(CacheListener listener) {
        cache.removeListener(listener);
    }

    @Override
    public void close() {
        cache.close();
    }
}
