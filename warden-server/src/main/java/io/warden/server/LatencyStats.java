package io.warden.server;

/** Min, average and max of request latencies in ms, resettable. */
final class LatencyStats {
    private long min = Long.MAX_VALUE;
    private long max;
    private long total;
    private long count;

    void record(long latencyMs) {
        min = Math.min(min, latencyMs);
        max = Math.max(max, latencyMs);
        total += latencyMs;
        count++;
    }

    long min() {
        return count == 0 ? 0 : min;
    }

    long max() {
        return max;
    }

    /** The average with ZooKeeper's precision: hundredths, as a decimal string. */
    String average() {
        double avg = count == 0 ? 0 : (double) total / count;
        return String.format(java.util.Locale.ROOT, "%.4f", avg);
    }

    long count() {
        return count;
    }

    void reset() {
        min = Long.MAX_VALUE;
        max = 0;
        total = 0;
        count = 0;
    }
}
