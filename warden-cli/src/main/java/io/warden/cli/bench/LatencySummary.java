package io.warden.cli.bench;

/** What a report shows of one latency distribution, in microseconds. */
record LatencySummary(long count, double min, double p50, double p90, double p99, double p999, double max,
        double mean) {
}
