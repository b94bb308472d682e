package io.warden.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throughput, errors and latency over the course of a run, in buckets of whole seconds counted
 * from {@code originNanos}: recording threads each fill a {@link TimelineRecorder} for the second
 * at hand and hand it over here when their second ends, so the shared state is touched about once a
 * second per thread. Memory is bounded: at most {@link #BUCKETS_MAX} buckets are kept, and a run
 * that outlasts them doubles the bucket width, merging neighbours, as often as it takes (a
 * 10-minute run keeps 1-s buckets, a 1-hour run gets 8-s ones). Thread-safe.
 */
final class Timeline {
    /** The most buckets kept; each holds one {@link LatencyHistogram} (about 18 KiB). */
    static final int BUCKETS_MAX = 600;
    static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long originNanos;
    private final int bucketsMax;
    private final List<Bucket> buckets = new ArrayList<>();
    private long bucketSeconds = 1;

    private static final class Bucket {
        final LatencyHistogram latencies = new LatencyHistogram();
        long errors;

        void add(Bucket other) {
            latencies.merge(other.latencies);
            errors += other.errors;
        }
    }

    Timeline(long originNanos) {
        this(originNanos, BUCKETS_MAX);
    }

    /** A timeline of at most {@code bucketsMax} buckets (at least 2); tests use small bounds. */
    Timeline(long originNanos, int bucketsMax) {
        if (bucketsMax < 2) {
            throw new IllegalArgumentException("bucketsMax " + bucketsMax + " is below 2");
        }
        this.originNanos = originNanos;
        this.bucketsMax = bucketsMax;
    }

    long originNanos() {
        return originNanos;
    }

    /** The second of the run that {@code nanos} falls in; negative before the origin. */
    long secondOf(long nanos) {
        return Math.floorDiv(nanos - originNanos, SECOND_NANOS);
    }

    /** A recorder for one thread; hand it to no other thread without a lock around both. */
    TimelineRecorder recorder() {
        return new TimelineRecorder(this);
    }

    /** Adds what a recorder collected in second {@code second} of the run; seconds before the origin are dropped. */
    synchronized void add(long second, LatencyHistogram latencies, long errors) {
        if (second < 0) {
            return;
        }
        while (second / bucketSeconds >= bucketsMax) {
            coarsen();
        }
        int index = (int) (second / bucketSeconds);
        while (buckets.size() <= index) {
            buckets.add(null);
        }
        Bucket bucket = buckets.get(index);
        if (bucket == null) {
            bucket = new Bucket();
            buckets.set(index, bucket);
        }
        bucket.latencies.merge(latencies);
        bucket.errors += errors;
    }

    /** Doubles the bucket width: bucket i of the new list holds old buckets 2i and 2i+1. */
    private void coarsen() {
        List<Bucket> merged = new ArrayList<>((buckets.size() + 1) / 2);
        for (int i = 0; i < buckets.size(); i += 2) {
            Bucket first = buckets.get(i);
            Bucket second = i + 1 < buckets.size() ? buckets.get(i + 1) : null;
            if (first == null) {
                merged.add(second);
            } else {
                if (second != null) {
                    first.add(second);
                }
                merged.add(first);
            }
        }
        buckets.clear();
        buckets.addAll(merged);
        bucketSeconds *= 2;
    }

    synchronized long bucketSeconds() {
        return bucketSeconds;
    }

    /** How many buckets are held now; never more than the bound. */
    synchronized int bucketCount() {
        return buckets.size();
    }

    /**
     * The buckets as report points, every bucket from the first to the last that holds anything
     * (empty ones included, as zero throughput), the last one cut at {@code endSeconds} after the
     * origin when the run ended inside it.
     */
    synchronized TimelineReport report(String latencyName, double endSeconds) {
        List<TimelinePoint> points = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Bucket bucket = buckets.get(i);
            long start = i * bucketSeconds;
            double seconds = bucketSeconds;
            if (i == buckets.size() - 1 && endSeconds > start && endSeconds < start + bucketSeconds) {
                seconds = endSeconds - start;
            }
            points.add(bucket == null ? TimelinePoint.empty(start, seconds)
                    : TimelinePoint.of(start, seconds, bucket.latencies, bucket.errors));
        }
        return new TimelineReport(latencyName, bucketSeconds, points);
    }
}
