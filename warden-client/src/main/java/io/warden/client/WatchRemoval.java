package io.warden.client;

import java.util.Objects;

/**
 * The local half of removeWatches: which watches to drop once the server agrees (or, when
 * {@code local} is set, also when no server can be asked). {@code watcher} null means every
 * watcher of the type on the path.
 */
record WatchRemoval(String serverPath, Watcher watcher, WatcherType type, boolean local) {
    WatchRemoval {
        Objects.requireNonNull(serverPath, "serverPath");
        Objects.requireNonNull(type, "type");
    }
}
