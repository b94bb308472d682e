package io.warden.cli.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report for people: a few aligned lines, latencies in microseconds. */
final class TextReport {
    private TextReport() {
    }

    static String servers(BenchSettings settings) {
        return settings.servers().stream().map(ServerAddress::toString).collect(Collectors.joining(","));
    }

    static String format(BenchResult result) {
        BenchSettings s = result.settings();
        StringBuilder out = new StringBuilder();
        line(out, "label", s.label().isEmpty() ? "-" : s.label());
        line(out, "scenario", s.scenario().cliName());
        line(out, "servers", servers(s));
        if (s.scenario() == Scenario.RESTART_WAIT) {
            return restartWait(result);
        }
        if (s.scenario() == Scenario.POPULATE) {
            line(out, "load", "nodes " + s.nodes() + ", " + PopulateLayout.describe(s.fanout()) + ", clients "
                    + s.clients() + ", pipeline " + s.pipeline() + ", data " + s.dataBytes() + " bytes"
                    + (s.keep() ? ", kept" : ""));
        } else {
            String shape = switch (s.scenario()) {
                case WATCH_FANOUT -> "watchers " + s.watchers();
                case AVAILABILITY -> AvailabilityScenario.sessions(s.clients()) + ", one write at a time each";
                default -> "clients " + s.clients() + ", pipeline " + s.pipeline();
            };
            line(out, "load", shape + ", data " + s.dataBytes() + " bytes, warm-up " + s.warmupSeconds() + " s");
        }
        line(out, result.unit(), Long.toString(result.operations()));
        line(out, "elapsed", String.format(Locale.ROOT, "%.3f s", result.elapsedSeconds()));
        line(out, "throughput", String.format(Locale.ROOT, "%.1f %s/s", result.throughput(), result.unit()));
        out.append(String.format(Locale.ROOT, "%-18s %10s %9s %9s %9s %9s %9s %9s %9s%n", "latency (us)", "count",
                "min", "p50", "p90", "p99", "p99.9", "max", "mean"));
        for (Map.Entry<String, LatencySummary> entry : result.latencies().entrySet()) {
            LatencySummary l = entry.getValue();
            out.append(String.format(Locale.ROOT, "  %-16s %10d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f%n",
                    entry.getKey(), l.count(), l.min(), l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean()));
        }
        if (!result.counters().isEmpty()) {
            line(out, "counts", result.counters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" ")));
        }
        line(out, "errors", result.errors().isEmpty() ? "none" : result.errors().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        timings(out, result);
        if (!result.timeline().isEmpty()) {
            line(out, "timeline", result.timeline().points().size() + " points of " + result.timeline().bucketSeconds()
                    + " s (in --json and --plot)");
        }
        processes(out, result);
        for (String note : result.notes()) {
            line(out, "note", note);
        }
        return out.toString();
    }

    private static String restartWait(BenchResult result) {
        BenchSettings s = result.settings();
        StringBuilder out = new StringBuilder();
        line(out, "label", s.label().isEmpty() ? "-" : s.label());
        line(out, "scenario", s.scenario().cliName());
        line(out, "servers", servers(s));
        line(out, "waited for", RestartWaitScenario.goal(s));
        line(out, "serving", result.operations() + " of " + s.servers().size() + " servers");
        timings(out, result);
        line(out, "attempts", Long.toString(result.counters().getOrDefault("attempts", 0L)));
        line(out, "errors", result.errors().isEmpty() ? "none" : result.errors().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        processes(out, result);
        for (String note : result.notes()) {
            line(out, "note", note);
        }
        return out.toString();
    }

    private static void timings(StringBuilder out, BenchResult result) {
        for (Map.Entry<String, Double> timing : result.timingsMillis().entrySet()) {
            line(out, timing.getKey(), String.format(Locale.ROOT, "%.1f ms", timing.getValue()));
        }
    }

    private static void processes(StringBuilder out, BenchResult result) {
        for (ProcessMemory memory : result.processes()) {
            line(out, "server memory", memory.error().isEmpty()
                    ? String.format(Locale.ROOT, "pid %d: RSS %s, peak %s", memory.pid(), kib(memory.rssKiB()),
                            kib(memory.peakRssKiB()))
                    : memory.error());
        }
    }

    private static String kib(long kib) {
        return kib < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format(Locale.ROOT, "%-18s %s%n", key, value));
    }
}
