package io.warden.recipes;

import java.time.Duration;

/** A point in time on the monotonic clock by which something must be done, or never. */
public final class Deadline {
    private static final Deadline NEVER = new Deadline(Long.MAX_VALUE, true);

    private final long atNanos;
    private final boolean never;

    private Deadline(long atNanos, boolean never) {
        this.atNanos = atNanos;
        this.never = never;
    }

    public static Deadline after(Duration timeout) {
        long nanos = timeout.isNegative() ? 0 : timeout.toNanos();
        return new Deadline(System.nanoTime() + nanos, false);
    }

    public static Deadline never() {
        return NEVER;
    }

    public boolean isNever() {
        return never;
    }

    /** Nanoseconds left, at least 0; Long.MAX_VALUE for never. */
    public long remainingNanos() {
        return never ? Long.MAX_VALUE : Math.max(0, atNanos - System.nanoTime());
    }

    public boolean expired() {
        return !never && System.nanoTime() - atNanos >= 0;
    }
}
