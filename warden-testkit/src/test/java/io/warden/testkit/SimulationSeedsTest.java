package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Randomised runs of whole ensembles, one per seed: a fixed budget of seeds 1..{@code sim.runs}
 * (default 1000) on every build; {@code -Dsim.seed=<seed>} replays one seed with its trace
 * printed; {@code -Dsim.soak=<count>} ({@code -Dsim.soakStart=<seed>}, default just past the
 * budget) runs more seeds.
 */
class SimulationSeedsTest {
    private static final int BUDGET_DEFAULT = 1000;

    @Test
    void budgetOfSeeds() {
        String only = System.getProperty("sim.seed");
        if (only != null) {
            long seed = Long.parseLong(only.trim());
            System.out.println("SimulationSeedsTest: replaying seed " + seed);
            RunResult result = Simulation.replay(seed, System.out::println);
            System.out.println("SimulationSeedsTest: seed " + seed + " passed: " + result);
            return;
        }
        int runs = Integer.getInteger("sim.runs", BUDGET_DEFAULT);
        runSeeds("budget", 1, runs, true);
    }

    @Test
    void soak() {
        Integer count = Integer.getInteger("sim.soak");
        assumeTrue(count != null && System.getProperty("sim.seed") == null, "soak only with -Dsim.soak=<count>");
        long start = Long.getLong("sim.soakStart", Integer.getInteger("sim.runs", BUDGET_DEFAULT) + 1L);
        runSeeds("soak", start, count, false);
    }

    /** Runs the seeds; the budget stops at the first failure, a soak goes on and lists them all. */
    private static void runSeeds(String name, long firstSeed, int count, boolean stopAtFirst) {
        int passed = 0;
        Map<Long, String> failed = new TreeMap<>();
        long steps = 0;
        long committed = 0;
        long acknowledged = 0;
        long simulatedMs = 0;
        Map<FaultMix, Integer> byMix = new EnumMap<>(FaultMix.class);
        Map<String, Long> stats = new TreeMap<>();
        for (long seed = firstSeed; seed < firstSeed + count; seed++) {
            RunResult result;
            try {
                result = Simulation.run(seed);
            } catch (SimulationViolation violation) {
                System.out.println("SimulationSeedsTest " + name + ": " + passed + " runs passed, then seed " + seed
                        + " failed (" + violation.invariant() + "); replay with -Dsim.seed=" + seed);
                if (stopAtFirst) {
                    throw violation;
                }
                String[] lines = String.valueOf(violation.getMessage()).split("\n", 3);
                System.out.println("  " + String.join("\n  ", java.util.Arrays.copyOf(lines, Math.min(2, lines.length))));
                failed.put(seed, violation.invariant());
                continue;
            }
            passed++;
            steps += result.steps();
            committed += result.committed();
            acknowledged += result.acknowledged();
            simulatedMs += result.simulatedMs();
            result.stats().forEach((what, howMany) -> stats.merge(what, howMany, Long::sum));
            for (FaultMix mix : FaultMix.values()) {
                if (result.plan().contains("faults " + mix + " ")) {
                    byMix.merge(mix, 1, Integer::sum);
                }
            }
        }
        System.out.println("SimulationSeedsTest " + name + ": " + passed + " of " + count + " runs passed (seeds "
                + firstSeed + ".." + (firstSeed + count - 1) + "): " + steps + " steps, " + simulatedMs / 1000
                + " s simulated, " + committed + " entries committed, " + acknowledged + " writes acknowledged; runs "
                + byMix + "; in all " + stats);
        assertThat(failed).as("failed seeds (replay each with -Dsim.seed=<seed>)").isEmpty();
        assertThat(passed).isEqualTo(count);
    }
}
