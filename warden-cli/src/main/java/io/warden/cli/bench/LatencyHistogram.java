package io.warden.cli.bench;

import java.util.concurrent.TimeUnit;

/**
 * Records latencies in nanoseconds into log-linear buckets, in the manner of HdrHistogram: values
 * below {@value #SUB_BUCKETS} are exact; above, each power of two is split into
 * {@value #HALF_SUB_BUCKETS} equal buckets, so a reported value is within 1/128 of a recorded one
 * (half a bucket). Values above {@link #VALUE_MAX} count as {@link #VALUE_MAX}, negative ones as 0.
 * Min, max, count and sum are exact. Single writer: each recording thread keeps its own histogram,
 * and histograms are merged once the threads are done.
 */
final class LatencyHistogram {
    private static final int SUB_BUCKET_BITS = 7;
    static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    static final int HALF_SUB_BUCKETS = SUB_BUCKETS / 2;
    /** About 18 minutes in nanoseconds. */
    static final long VALUE_MAX = (1L << 40) - 1;
    private static final int BUCKETS = indexOf(VALUE_MAX) + 1;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    static int indexOf(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int shift = exponent - SUB_BUCKET_BITS + 1;
        int mantissa = (int) (value >>> shift);
        return SUB_BUCKETS + (exponent - SUB_BUCKET_BITS) * HALF_SUB_BUCKETS + (mantissa - HALF_SUB_BUCKETS);
    }

    static long lowestValueAt(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int group = (index - SUB_BUCKETS) / HALF_SUB_BUCKETS;
        long mantissa = (index - SUB_BUCKETS) % HALF_SUB_BUCKETS + HALF_SUB_BUCKETS;
        return mantissa << (group + 1);
    }

    static long widthAt(int index) {
        return index < SUB_BUCKETS ? 1 : 1L << ((index - SUB_BUCKETS) / HALF_SUB_BUCKETS + 1);
    }

    void record(long nanos) {
        long value = Math.max(0, Math.min(VALUE_MAX, nanos));
        counts[indexOf(value)]++;
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    void merge(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    /** The smallest value recorded; 0 when empty. */
    long min() {
        return count == 0 ? 0 : min;
    }

    /** The largest value recorded; 0 when empty. */
    long max() {
        return count == 0 ? 0 : max;
    }

    double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /**
     * The value below or at which {@code percentile} percent of the recorded values lie (the
     * nearest-rank method), as the middle of its bucket, kept within [min, max]; 0 when empty.
     */
    long valueAtPercentile(double percentile) {
        if (percentile < 0 || percentile > 100 || Double.isNaN(percentile)) {
            throw new IllegalArgumentException("percentile out of range: " + percentile);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long middle = lowestValueAt(i) + (widthAt(i) - 1) / 2;
                return Math.max(min, Math.min(max, middle));
            }
        }
        return max;
    }

    LatencySummary summary() {
        return new LatencySummary(count, micros(min()), micros(valueAtPercentile(50)), micros(valueAtPercentile(90)),
                micros(valueAtPercentile(99)), micros(valueAtPercentile(99.9)), micros(max()), mean() / 1000.0);
    }

    private static double micros(long nanos) {
        return nanos / (double) TimeUnit.MICROSECONDS.toNanos(1);
    }
}
