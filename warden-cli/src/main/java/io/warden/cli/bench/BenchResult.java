package io.warden.cli.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run measured. {@code operations} counts successful measured operations (rounds for
 * watch-fanout, named by {@code unit}); {@code latencies} are in report order; {@code notes} say
 * what went wrong beyond error counts, such as lost sessions.
 */
record BenchResult(
        BenchSettings settings,
        String unit,
        long operations,
        double elapsedSeconds,
        Map<String, LatencySummary> latencies,
        Map<String, Long> errors,
        Map<String, Long> counters,
        List<String> notes) {

    BenchResult {
        latencies = Collections.unmodifiableMap(new LinkedHashMap<>(latencies));
        errors = Collections.unmodifiableMap(new TreeMap<>(errors));
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        notes = List.copyOf(notes);
    }

    double throughput() {
        return elapsedSeconds <= 0 ? 0 : operations / elapsedSeconds;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
