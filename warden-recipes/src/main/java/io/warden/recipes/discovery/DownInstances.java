package io.warden.recipes.discovery;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Instances that callers reported failing: after {@code errorsBeforeDown} errors, each within
 * {@code downTimeoutMs} of the one before, an instance is down until {@code downTimeoutMs} after
 * its last error. An instance's count starts over when its last error is older than that.
 */
final class DownInstances {
    static final long DOWN_TIMEOUT_MS_DEFAULT = 30_000;
    static final int ERRORS_BEFORE_DOWN_DEFAULT = 2;

    private final long downTimeoutMs;
    private final int errorsBeforeDown;
    private final LongSupplier clockMs;
    private final Map<String, Errors> errors = new HashMap<>();

    /** Errors of one instance. */
    private static final class Errors {
        int count;
        long lastMs;
    }

    /** {@code clockMs}: a monotonic clock in milliseconds. */
    DownInstances(long downTimeoutMs, int errorsBeforeDown, LongSupplier clockMs) {
        if (downTimeoutMs < 0) {
            throw new IllegalArgumentException("downTimeoutMs must not be negative, not " + downTimeoutMs);
        }
        if (errorsBeforeDown < 1) {
            throw new IllegalArgumentException("errorsBeforeDown must be at least 1, not " + errorsBeforeDown);
        }
        this.downTimeoutMs = downTimeoutMs;
        this.errorsBeforeDown = errorsBeforeDown;
        this.clockMs = clockMs;
    }

    static LongSupplier monotonicClockMs() {
        return () -> System.nanoTime() / 1_000_000;
    }

    synchronized void noteError(ServiceInstance instance) {
        long now = clockMs.getAsLong();
        Errors seen = errors.computeIfAbsent(instance.id(), id -> new Errors());
        if (seen.count > 0 && now - seen.lastMs >= downTimeoutMs) {
            seen.count = 0;
        }
        seen.count++;
        seen.lastMs = now;
    }

    synchronized boolean isDown(ServiceInstance instance) {
        Errors seen = errors.get(instance.id());
        if (seen == null) {
            return false;
        }
        if (clockMs.getAsLong() - seen.lastMs >= downTimeoutMs) {
            errors.remove(instance.id());
            return false;
        }
        return seen.count >= errorsBeforeDown;
    }
}
