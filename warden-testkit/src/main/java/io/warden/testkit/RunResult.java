package io.warden.testkit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a simulated run that broke nothing went.
 *
 * @param plan the run's drawn shape (ensemble, faults, limits)
 * @param steps events processed, each followed by every check
 * @param simulatedMs simulated time at the end
 * @param committed entries in the committed history
 * @param acknowledged writes their leader delivered
 * @param epochs epochs that had an established leader
 * @param stats counts of notable events (crashes, snapshots sent, truncations, rejections...), by name
 */
public record RunResult(long seed, String plan, long steps, long simulatedMs, int committed, int acknowledged,
        int epochs, Map<String, Long> stats) {
    public RunResult {
        stats = Collections.unmodifiableMap(new TreeMap<>(stats));
    }
}
