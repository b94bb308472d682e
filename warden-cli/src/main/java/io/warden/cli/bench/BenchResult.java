package io.warden.cli.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run measured. {@code operations} counts successful measured operations (rounds for
 * watch-fanout, named by {@code unit}); {@code latencies} are in report order; {@code notes} say
 * what went wrong beyond error counts, such as lost sessions. {@code timeline} follows the run
 * second by second ({@link TimelineReport#NONE} for restart-wait); {@code timingsMillis} are the
 * moments restart-wait reports, in milliseconds from its start; {@code processes} the server
 * memory read with {@code --pid}.
 */
record BenchResult(
        BenchSettings settings,
        String unit,
        long operations,
        double elapsedSeconds,
        Map<String, LatencySummary> latencies,
        Map<String, Long> errors,
        Map<String, Long> counters,
        List<String> notes,
        TimelineReport timeline,
        Map<String, Double> timingsMillis,
        List<ProcessMemory> processes) {

    BenchResult {
        latencies = Collections.unmodifiableMap(new LinkedHashMap<>(latencies));
        errors = Collections.unmodifiableMap(new TreeMap<>(errors));
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        notes = List.copyOf(notes);
        timeline = timeline == null ? TimelineReport.NONE : timeline;
        timingsMillis = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMillis));
        processes = List.copyOf(processes);
    }

    /** A result without a timeline, timings or process memory. */
    BenchResult(BenchSettings settings, String unit, long operations, double elapsedSeconds,
            Map<String, LatencySummary> latencies, Map<String, Long> errors, Map<String, Long> counters,
            List<String> notes) {
        this(settings, unit, operations, elapsedSeconds, latencies, errors, counters, notes, TimelineReport.NONE,
                Map.of(), List.of());
    }

    BenchResult withTimeline(TimelineReport newTimeline) {
        return new BenchResult(settings, unit, operations, elapsedSeconds, latencies, errors, counters, notes,
                newTimeline, timingsMillis, processes);
    }

    BenchResult withProcesses(List<ProcessMemory> newProcesses) {
        return new BenchResult(settings, unit, operations, elapsedSeconds, latencies, errors, counters, notes,
                timeline, timingsMillis, newProcesses);
    }

    double throughput() {
        return elapsedSeconds <= 0 ? 0 : operations / elapsedSeconds;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
