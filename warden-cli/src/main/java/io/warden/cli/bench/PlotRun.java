package io.warden.cli.bench;

import java.util.List;

/**
 * One run's timeline as a chart draws it: what identifies the run (label, scenario, servers), the
 * unit of its throughput, which latency the timeline follows, and the points.
 */
record PlotRun(String label, String scenario, List<String> servers, String unit, String latency,
        long bucketSeconds, List<TimelinePoint> points) {

    PlotRun {
        servers = List.copyOf(servers);
        points = List.copyOf(points);
    }

    static PlotRun of(BenchResult result) {
        BenchSettings settings = result.settings();
        return new PlotRun(settings.label(), settings.scenario().cliName(),
                settings.servers().stream().map(ServerAddress::toString).toList(), result.unit(),
                result.timeline().latency(), result.timeline().bucketSeconds(), result.timeline().points());
    }

    /** The label, or the scenario when the run has none. */
    String name() {
        return label.isEmpty() ? scenario : label;
    }

    String serverList() {
        return String.join(",", servers);
    }

    /** The end of the last bucket, in seconds from the run's origin. */
    double endSeconds() {
        if (points.isEmpty()) {
            return 0;
        }
        TimelinePoint last = points.get(points.size() - 1);
        return last.startSeconds() + last.seconds();
    }
}
