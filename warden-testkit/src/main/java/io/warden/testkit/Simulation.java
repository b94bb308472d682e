package io.warden.testkit;

import io.warden.zab.ZabConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One randomised run, entirely decided by its seed: an ensemble of 3, 5 or 7 voters (sometimes
 * with observers), a fault mix, core limits and a workload. A fault phase injects faults while
 * clients write; then everything heals (crashed servers restart, partitions and losses end) and
 * the run must commit a write proposed after healing and bring every server to the committed
 * history within {@link #HEAL_BOUND_MS}. Every invariant is checked after every step; any
 * failure throws a {@link SimulationViolation} naming the seed.
 */
public final class Simulation {
    /** How long after healing a run has to commit a new write and converge. */
    public static final long HEAL_BOUND_MS = 60_000;
    private static final long STEP_LIMIT = 3_000_000;
    /** The share of runs whose servers run the request pipeline with real trees over their cores. */
    private static final double REPLICATED_SERVERS_SHARE = 0.25;

    private final long seed;
    private final Variant variant;
    private final Consumer<String> echo;

    Simulation(long seed, Variant variant, Consumer<String> echo) {
        this.seed = seed;
        this.variant = variant;
        this.echo = echo;
    }

    /** Runs seed {@code seed}; throws {@link SimulationViolation} when anything breaks. */
    public static RunResult run(long seed) {
        return new Simulation(seed, Variant.CORRECT, null).run();
    }

    /** Runs seed {@code seed}, handing every trace line to {@code echo} as it happens. */
    public static RunResult replay(long seed, Consumer<String> echo) {
        return new Simulation(seed, Variant.CORRECT, echo).run();
    }

    RunResult run() {
        RunPlan plan = RunPlan.draw(Dice.stream(seed, 100), variant.mixes());
        ClusterBuilder builder = Cluster.builder(seed).voters(plan.voters()).observers(plan.observers())
                .configure(config -> configure(plan, config)).lyingDisk(variant.lyingDisk()).stepLimit(STEP_LIMIT)
                .linkFaults(plan.linkFaults()).replayHint(replayHint());
        boolean replicated = switch (variant.hosts()) {
            case DRAWN -> Dice.stream(seed, 103).chance(REPLICATED_SERVERS_SHARE);
            case BARE_CORES -> false;
            case REPLICATED_SERVERS -> true;
        };
        builder.replicatedServers(replicated);
        if (echo != null) {
            builder.echoTrace(echo);
        }
        Cluster cluster = builder.build();
        cluster.trace(0, "plan", variant.name() + ": " + plan.describe()
                + (replicated ? ", replicated servers with real trees on the real storage code" : ", bare cores"));
        if (replicated) {
            cluster.stats().count("runs with replicated servers");
        }
        Workload workload = new Workload(cluster, Dice.stream(seed, 101), plan.writeIntervalMs());
        Nemesis nemesis = new Nemesis(cluster, Dice.stream(seed, 102), plan.mix(), plan.faultIntervalMs());
        workload.start();
        nemesis.start();
        cluster.runFor(plan.faultPhaseMs());

        nemesis.stop();
        healEverything(cluster);
        long healedAtMs = cluster.nowMs();
        long firstNewWrite = cluster.nextWriteId();
        if (!cluster.runUntil(c -> c.checker().highestCommittedWriteId() >= firstNewWrite, HEAL_BOUND_MS)) {
            throw cluster.violation(Invariants.LIVENESS, "no write proposed after healing (at " + healedAtMs
                    + " ms) was committed within " + HEAL_BOUND_MS + " ms; " + status(cluster), null);
        }
        workload.stop();
        long leftMs = healedAtMs + HEAL_BOUND_MS - cluster.nowMs();
        if (!cluster.runUntil(Cluster::converged, leftMs)) {
            throw cluster.violation(Invariants.LIVENESS, "the servers did not all reach the committed history within "
                    + HEAL_BOUND_MS + " ms of healing (at " + healedAtMs + " ms); " + status(cluster), null);
        }
        cluster.checkConverged();
        long reopened = cluster.stats().counts().getOrDefault(SimServer.LINKS_REOPENED, 0L);
        if (plan.mix() == FaultMix.NONE && plan.counterMax() == 0 && reopened > 0) {
            // no message was lost or reordered and no leader stepped down: nothing may break a link
            throw cluster.violation(Invariants.LINKS_HOLD, reopened + " links reopened without any fault; "
                    + status(cluster), null);
        }
        cluster.stats().count("messages sent", cluster.network().sentCount());
        cluster.stats().count("messages dropped", cluster.network().droppedCount());
        cluster.stats().count("messages duplicated", cluster.network().duplicatedCount());
        return new RunResult(seed, plan.describe(), cluster.steps(), cluster.nowMs(),
                cluster.checker().committedCount(), cluster.checker().acknowledgedCount(),
                cluster.checker().leaders().size(), cluster.stats().counts());
    }

    private String replayHint() {
        if (variant == Variant.CORRECT) {
            return "mvn -B -o verify -pl warden-testkit -Dtest=SimulationSeedsTest -Dsim.seed=" + seed;
        }
        if (variant == Variant.REPLICATED_ON_FILES) {
            return "mvn -B -o verify -pl warden-testkit -Dtest=ReplicatedFilesSeedsTest -Dsim.seed=" + seed;
        }
        return "seed " + seed + " of variant '" + variant.name() + "' (BrokenVariantsTest)";
    }

    private ZabConfig configure(RunPlan plan, ZabConfig config) {
        return variant.configure().apply(plan.configure().apply(config));
    }

    private static void healEverything(Cluster cluster) {
        cluster.disarmCrashes();
        cluster.heal();
        cluster.setLinkFaults(LinkFaults.NONE);
        for (long id : cluster.ids()) {
            cluster.setSlowDisk(id, false);
        }
        for (long id : cluster.crashedIds()) {
            cluster.restart(id);
        }
    }

    /** Each server's role, epoch and applied count against the committed history's. */
    private static String status(Cluster cluster) {
        List<String> servers = new ArrayList<>();
        for (long id : cluster.ids()) {
            servers.add("s" + id + " " + cluster.core(id).state() + " epoch " + cluster.core(id).currentEpoch()
                    + " applied " + cluster.applied(id).size());
        }
        return "committed " + cluster.checker().committedCount() + "; " + String.join(", ", servers);
    }
}
