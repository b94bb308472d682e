package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Randomised runs of replicated servers whose records go through the real storage code on
 * simulated file stores ({@link Variant#REPLICATED_ON_FILES}), under crashes (now, at an unsynced
 * write, or inside a disk operation) and, in some runs, every other fault: seeds 1..{@code
 * sim.filesRuns} (default 300), every invariant checked after every step. {@code
 * -Dsim.seed=<seed>} replays one seed with its trace printed.
 */
class ReplicatedFilesSeedsTest {
    private static final int RUNS_DEFAULT = 300;

    @Test
    void seedsOfReplicatedServersOnTheRealFiles() {
        String only = System.getProperty("sim.seed");
        if (only != null) {
            long seed = Long.parseLong(only.trim());
            System.out.println("ReplicatedFilesSeedsTest: replaying seed " + seed);
            RunResult result = new Simulation(seed, Variant.REPLICATED_ON_FILES, System.out::println).run();
            System.out.println("ReplicatedFilesSeedsTest: seed " + seed + " passed: " + result);
            return;
        }
        int runs = Integer.getInteger("sim.filesRuns", RUNS_DEFAULT);
        Map<String, Long> stats = new TreeMap<>();
        long committed = 0;
        for (long seed = 1; seed <= runs; seed++) {
            RunResult result;
            try {
                result = new Simulation(seed, Variant.REPLICATED_ON_FILES, null).run();
            } catch (SimulationViolation violation) {
                System.out.println("ReplicatedFilesSeedsTest: seed " + seed + " failed (" + violation.invariant()
                        + "); replay with -Dsim.seed=" + seed);
                throw violation;
            }
            committed += result.committed();
            result.stats().forEach((what, howMany) -> stats.merge(what, howMany, Long::sum));
        }
        System.out.println("ReplicatedFilesSeedsTest: " + runs + " runs passed, " + committed
                + " entries committed; in all " + stats);

        // the runs reached what they are for: crashes on the files, in every place that matters
        assertThat(stats.getOrDefault("crashes inside a disk operation", 0L)).isPositive();
        assertThat(stats.getOrDefault("crashes with unsynced writes", 0L)).isPositive();
        assertThat(stats.getOrDefault("disk TruncateAfter", 0L)).isPositive();
        assertThat(stats.getOrDefault("disk InstallSnapshot", 0L)).isPositive();
        assertThat(stats.getOrDefault("host snapshots", 0L)).isPositive();
        assertThat(stats.getOrDefault("recoveries that repaired the files", 0L)).isPositive();
    }
}
