package io.warden.cli.bench;

import java.util.concurrent.TimeUnit;

/**
 * One bucket of a timeline: it starts {@code startSeconds} after the run's origin and lasts
 * {@code seconds} (the last may be cut short); {@code operations} succeeded and {@code errors}
 * failed in it; the latencies of its successful operations, in microseconds (0 when there were
 * none).
 */
record TimelinePoint(long startSeconds, double seconds, long operations, long errors, double p50Micros,
        double p99Micros, double p999Micros, double maxMicros) {

    static TimelinePoint of(long startSeconds, double seconds, LatencyHistogram latencies, long errors) {
        return new TimelinePoint(startSeconds, seconds, latencies.count(), errors,
                micros(latencies.valueAtPercentile(50)), micros(latencies.valueAtPercentile(99)),
                micros(latencies.valueAtPercentile(99.9)), micros(latencies.max()));
    }

    static TimelinePoint empty(long startSeconds, double seconds) {
        return new TimelinePoint(startSeconds, seconds, 0, 0, 0, 0, 0, 0);
    }

    /** Successful operations a second in this bucket. */
    double throughput() {
        return seconds <= 0 ? 0 : operations / seconds;
    }

    private static double micros(long nanos) {
        return nanos / (double) TimeUnit.MICROSECONDS.toNanos(1);
    }
}
