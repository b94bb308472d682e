package io.warden.cli.bench;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** The report for programs: one JSON object on one line; latencies in microseconds. */
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
        field(out, "operationsTarget", s.timed() || populate ? "null" : Long.toString(s.operations())).append(',');
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
        out.append("\"notes\":[");
        for (int i = 0; i < result.notes().size(); i++) {
            out.append(i == 0 ? "" : ",").append(string(result.notes().get(i)));
        }
        return out.append("]}").append(System.lineSeparator()).toString();
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
