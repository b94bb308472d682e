package io.warden.cli.bench;

/**
 * One thread's share of a {@link Timeline}: what it recorded in the current second of the run,
 * handed to the timeline when a time from another second arrives and at {@link #flush()}. Replies
 * reach one thread in the order they arrived, so a recorder mostly moves forward; should a time
 * fall in an earlier second, that second simply gets a second share. Not thread-safe: one
 * recording thread, or a lock its owner holds.
 */
final class TimelineRecorder {
    private final Timeline timeline;
    private LatencyHistogram latencies = new LatencyHistogram();
    private long errors;
    private long second = Long.MIN_VALUE;

    TimelineRecorder(Timeline timeline) {
        this.timeline = timeline;
    }

    /** A successful operation that completed at {@code atNanos} after {@code latencyNanos}. */
    void record(long atNanos, long latencyNanos) {
        moveTo(atNanos);
        latencies.record(latencyNanos);
    }

    /** A failed operation, noticed at {@code atNanos}. */
    void error(long atNanos) {
        moveTo(atNanos);
        errors++;
    }

    private void moveTo(long atNanos) {
        long now = timeline.secondOf(atNanos);
        if (now == second) {
            return;
        }
        flush();
        second = now;
    }

    /** Hands what was recorded for the current second to the timeline. */
    void flush() {
        if (second != Long.MIN_VALUE && (latencies.count() > 0 || errors > 0)) {
            timeline.add(second, latencies, errors);
            latencies = new LatencyHistogram();
            errors = 0;
        }
    }
}
