package io.warden.cli.bench;

import java.util.List;

/**
 * A run's timeline as reported: which latency it follows ({@code latency}, a key of the result's
 * latencies, such as "all" or "create"), the bucket width, and the points in time order.
 */
record TimelineReport(String latency, long bucketSeconds, List<TimelinePoint> points) {
    static final TimelineReport NONE = new TimelineReport("", 1, List.of());

    TimelineReport {
        points = List.copyOf(points);
    }

    boolean isEmpty() {
        return points.isEmpty();
    }
}
