package io.warden.testkit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Counts of the notable things a run went through, to show which paths the runs exercise. */
final class RunStats {
    private final TreeMap<String, Long> counts = new TreeMap<>();

    void count(String what) {
        count(what, 1);
    }

    void count(String what, long howMany) {
        if (howMany != 0) {
            counts.merge(what, howMany, Long::sum);
        }
    }

    Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }
}
