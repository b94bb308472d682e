package io.warden.testkit;

import io.warden.common.Checks;
import io.warden.common.RandomSource;
import io.warden.common.Zxid;
import io.warden.storage.simulated.SimulatedDisk;
import io.warden.zab.DiskWrite;
import io.warden.zab.Entry;
import io.warden.zab.PeerMessage;
import io.warden.zab.ZabConfig;
import io.warden.zab.ZabCore;
import io.warden.zab.ZabInput;
import io.warden.zab.ZabOutput;
import io.warden.zab.ZabState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The host of one simulated server: feeds its core inputs and carries out the outputs in order,
 * against its disk and the simulated network, reporting to the checker what it applies. Each start
 * is a new incarnation with a new core built from what the disk holds. A crash armed inside a disk
 * operation ({@link SimulatedDisk.Crash}) ends the incarnation where it strikes, part way through
 * a step.
 */
final class SimServer {
    private static final int SYNC_DELAY_MAX_MS = 5;
    private static final int SLOW_SYNC_DELAY_MIN_MS = 50;
    private static final int SLOW_SYNC_DELAY_MAX_MS = 400;
    private static final int SNAPSHOT_EVERY_MIN_ENTRIES = 20;
    private static final int SNAPSHOT_EVERY_MAX_ENTRIES = 40;
    private static final int SNAPSHOT_DELAY_MAX_MS = 5;

    /** The statistic counting links an up-to-date follower had to reopen (a lost or misordered message). */
    static final String LINKS_REOPENED = "links reopened by up-to-date followers";

    private final long id;
    private final ZabConfig config;
    private final ServerDisk disk;
    private final Dice dice;
    private final Cluster cluster;
    private final List<ZabOutput> out = new ArrayList<>();
    private final Set<Long> takenWrites = new HashSet<>();
    private ArrayList<Entry> applied = new ArrayList<>();
    private Replica replica;
    private long incarnation;
    private boolean running;
    private boolean slowDisk;
    private long nextWriteId;
    private long reportedWriteId;
    private boolean syncInFlight;
    private int deliveredSinceSnapshot;
    private int snapshotEveryEntries;
    private boolean snapshotScheduled;
    private boolean lastAppliedDelivered;
    private long epochFloor;
    private boolean upToDateFollowerBefore;

    SimServer(long id, ZabConfig config, ServerDisk disk, Dice dice, Cluster cluster) {
        this.id = id;
        this.config = config;
        this.disk = disk;
        this.dice = dice;
        this.cluster = cluster;
    }

    /** Starts a new incarnation from the durable state: a new core, the applied state from the snapshot. */
    void boot() {
        Checks.check(!running, "server %d is already running", id);
        incarnation++;
        ServerDisk.Recovered recovered = disk.recover();
        ZabState state = recovered.state();
        applied = new ArrayList<>(recovered.history());
        if (recovered.repairs() > 0) {
            cluster.stats().count("recoveries that repaired the files");
        }
        cluster.checker().restored(id, applied);
        epochFloor = state.currentEpoch();
        nextWriteId = 1;
        reportedWriteId = 0;
        syncInFlight = false;
        takenWrites.clear();
        deliveredSinceSnapshot = 0;
        snapshotEveryEntries = dice.between(SNAPSHOT_EVERY_MIN_ENTRIES, SNAPSHOT_EVERY_MAX_ENTRIES);
        snapshotScheduled = false;
        lastAppliedDelivered = false;
        ZabCore core = new ZabCore(config, state, RandomSource.seeded(cluster.nextCoreSeed()));
        replica = cluster.replicatedServers() ? new TreeReplica(id, core, recovered.tree(), cluster.treeHost(),
                incarnation, disk::snapshotFileAt) : new CoreReplica(core);
        running = true;
        cluster.trace(id, "start", "incarnation " + incarnation + ": epochs accepted " + state.acceptedEpoch()
                + " current " + state.currentEpoch() + ", snapshot "
                + Zxid.toHex(state.snapshotZxid()) + ", " + state.log().size() + " logged after it");
        handle(new ZabInput.Start());
        if (!running) {
            return; // the process lost power inside a disk operation of its start
        }
        cluster.scheduleAt(cluster.nowMs() + dice.between(1, cluster.tickMs()), new SimEvent.TickDue(id, incarnation));
    }

    /** Power loss: the process stops; the disk keeps what was durable and perhaps some of the rest. */
    void crash() {
        Checks.check(running, "server %d is not running", id);
        running = false;
        int unsynced = disk.pendingCount();
        int lost = disk.crash();
        cluster.stats().count("crashes");
        cluster.stats().count("unsynced writes lost in crashes", lost);
        cluster.stats().count("unsynced writes kept in crashes", unsynced - lost);
        cluster.trace(id, "crash", lost + " of " + unsynced + " unsynced writes lost");
    }

    /** A tick, and the next one a tick later, give or take a tenth (clocks drift). */
    void onTick() {
        step(() -> {
            beforeCore();
            out.clear();
            replica.tick(cluster.nowMs(), out);
            afterCore();
        });
        if (!running) {
            return;
        }
        int driftMs = cluster.tickMs() / 10;
        cluster.scheduleAt(cluster.nowMs() + cluster.tickMs() + dice.between(-driftMs, driftMs),
                new SimEvent.TickDue(id, incarnation));
    }

    void onReceive(long from, PeerMessage message) {
        handle(new ZabInput.Receive(from, message));
    }

    void onPeerLost(long peer) {
        handle(new ZabInput.PeerLost(peer));
    }

    /** An operator asks this server to hand its leadership to {@code toServer}. */
    void transferLeadership(long toServer) {
        cluster.trace(id, "in", "transfer leadership to " + toServer);
        handle(new ZabInput.TransferLeadership(toServer));
    }

    void onSyncDone(long writeId) {
        syncInFlight = false;
        cluster.trace(id, "DiskSynced", writeId);
        step(() -> disk.sync(writeId));
        if (!running) {
            return;
        }
        reportedWriteId = writeId;
        handle(new ZabInput.DiskSynced(writeId));
    }

    void onSnapshotDue() {
        snapshotScheduled = false;
        if (applied.isEmpty() || !lastAppliedDelivered) {
            return;
        }
        long zxid = StateCodec.lastZxid(applied);
        step(() -> disk.saveHostSnapshot(zxid, applied, replica.tree()));
        if (!running) {
            return;
        }
        deliveredSinceSnapshot = 0;
        snapshotEveryEntries = dice.between(SNAPSHOT_EVERY_MIN_ENTRIES, SNAPSHOT_EVERY_MAX_ENTRIES);
        cluster.trace(id, "Compacted", Zxid.toHex(zxid));
        cluster.stats().count("host snapshots");
        handle(new ZabInput.Compacted(zxid));
    }

    /** Hands the core a client's writes; the ones it takes count as acknowledged once it delivers them. */
    void propose(List<Long> writeIds) {
        if (!cluster.replicatedServers()) {
            takenWrites.addAll(writeIds); // acknowledged when delivered here; a replicated server replies
        }
        cluster.trace(id, "in", "writes " + writeIds);
        step(() -> {
            beforeCore();
            out.clear();
            replica.propose(writeIds, out);
            afterCore();
        });
    }

    private void handle(ZabInput input) {
        step(() -> {
            beforeCore();
            out.clear();
            replica.handle(input, out);
            afterCore();
        });
    }

    /** Runs part of a step; power lost inside a disk operation ends this incarnation there. */
    private void step(Runnable body) {
        try {
            body.run();
        } catch (SimulatedDisk.Crash crash) {
            cluster.lostPower(id, crash.getMessage());
        }
    }

    /** Notes what the core was before a step, for what the step's outputs mean. */
    private void beforeCore() {
        ZabCore core = replica.zab();
        upToDateFollowerBefore = core.isUpToDate() && !core.isEstablishedLeader();
    }

    /** Carries out what the core asked for, then checks and schedules what follows. */
    private void afterCore() {
        for (ZabOutput output : out) {
            carryOut(output);
        }
        replica.check();
        long epoch = replica.zab().currentEpoch();
        cluster.checker().currentEpoch(id, epochFloor, epoch);
        epochFloor = epoch;
        if (!snapshotScheduled && deliveredSinceSnapshot >= snapshotEveryEntries) {
            snapshotScheduled = true;
            cluster.scheduleAt(cluster.nowMs() + dice.between(0, SNAPSHOT_DELAY_MAX_MS),
                    new SimEvent.SnapshotDue(id, incarnation));
        }
        if (!syncInFlight && nextWriteId - 1 > reportedWriteId) {
            syncInFlight = true;
            int delayMs = slowDisk ? dice.between(SLOW_SYNC_DELAY_MIN_MS, SLOW_SYNC_DELAY_MAX_MS)
                    : dice.between(1, SYNC_DELAY_MAX_MS);
            cluster.scheduleAt(cluster.nowMs() + delayMs, new SimEvent.SyncDone(id, incarnation, nextWriteId - 1));
        }
    }

    private void carryOut(ZabOutput output) {
        if (output instanceof ZabOutput.Send send) {
            if (send.message() instanceof PeerMessage.FollowerInfo && upToDateFollowerBefore) {
                cluster.stats().count(LINKS_REOPENED);
                cluster.trace(id, "link reopened", "by an up-to-date follower");
            }
            cluster.send(id, send.to(), send.message());
        } else if (output instanceof ZabOutput.Persist persist) {
            Checks.check(persist.writeId() == nextWriteId, "server %d: Persist write id %d, expected %d",
                    id, persist.writeId(), nextWriteId);
            nextWriteId++;
            disk.write(persist.writeId(), persist.write());
            if (!(persist.write() instanceof DiskWrite.Append)) {
                cluster.trace(id, "out", persist);
                cluster.stats().count("disk " + persist.write().getClass().getSimpleName());
            }
        } else if (output instanceof ZabOutput.Deliver deliver) {
            deliver(deliver.entry());
        } else if (output instanceof ZabOutput.SendSnapshot snapshot) {
            long last = StateCodec.lastZxid(applied);
            Checks.check(snapshot.zxid() <= last, "server %d: SendSnapshot at %s but the applied state ends at %s",
                    id, Zxid.toHex(snapshot.zxid()), Zxid.toHex(last));
            cluster.trace(id, "out", snapshot);
            cluster.stats().count("snapshots sent");
            cluster.send(id, snapshot.to(), new PeerMessage.Snap(snapshot.link(), snapshot.seq(), snapshot.zxid(),
                    StateCodec.encodeUpTo(applied, snapshot.zxid())));
        } else if (output instanceof ZabOutput.Restore restore) {
            List<Entry> state = replica.restoredHistory(restore);
            Checks.check(StateCodec.lastZxid(state) == restore.zxid(), "server %d: Restore at %s of a state ending at %s",
                    id, Zxid.toHex(restore.zxid()), Zxid.toHex(StateCodec.lastZxid(state)));
            cluster.trace(id, "out", restore);
            cluster.checker().restored(id, state);
            cluster.stats().count(state.size() < applied.size() ? "restores behind the applied state" : "restores");
            applied = new ArrayList<>(state);
            lastAppliedDelivered = false;
            deliveredSinceSnapshot = 0;
        } else if (output instanceof ZabOutput.Rejected rejected) {
            cluster.trace(id, "out", rejected);
            cluster.stats().count("writes rejected " + rejected.reason(), rejected.payloads().size());
            if (!cluster.replicatedServers()) { // a replicated server's client sees its connection close instead
                for (byte[] payload : rejected.payloads()) {
                    long writeId = Payloads.writeId(payload);
                    takenWrites.remove(writeId);
                    cluster.rejected(writeId);
                }
            }
        } else if (output instanceof ZabOutput.Established established) {
            cluster.trace(id, "out", established);
            cluster.checker().established(id, established.epoch());
            cluster.stats().count("epochs established");
        } else if (output instanceof ZabOutput.StateChanged changed) {
            cluster.trace(id, "out", changed);
        } else if (output instanceof ZabOutput.TransferRefused refused) {
            cluster.trace(id, "out", refused);
            cluster.stats().count("leadership transfers refused " + refused.reason());
        } else {
            throw new IllegalArgumentException("unknown output " + output);
        }
    }

    private void deliver(Entry entry) {
        cluster.checker().applied(id, applied.size(), entry);
        applied.add(entry);
        lastAppliedDelivered = true;
        deliveredSinceSnapshot++;
        cluster.trace(id, "Deliver", entry);
        long writeId = Payloads.writeId(entry.payload());
        if (takenWrites.remove(writeId)) {
            cluster.checker().acknowledged(writeId, entry.zxid());
        }
    }

    long id() {
        return id;
    }

    boolean isRunning() {
        return running;
    }

    long incarnation() {
        return incarnation;
    }

    /** The current (or, while crashed, the last) core; null before the first start. */
    ZabCore core() {
        return replica == null ? null : replica.zab();
    }

    ServerDisk disk() {
        return disk;
    }

    ZabConfig config() {
        return config;
    }

    List<Entry> applied() {
        return applied;
    }

    void setSlowDisk(boolean slow) {
        this.slowDisk = slow;
    }
}
