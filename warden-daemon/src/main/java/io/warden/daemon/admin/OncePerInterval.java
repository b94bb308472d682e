package io.warden.daemon.admin;

import java.util.function.LongSupplier;

/**
 * ZooKeeper's rate limit of snapshot and restore: one run per interval, the first at once. A
 * refused request does not push the next allowed time back.
 */
final class OncePerInterval {
    private final long intervalMs;
    private final LongSupplier clockMs;
    private boolean used;
    private long lastAllowedMs;

    OncePerInterval(long intervalMs, LongSupplier clockMs) {
        this.intervalMs = intervalMs;
        this.clockMs = clockMs;
    }

    /** Whether a run may start now; if so, it counts as this interval's run. */
    synchronized boolean allow() {
        long now = clockMs.getAsLong();
        if (used && now - lastAllowedMs < intervalMs) {
            return false;
        }
        used = true;
        lastAllowedMs = now;
        return true;
    }
}
