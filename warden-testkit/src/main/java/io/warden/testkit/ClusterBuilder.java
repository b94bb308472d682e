package io.warden.testkit;

import io.warden.zab.ZabConfig;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** How to build a {@link Cluster}: its size, its cores' configuration and its simulated hardware. */
public final class ClusterBuilder {
    private final long seed;
    private int voters = 3;
    private int observers;
    private int tickMs = 100;
    private int delayMinMs = 1;
    private int delayMaxMs = 20;
    private long stepLimit = 5_000_000;
    private UnaryOperator<ZabConfig> configure = UnaryOperator.identity();
    private LinkFaults linkFaults = LinkFaults.NONE;
    private boolean lyingDisk;
    private boolean replicatedServers;
    private boolean keepTrace;
    private Consumer<String> echo;
    private String replayHint;

    ClusterBuilder(long seed) {
        this.seed = seed;
    }

    /** Voters get ids 1 to {@code count}. */
    public ClusterBuilder voters(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one voter: " + count);
        }
        this.voters = count;
        return this;
    }

    /** Observers get the ids after the voters'. */
    public ClusterBuilder observers(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("observers: " + count);
        }
        this.observers = count;
        return this;
    }

    /** Simulated time between two ticks of a server. */
    public ClusterBuilder tickMs(int ms) {
        if (ms < 1) {
            throw new IllegalArgumentException("tickMs: " + ms);
        }
        this.tickMs = ms;
        return this;
    }

    /** The range of a message's delay (before any reordering delay). */
    public ClusterBuilder delayMs(int minMs, int maxMs) {
        this.delayMinMs = minMs;
        this.delayMaxMs = maxMs;
        return this;
    }

    /** Events after which a run counts as stuck. */
    public ClusterBuilder stepLimit(long steps) {
        this.stepLimit = steps;
        return this;
    }

    /** Adjusts each server's {@link ZabConfig} (which starts as {@code ZabConfig.of(id, voters, observers)}). */
    public ClusterBuilder configure(UnaryOperator<ZabConfig> configure) {
        this.configure = configure;
        return this;
    }

    public ClusterBuilder linkFaults(LinkFaults faults) {
        this.linkFaults = faults;
        return this;
    }

    /** Prints every trace line as it happens. */
    public ClusterBuilder echoTrace(Consumer<String> echo) {
        this.echo = echo;
        return this;
    }

    /** How to replay this cluster's run, for violation messages. */
    ClusterBuilder replayHint(String hint) {
        this.replayHint = hint;
        return this;
    }

    /**
     * Runs the request pipeline with a real tree over each consensus core ({@code
     * ReplicatedServer}): writes are clients creating znodes, and replicas at the same zxid must
     * hold the same tree. Their records go through the real storage code ({@code ReplicaStore},
     * snapshot files, {@code ReplicaRecovery} at a restart) on simulated file stores.
     */
    public ClusterBuilder replicatedServers(boolean replicated) {
        this.replicatedServers = replicated;
        return this;
    }

    boolean replicatedServers() {
        return replicatedServers;
    }

    /** Disks that report syncs they did not do (bare cores only): for proving the checker catches it. */
    ClusterBuilder lyingDisk(boolean lying) {
        this.lyingDisk = lying;
        return this;
    }

    /** Keeps every trace line, not just the last ones. */
    ClusterBuilder keepTrace(boolean keep) {
        this.keepTrace = keep;
        return this;
    }

    public Cluster build() {
        return new Cluster(this);
    }

    long seed() {
        return seed;
    }

    int voters() {
        return voters;
    }

    int observers() {
        return observers;
    }

    int tickMs() {
        return tickMs;
    }

    int delayMinMs() {
        return delayMinMs;
    }

    int delayMaxMs() {
        return delayMaxMs;
    }

    long stepLimit() {
        return stepLimit;
    }

    UnaryOperator<ZabConfig> configure() {
        return configure;
    }

    LinkFaults linkFaults() {
        return linkFaults;
    }

    boolean lyingDisk() {
        return lyingDisk;
    }

    boolean keepTrace() {
        return keepTrace;
    }

    String replayHint() {
        return replayHint;
    }

    Consumer<String> echo() {
        return echo;
    }
}
