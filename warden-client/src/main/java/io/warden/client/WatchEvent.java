package io.warden.client;

import java.util.Objects;

/**
 * A change to a watched node. {@code path} is as the application sees it (without the client's
 * chroot). {@code zxid} is the transaction that caused it, or -1 when the server does not say
 * (events from re-registering watches, servers before 3.9, and events the client raises itself).
 */
public record WatchEvent(EventType type, String path, long zxid) {
    public WatchEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
    }
}
