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
        if (s.scenario() == Scenario.POPULATE) {
            line(out, "load", "nodes " + s.nodes() + ", " + PopulateLayout.describe(s.fanout()) + ", clients "
                    + s.clients() + ", pipeline " + s.pipeline() + ", data " + s.dataBytes() + " bytes"
                    + (s.keep() ? ", kept" : ""));
        } else {
            String shape = s.scenario() == Scenario.WATCH_FANOUT
                    ? "watchers " + s.watchers()
                    : "clients " + s.clients() + ", pipeline " + s.pipeline();
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
        for (String note : result.notes()) {
            line(out, "note", note);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format(Locale.ROOT, "%-18s %s%n", key, value));
    }
}
