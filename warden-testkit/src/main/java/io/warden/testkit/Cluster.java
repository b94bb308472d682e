package io.warden.testkit;

import io.warden.common.Checks;
import io.warden.zab.Entry;
import io.warden.zab.PeerMessage;
import io.warden.zab.ZabConfig;
import io.warden.zab.ZabCore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A simulated ensemble: servers hosting real {@link ZabCore}s (bare, on simulated disks of
 * records, or under replicated servers, on the real storage code over simulated file stores)
 * over a simulated network, driven one event at a time in simulated time. Every invariant is checked after every
 * event; a broken one throws a {@link SimulationViolation}. Everything is decided by the seed,
 * so a run replays exactly.
 *
 * <p>Tests script scenarios with {@link #runFor}, {@link #runUntil}, faults ({@link #crash},
 * {@link #restart}, {@link #partition}, {@link #isolate}, {@link #block}, {@link #heal}) and
 * writes ({@link #propose}), and look at the result through {@link #leader()},
 * {@link #core(long)}, {@link #applied(long)} and {@link #checker()}.
 */
public final class Cluster {
    private static final int TRACE_LINES = 40;
    private static final int REJECTED_KEPT_MAX = 200;

    private final long seed;
    private final int tickMs;
    private final long stepLimit;
    private final EventQueue queue = new EventQueue();
    private final Network network;
    private final Checker checker;
    private final Trace trace;
    private final Dice coreSeeds;
    private final TreeMap<Long, SimServer> servers = new TreeMap<>();
    private final Map<Long, ServerDisk> voterDisks = new LinkedHashMap<>();
    private final Set<Long> voters;
    private final Set<Long> observers;
    private final ArrayDeque<Long> rejectedWrites = new ArrayDeque<>();
    private final RunStats stats = new RunStats();
    private final Set<Long> crashOnUnsyncedWrite = new TreeSet<>();
    private final String replayHint;
    private long nowMs;
    private long steps;
    private long nextWriteId = 1;
    private final boolean replicatedServers;
    private final TreeDigests treeDigests = new TreeDigests();
    private final TreeReplica.Host treeHost = new TreeReplica.Host() {
        @Override
        public long nowMs() {
            return nowMs;
        }

        @Override
        public List<Entry> committedUpTo(long server, long zxid) {
            return checker.committedUpTo(server, zxid);
        }

        @Override
        public void acknowledged(long writeId, long zxid) {
            checker.acknowledged(writeId, zxid);
        }

        @Override
        public void rejected(long writeId) {
            Cluster.this.rejected(writeId);
        }

        @Override
        public TreeDigests digests() {
            return treeDigests;
        }
    };

    Cluster(ClusterBuilder builder) {
        this.replicatedServers = builder.replicatedServers();
        if (replicatedServers && builder.lyingDisk()) {
            throw new IllegalArgumentException("a lying disk holds records for bare cores only; replicated servers"
                    + " keep theirs in the real files");
        }
        this.seed = builder.seed();
        this.tickMs = builder.tickMs();
        this.stepLimit = builder.stepLimit();
        this.replayHint = builder.replayHint() != null ? builder.replayHint()
                : "rerun the scripted test that built this cluster (Cluster.builder(" + builder.seed() + "))";
        this.trace = new Trace(TRACE_LINES, builder.keepTrace(), builder.echo());
        this.network = new Network(Dice.stream(seed, 1).nextLong(), queue, builder.delayMinMs(), builder.delayMaxMs());
        this.network.setFaults(builder.linkFaults());
        this.coreSeeds = Dice.stream(seed, 2);
        Set<Long> voterIds = new TreeSet<>();
        Set<Long> observerIds = new TreeSet<>();
        for (long id = 1; id <= builder.voters(); id++) {
            voterIds.add(id);
        }
        for (long id = builder.voters() + 1; id <= builder.voters() + builder.observers(); id++) {
            observerIds.add(id);
        }
        this.voters = Collections.unmodifiableSet(voterIds);
        this.observers = Collections.unmodifiableSet(observerIds);
        this.checker = new Checker(voters);
        Dice disks = Dice.stream(seed, 3);
        Dice hosts = Dice.stream(seed, 4);
        for (long id = 1; id <= builder.voters() + builder.observers(); id++) {
            ZabConfig config = builder.configure().apply(ZabConfig.of(id, voters, observers));
            long server = id;
            ServerDisk disk = replicatedServers
                    ? new ReplicaFiles(id, Dice.seeded(disks.nextLong()), zxid -> checker.committedUpTo(server, zxid),
                            note -> trace(server, "files", note))
                    : new SimDisk(id, Dice.seeded(disks.nextLong()), builder.lyingDisk());
            servers.put(id, new SimServer(id, config, disk, Dice.seeded(hosts.nextLong()), this));
            if (voters.contains(id)) {
                voterDisks.put(id, disk);
            }
        }
        trace(0, "cluster", "seed " + seed + ", voters " + voters + ", observers " + observers);
        guarded(() -> {
            for (SimServer server : servers.values()) {
                server.boot();
            }
            checker.lastCommittedDurable(voterDisks);
        });
    }

    /** A cluster of three voters built from {@code seed}; see {@link ClusterBuilder} for the rest. */
    public static ClusterBuilder builder(long seed) {
        return new ClusterBuilder(seed);
    }

    // ---- running

    /** Processes the next event and checks every invariant; false when nothing is left to happen. */
    public boolean step() {
        EventQueue.Scheduled next = queue.poll();
        if (next == null) {
            return false;
        }
        nowMs = next.timeMs();
        steps++;
        queue.beginStep(steps);
        if (steps > stepLimit) {
            throw violation(Invariants.LIVENESS, "the run took more than " + stepLimit + " steps", null);
        }
        guarded(() -> {
            dispatch(next.event());
            checker.lastCommittedDurable(voterDisks);
            if (!crashOnUnsyncedWrite.isEmpty()) {
                springCrashTraps();
            }
        });
        return true;
    }

    /** Runs every event of the next {@code durationMs} of simulated time. */
    public void runFor(long durationMs) {
        long untilMs = nowMs + durationMs;
        while (queue.peek() != null && queue.peek().timeMs() <= untilMs) {
            step();
        }
        nowMs = untilMs;
    }

    /**
     * Runs until {@code condition} holds (tested after every step) or {@code maxMs} of simulated
     * time pass; returns whether it holds.
     */
    public boolean runUntil(Predicate<Cluster> condition, long maxMs) {
        long untilMs = nowMs + maxMs;
        if (condition.test(this)) {
            return true;
        }
        while (queue.peek() != null && queue.peek().timeMs() <= untilMs) {
            step();
            if (condition.test(this)) {
                return true;
            }
        }
        nowMs = untilMs;
        return condition.test(this);
    }

    // ---- faults

    /** Crashes a running server: it stops, and its disk loses unsynced writes (perhaps not all). */
    public void crash(long id) {
        if (!server(id).isRunning()) {
            throw new IllegalStateException("server " + id + " is not running");
        }
        if (server(id).core().isEstablishedLeader()) {
            stats.count("leader crashes");
        }
        guarded(() -> {
            server(id).crash();
            checker.lastCommittedDurable(voterDisks);
            tellPeersLost(id);
        });
    }

    /**
     * Crashes {@code id} inside its disk operation number {@code operationsAhead} from now (on the
     * real files only): part way through a sync, a truncation, an epoch file, a snapshot install,
     * a host snapshot or a purge.
     */
    public void crashDuringDiskWrite(long id, int operationsAhead) {
        SimServer server = server(id);
        if (!server.isRunning()) {
            throw new IllegalStateException("server " + id + " is not running");
        }
        server.disk().armCrash(operationsAhead);
        trace(id, "crash armed", "inside disk operation " + operationsAhead + " from now");
    }

    /** Server {@code id} lost power inside a disk operation, part way through a step of its own. */
    void lostPower(long id, String where) {
        stats.count("crashes inside a disk operation");
        if (server(id).core().isEstablishedLeader()) {
            stats.count("leader crashes");
        }
        trace(id, "power lost", where);
        server(id).crash();
        tellPeersLost(id);
    }

    /** A dead process's connections close: the others' transports tell their cores. */
    private void tellPeersLost(long id) {
        for (long other : runningIds()) {
            if (server(other).isRunning()) { // an earlier one may have lost power meanwhile
                server(other).onPeerLost(id);
            }
        }
    }

    /** Crashes {@code id} right after the next step that leaves it with unsynced writes. */
    public void crashOnUnsyncedWrite(long id) {
        server(id);
        crashOnUnsyncedWrite.add(id);
        trace(id, "crash armed", "at the next unsynced write");
    }

    /** Disarms every {@link #crashOnUnsyncedWrite} and {@link #crashDuringDiskWrite} not sprung yet. */
    public void disarmCrashes() {
        crashOnUnsyncedWrite.clear();
        for (SimServer server : servers.values()) {
            server.disk().disarmCrash();
        }
    }

    /** Restarts a crashed server from what its disk holds. */
    public void restart(long id) {
        if (server(id).isRunning()) {
            throw new IllegalStateException("server " + id + " is running");
        }
        crashOnUnsyncedWrite.remove(id);
        guarded(() -> {
            server(id).boot();
            checker.lastCommittedDurable(voterDisks);
        });
    }

    /** Cuts every link between {@code a} and {@code b}, both ways (until {@link #heal()}). */
    public void partition(Set<Long> a, Set<Long> b) {
        for (long x : a) {
            for (long y : b) {
                network.block(x, y);
                network.block(y, x);
            }
        }
        trace(0, "partition", new TreeSet<>(a) + " | " + new TreeSet<>(b));
    }

    /** Cuts {@code id} off from every other server. */
    public void isolate(long id) {
        Set<Long> others = new TreeSet<>(servers.keySet());
        others.remove(id);
        partition(Set.of(id), others);
    }

    /** Drops every message from {@code from} to {@code to}, but not the other way. */
    public void block(long from, long to) {
        network.block(from, to);
        trace(0, "block", from + " -> " + to);
    }

    /** Removes every partition and block. */
    public void heal() {
        network.unblockAll();
        trace(0, "heal", null);
    }

    /** How the network treats messages from now on. */
    public void setLinkFaults(LinkFaults faults) {
        network.setFaults(faults);
        trace(0, "link faults", faults);
    }

    /** Makes a server's disk syncs take 50 to 400 ms instead of a few. */
    public void setSlowDisk(long id, boolean slow) {
        server(id).setSlowDisk(slow);
        trace(id, "slow disk", slow);
    }

    // ---- operators

    /**
     * An operator asks server {@code from} to hand leadership to {@code to}; it refuses unless it
     * is the established leader and {@code to} a synchronised voting follower.
     */
    public void transferLeadership(long from, long to) {
        SimServer server = server(from);
        if (!server.isRunning()) {
            throw new IllegalStateException("server " + from + " is not running");
        }
        stats.count("leadership transfers asked");
        guarded(() -> {
            server.transferLeadership(to);
            checker.lastCommittedDurable(voterDisks);
        });
    }

    // ---- writes

    /**
     * A client hands {@code id} {@code count} new writes; returns their write ids (see
     * {@link Payloads}). A server that is not an established leader rejects them.
     */
    public List<Long> propose(long id, int count) {
        List<Long> writeIds = newWriteIds(count);
        proposeWrites(id, writeIds);
        return writeIds;
    }

    void proposeWrites(long id, List<Long> writeIds) {
        SimServer server = server(id);
        if (!server.isRunning()) {
            throw new IllegalStateException("server " + id + " is not running");
        }
        guarded(() -> {
            server.propose(writeIds);
            checker.lastCommittedDurable(voterDisks);
        });
    }

    // ---- looking

    /** The established leader: among running servers that say so, the one of the newest epoch. */
    public OptionalLong leader() {
        long leader = 0;
        long epoch = -1;
        for (SimServer server : servers.values()) {
            if (server.isRunning() && server.core().isEstablishedLeader() && server.core().currentEpoch() > epoch) {
                leader = server.id();
                epoch = server.core().currentEpoch();
            }
        }
        return epoch < 0 ? OptionalLong.empty() : OptionalLong.of(leader);
    }

    /** The core of server {@code id} (while crashed: the one that crashed). */
    public ZabCore core(long id) {
        return server(id).core();
    }

    /** What server {@code id} has applied, from the start of time. */
    public List<Entry> applied(long id) {
        return Collections.unmodifiableList(server(id).applied());
    }

    public boolean isRunning(long id) {
        return server(id).isRunning();
    }

    /** The global committed history and what else the invariants track. */
    public Checker checker() {
        return checker;
    }

    /** Every server, voters first. */
    public Set<Long> ids() {
        return Collections.unmodifiableSet(servers.keySet());
    }

    public Set<Long> voters() {
        return voters;
    }

    public Set<Long> observers() {
        return observers;
    }

    public long seed() {
        return seed;
    }

    public long nowMs() {
        return nowMs;
    }

    public long steps() {
        return steps;
    }

    /** Whether every server runs and has applied the whole committed history. */
    public boolean converged() {
        int size = checker.committedCount();
        for (SimServer server : servers.values()) {
            if (!server.isRunning() || server.applied().size() != size) {
                return false;
            }
        }
        return true;
    }

    /** Checks that every server's applied history equals the committed history; throws if not. */
    public void checkConverged() {
        guarded(() -> {
            Map<Long, List<Entry>> histories = new TreeMap<>();
            for (SimServer server : servers.values()) {
                if (!server.isRunning()) {
                    throw new CheckFailure(Invariants.CONVERGED, "server " + server.id() + " is not running");
                }
                histories.put(server.id(), server.applied());
            }
            checker.converged(histories);
        });
    }

    /** The last {@code count} trace lines. */
    public List<String> traceTail(int count) {
        return trace.last(count);
    }

    // ---- for the simulation and the servers

    /** Every trace line of the run, when the builder asked to keep them. */
    List<String> fullTrace() {
        return trace.all();
    }

    int tickMs() {
        return tickMs;
    }

    RunStats stats() {
        return stats;
    }

    boolean replicatedServers() {
        return replicatedServers;
    }

    TreeReplica.Host treeHost() {
        return treeHost;
    }

    long nextCoreSeed() {
        return coreSeeds.nextLong();
    }

    long nextWriteId() {
        return nextWriteId;
    }

    List<Long> newWriteIds(int count) {
        List<Long> writeIds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            writeIds.add(nextWriteId++);
        }
        return writeIds;
    }

    /** Rejected writes a client may retry, oldest first; taking them forgets them. */
    List<Long> takeRejected(int max) {
        List<Long> taken = new ArrayList<>();
        while (taken.size() < max && !rejectedWrites.isEmpty()) {
            taken.add(rejectedWrites.pollFirst());
        }
        return taken;
    }

    void rejected(long writeId) {
        rejectedWrites.addLast(writeId);
        if (rejectedWrites.size() > REJECTED_KEPT_MAX) {
            rejectedWrites.pollFirst();
        }
    }

    List<Long> runningIds() {
        List<Long> running = new ArrayList<>();
        for (SimServer server : servers.values()) {
            if (server.isRunning()) {
                running.add(server.id());
            }
        }
        return running;
    }

    List<Long> crashedIds() {
        List<Long> crashed = new ArrayList<>();
        for (SimServer server : servers.values()) {
            if (!server.isRunning()) {
                crashed.add(server.id());
            }
        }
        return crashed;
    }

    /** Arranges {@code action} to run (as a step, with every check after it) {@code delayMs} from now. */
    void scheduleIn(long delayMs, String label, Runnable action) {
        queue.schedule(nowMs + delayMs, new SimEvent.Timer(label, action));
    }

    /** Arranges {@code event} at simulated time {@code atMs}. */
    void scheduleAt(long atMs, SimEvent event) {
        queue.schedule(atMs, event);
    }

    void send(long from, long to, PeerMessage message) {
        SimServer receiver = servers.get(to);
        if (receiver == null) {
            throw new IllegalStateException("server " + from + " sent to unknown server " + to + ": " + message);
        }
        network.send(nowMs, from, to, server(from).incarnation(), receiver.incarnation(), message);
    }

    void trace(long server, String what, Object detail) {
        trace.add(nowMs, steps, server, what, detail);
    }

    Network network() {
        return network;
    }

    /** A violation of {@code invariant} at this moment of the run. */
    SimulationViolation violation(String invariant, String detail, Throwable cause) {
        return new SimulationViolation(seed, steps, nowMs, invariant, detail, replayHint, trace.last(TRACE_LINES), cause);
    }

    // ---- inside

    private SimServer server(long id) {
        SimServer server = servers.get(id);
        if (server == null) {
            throw new IllegalArgumentException("no server " + id + " in " + servers.keySet());
        }
        return server;
    }

    private void dispatch(SimEvent event) {
        if (event instanceof SimEvent.Delivery delivery) {
            deliver(delivery);
        } else if (event instanceof SimEvent.TickDue tick) {
            SimServer server = live(tick.server(), tick.incarnation());
            if (server != null) {
                server.onTick();
            }
        } else if (event instanceof SimEvent.SyncDone sync) {
            SimServer server = live(sync.server(), sync.incarnation());
            if (server != null) {
                server.onSyncDone(sync.writeId());
            }
        } else if (event instanceof SimEvent.SnapshotDue snapshot) {
            SimServer server = live(snapshot.server(), snapshot.incarnation());
            if (server != null) {
                server.onSnapshotDue();
            }
        } else if (event instanceof SimEvent.Timer timer) {
            timer.action().run();
        } else {
            throw new IllegalArgumentException("unknown event " + event);
        }
    }

    private void deliver(SimEvent.Delivery delivery) {
        SimServer to = servers.get(delivery.to());
        SimServer from = servers.get(delivery.from());
        boolean quiet = delivery.message() instanceof PeerMessage.Ping
                || delivery.message() instanceof PeerMessage.PingReply;
        // A restarted receiver never sees what was sent to its earlier life (its connections are new);
        // what a sender sent before it crashed or restarted may still arrive, late.
        if (!to.isRunning() || to.incarnation() != delivery.toIncarnation()) {
            return;
        }
        if (network.isBlocked(delivery.from(), delivery.to())) {
            if (!quiet) {
                trace(delivery.to(), "cut off from " + delivery.from(), delivery.message());
            }
            return;
        }
        if (!quiet) {
            trace(delivery.to(), "<- " + delivery.from(), delivery.message());
        }
        to.onReceive(delivery.from(), delivery.message());
    }

    /** Crashes each armed server that now has unsynced writes (the moment a crash hurts most). */
    private void springCrashTraps() {
        for (Long id : List.copyOf(crashOnUnsyncedWrite)) {
            SimServer server = servers.get(id);
            if (!server.isRunning()) {
                crashOnUnsyncedWrite.remove(id);
            } else if (server.disk().hasPending()) {
                crashOnUnsyncedWrite.remove(id);
                stats.count("crashes with unsynced writes");
                crash(id);
            }
        }
    }

    private SimServer live(long id, long incarnation) {
        SimServer server = servers.get(id);
        return server.isRunning() && server.incarnation() == incarnation ? server : null;
    }

    /** Runs {@code body}; anything it breaks becomes a {@link SimulationViolation} of this run. */
    private void guarded(Runnable body) {
        try {
            body.run();
        } catch (SimulationViolation violation) {
            throw violation;
        } catch (CheckFailure failure) {
            throw violation(failure.invariant(), failure.getMessage(), failure);
        } catch (Checks.InvariantViolation failure) {
            String invariant = thrownByHost(failure) ? Invariants.HOST_CONTRACT : Invariants.CORE_CHECK;
            throw violation(invariant, failure.getMessage(), failure);
        } catch (RuntimeException | AssertionError failure) {
            throw violation(Invariants.CORE_EXCEPTION, failure.toString(), failure);
        }
    }

    /** Whether the failed check was the simulator's own (the core broke the host contract). */
    private static boolean thrownByHost(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (!frame.getClassName().equals(Checks.class.getName())) {
                return frame.getClassName().startsWith(Cluster.class.getPackageName() + ".");
            }
        }
        return false;
    }
}
