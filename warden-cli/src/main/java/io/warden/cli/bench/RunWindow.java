package io.warden.cli.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a run warms up, when it measures, and when it must stop sending, in
 * {@link System#nanoTime()} terms; for a run bounded by operations, also how many measured
 * operations may still be sent. Requests sent during the warm-up are not measured.
 */
final class RunWindow {
    private final long measureStartNanos;
    private final long measureEndNanos;
    private final long deadlineNanos;
    private final AtomicLong budget;

    private RunWindow(long measureStartNanos, long measureEndNanos, long deadlineNanos, long operations) {
        this.measureStartNanos = measureStartNanos;
        this.measureEndNanos = measureEndNanos;
        this.deadlineNanos = deadlineNanos;
        this.budget = operations == 0 ? null : new AtomicLong(operations);
    }

    static RunWindow start(BenchSettings settings, long nowNanos) {
        long start = nowNanos + TimeUnit.SECONDS.toNanos(settings.warmupSeconds());
        if (settings.timed()) {
            long end = start + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
            return new RunWindow(start, end, end, 0);
        }
        long deadline = start + TimeUnit.SECONDS.toNanos(settings.timeLimitSeconds());
        return new RunWindow(start, Long.MAX_VALUE, deadline, settings.operations());
    }

    long measureStartNanos() {
        return measureStartNanos;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    boolean timed() {
        return budget == null;
    }

    /** Whether the request sent at {@code sentNanos} counts in the result. */
    boolean measured(long sentNanos) {
        return sentNanos >= measureStartNanos && sentNanos < measureEndNanos;
    }

    /**
     * Whether one more request may be sent now; a measured request of a run bounded by operations
     * takes one from the budget.
     */
    boolean trySend(long nowNanos) {
        if (nowNanos >= deadlineNanos) {
            return false;
        }
        if (budget == null || nowNanos < measureStartNanos) {
            return true;
        }
        return budget.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
    }

    /** The length of the measured part of a timed run, in seconds. */
    double timedSeconds() {
        return (measureEndNanos - measureStartNanos) / 1e9;
    }
}
