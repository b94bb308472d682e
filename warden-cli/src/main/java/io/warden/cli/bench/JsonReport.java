package io.warden.cli.bench;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The report for programs: one JSON object on one line; latencies in microseconds. The timeline's
 * points carry {@code t} (the bucket's start, seconds from the run's origin), {@code seconds},
 * {@code ops}, {@code throughput}, {@code errors} and {@code p50}, {@code p99}, {@code p999},
 * {@code max}; {@code warden bench plot} reads them back ({@link PlotInput}).
 */
final class JsonReport {
    private JsonReport() {
    }

    static String format(BenchResult result) {
        BenchSettings s = result.settings();
        StringBuilder out = new StringBuilder("{");
        field(out, "label", string(s.label())).append(',');
        field(out, "scenario", string(s.scenario().cliName())).append(',');
        out.append("\"servers\":[");
        for (int i = 0; i < s.servers().size(); i++) {
            out.append(i == 0 ? "" : ",").append(string(s.servers().get(i).toString()));
        }
        out.append("],");
        field(out, "clients", Integer.toString(s.clients())).append(',');
        field(out, "pipeline", Integer.toString(s.pipeline())).append(',');
        field(out, "watchers", Integer.toString(s.watchers())).append(',');
        field(out, "dataBytes", Integer.toString(s.dataBytes())).append(',');
        field(out, "warmupSeconds", Integer.toString(s.warmupSeconds())).append(',');
        field(out, "durationSeconds", s.timed() ? Integer.toString(s.durationSeconds()) : "null").append(',');
        boolean populate = s.scenario() == Scenario.POPULATE;
        boolean restartWait = s.scenario() == Scenario.RESTART_WAIT;
        field(out, "operationsTarget", s.timed() || populate || restartWait ? "null" : Long.toString(s.operations()))
                .append(',');
        if (restartWait) {
            field(out, "nodes", Long.toString(s.nodes())).append(',');
            field(out, "fanout", Integer.toString(s.fanout())).append(',');
            field(out, "pollIntervalMs", Integer.toString(s.pollIntervalMs())).append(',');
            field(out, "timeLimitSeconds", Integer.toString(s.timeLimitSeconds())).append(',');
        }
        if (populate) {
            field(out, "nodes", Long.toString(s.nodes())).append(',');
            field(out, "fanout", Integer.toString(s.fanout())).append(',');
            field(out, "keep", Boolean.toString(s.keep())).append(',');
        }
        field(out, "unit", string(result.unit())).append(',');
        field(out, "operations", Long.toString(result.operations())).append(',');
        field(out, "elapsedSeconds", number(result.elapsedSeconds())).append(',');
        field(out, "throughput", number(result.throughput())).append(',');
        out.append("\"latencyMicros\":{");
        Iterator<Map.Entry<String, LatencySummary>> latencies = result.latencies().entrySet().iterator();
        while (latencies.hasNext()) {
            Map.Entry<String, LatencySummary> entry = latencies.next();
            LatencySummary l = entry.getValue();
            out.append(string(entry.getKey())).append(":{");
            field(out, "count", Long.toString(l.count())).append(',');
            field(out, "min", number(l.min())).append(',');
            field(out, "p50", number(l.p50())).append(',');
            field(out, "p90", number(l.p90())).append(',');
            field(out, "p99", number(l.p99())).append(',');
            field(out, "p999", number(l.p999())).append(',');
            field(out, "max", number(l.max())).append(',');
            field(out, "mean", number(l.mean())).append('}');
            out.append(latencies.hasNext() ? "," : "");
        }
        out.append("},");
        out.append("\"counters\":");
        counts(out, result.counters()).append(',');
        out.append("\"errors\":");
        counts(out, result.errors()).append(',');
        if (!result.timingsMillis().isEmpty()) {
            out.append("\"timingsMillis\":{");
            Iterator<Map.Entry<String, Double>> timings = result.timingsMillis().entrySet().iterator();
            while (timings.hasNext()) {
                Map.Entry<String, Double> entry = timings.next();
                field(out, entry.getKey(), number(entry.getValue())).append(timings.hasNext() ? "," : "");
            }
            out.append("},");
        }
        if (!result.processes().isEmpty()) {
            out.append("\"processes\":[");
            for (int i = 0; i < result.processes().size(); i++) {
                ProcessMemory memory = result.processes().get(i);
                out.append(i == 0 ? "{" : ",{");
                field(out, "pid", Long.toString(memory.pid())).append(',');
                field(out, "rssKiB", memory.rssKiB() < 0 ? "null" : Long.toString(memory.rssKiB())).append(',');
                field(out, "peakRssKiB", memory.peakRssKiB() < 0 ? "null" : Long.toString(memory.peakRssKiB()));
                if (!memory.error().isEmpty()) {
                    out.append(',');
                    field(out, "error", string(memory.error()));
                }
                out.append('}');
            }
            out.append("],");
        }
        timeline(out, result.timeline());
        out.append("\"notes\":[");
        for (int i = 0; i < result.notes().size(); i++) {
            out.append(i == 0 ? "" : ",").append(string(result.notes().get(i)));
        }
        return out.append("]}").append(System.lineSeparator()).toString();
    }

    private static void timeline(StringBuilder out, TimelineReport timeline) {
        if (timeline.isEmpty()) {
            return;
        }
        out.append("\"timeline\":{");
        field(out, "latency", string(timeline.latency())).append(',');
        field(out, "bucketSeconds", Long.toString(timeline.bucketSeconds())).append(',');
        out.append("\"points\":[");
        for (int i = 0; i < timeline.points().size(); i++) {
            TimelinePoint point = timeline.points().get(i);
            out.append(i == 0 ? "{" : ",{");
            field(out, "t", Long.toString(point.startSeconds())).append(',');
            field(out, "seconds", number(point.seconds())).append(',');
            field(out, "ops", Long.toString(point.operations())).append(',');
            field(out, "throughput", number(point.throughput())).append(',');
            field(out, "errors", Long.toString(point.errors())).append(',');
            field(out, "p50", number(point.p50Micros())).append(',');
            field(out, "p99", number(point.p99Micros())).append(',');
            field(out, "p999", number(point.p999Micros())).append(',');
            field(out, "max", number(point.maxMicros())).append('}');
        }
        out.append("]},");
    }

    private static StringBuilder counts(StringBuilder out, Map<String, Long> counts) {
        out.append('{');
        Iterator<Map.Entry<String, Long>> entries = counts.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Long> entry = entries.next();
            field(out, entry.getKey(), Long.toString(entry.getValue())).append(entries.hasNext() ? "," : "");
        }
        return out.append('}');
    }

    private static StringBuilder field(StringBuilder out, String name, String json) {
        return out.append(string(name)).append(':').append(json);
    }

    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** A JSON string literal, with quotes, backslashes and control characters escaped. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
