package io.warden.testkit;

import io.warden.common.Checks;
import io.warden.common.Zxid;
import io.warden.tree.DataTree;
import io.warden.zab.DiskWrite;
import io.warden.zab.Entry;
import io.warden.zab.SnapshotImage;
import io.warden.zab.ZabState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One server's simulated disk of records, for bare cores (whose payloads are not transactions and
 * whose state is not a tree, so the real files cannot hold them). Writes wait unsynced until a
 * sync makes them durable, in order. A crash loses unsynced writes except a random prefix of them
 * (real disks persist some unsynced writes; the core must depend on neither). A lying disk reports
 * syncs it did not do.
 */
final class SimDisk implements ServerDisk {
    private record Pending(long writeId, DiskWrite write) {
    }

    private final long server;
    private final Dice dice;
    private final boolean lying;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ArrayList<Entry> log = new ArrayList<>();
    private long acceptedEpoch;
    private long currentEpoch;
    private long snapshotZxid;
    private List<Entry> snapshot = List.of();
    private long version;

    /**
     * @param server whose disk this is, for messages
     * @param lying when true, about half the syncs leave their writes unsynced (a crash then loses
     *     them) while the host still reports them durable
     */
    SimDisk(long server, Dice dice, boolean lying) {
        this.server = server;
        this.dice = dice;
        this.lying = lying;
    }

    /** Queues a write; nothing is durable until a sync. */
    @Override
    public void write(long writeId, DiskWrite write) {
        pending.addLast(new Pending(writeId, write));
    }

    @Override
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    @Override
    public int pendingCount() {
        return pending.size();
    }

    /** Makes every write up to {@code writeId} durable (unless this disk lies this time). */
    @Override
    public void sync(long writeId) {
        if (lying && dice.chance(0.5)) {
            return;
        }
        while (!pending.isEmpty() && pending.peekFirst().writeId() <= writeId) {
            apply(pending.pollFirst().write());
        }
    }

    /** Power loss: a random prefix of the unsynced writes reaches the disk, the rest is lost; returns how many. */
    @Override
    public int crash() {
        int surviving = lying ? 0 : dice.between(0, pending.size());
        for (int i = 0; i < surviving; i++) {
            apply(pending.pollFirst().write());
        }
        int lost = pending.size();
        pending.clear();
        return lost;
    }

    /**
     * The host saved a snapshot of its applied state: first everything written so far reaches the
     * disk (earlier than reported, which is always allowed), then the snapshot, durable at once;
     * the log up to it is dropped.
     */
    @Override
    public SnapshotImage snapshotFileAt(long zxid) {
        throw new UnsupportedOperationException("server " + server + ": a disk of records has no snapshot files;"
                + " a bare core's host sends its applied history");
    }

    @Override
    public void saveHostSnapshot(long zxid, List<Entry> state, DataTree tree) {
        Checks.check(StateCodec.lastZxid(state) == zxid, "server %d: host snapshot at %s holds a state ending at %s",
                server, Zxid.toHex(zxid), Zxid.toHex(StateCodec.lastZxid(state)));
        while (!pending.isEmpty()) {
            apply(pending.pollFirst().write());
        }
        snapshotZxid = zxid;
        snapshot = List.copyOf(state);
        log.removeIf(entry -> entry.zxid() <= zxid);
        version++;
    }

    private void apply(DiskWrite write) {
        version++;
        if (write instanceof DiskWrite.Append append) {
            Entry entry = append.entry();
            long last = StateCodec.lastZxid(log);
            Checks.check(log.isEmpty() || entry.zxid() > last, "server %d: append of %s after %s: the log must stay in zxid order",
                    server, Zxid.toHex(entry.zxid()), Zxid.toHex(last));
            log.add(entry);
        } else if (write instanceof DiskWrite.TruncateAfter truncate) {
            log.removeIf(entry -> entry.zxid() > truncate.zxid());
        } else if (write instanceof DiskWrite.SaveEpochs epochs) {
            saveEpochs(epochs);
        } else if (write instanceof DiskWrite.InstallSnapshot install) {
            List<Entry> state = StateCodec.decode(install.state());
            Checks.check(StateCodec.lastZxid(state) == install.zxid(), "server %d: InstallSnapshot at %s holds a state ending at %s",
                    server, Zxid.toHex(install.zxid()), Zxid.toHex(StateCodec.lastZxid(state)));
            snapshotZxid = install.zxid();
            snapshot = state;
            log.clear();
        } else {
            throw new IllegalArgumentException("unknown disk write " + write);
        }
    }

    private void saveEpochs(DiskWrite.SaveEpochs epochs) {
        if (epochs.acceptedEpoch() < acceptedEpoch || epochs.currentEpoch() < currentEpoch) {
            throw new CheckFailure(Invariants.EPOCHS_NEVER_DECREASE, "server " + server + ": SaveEpochs(accepted " + epochs.acceptedEpoch()
                    + ", current " + epochs.currentEpoch() + ") over durable (accepted " + acceptedEpoch
                    + ", current " + currentEpoch + ")");
        }
        if (epochs.currentEpoch() > epochs.acceptedEpoch()) {
            throw new CheckFailure(Invariants.EPOCH_ACCEPTED_FIRST, "server " + server + ": SaveEpochs(accepted "
                    + epochs.acceptedEpoch() + ", current " + epochs.currentEpoch() + "): a state ZabState refuses");
        }
        acceptedEpoch = epochs.acceptedEpoch();
        currentEpoch = epochs.currentEpoch();
    }

    /** Whether the durable state (snapshot or log) holds exactly this entry. */
    @Override
    public boolean holds(Entry entry) {
        List<Entry> where = entry.zxid() <= snapshotZxid ? snapshot : log;
        int index = StateCodec.indexOf(where, entry.zxid());
        return index >= 0 && Arrays.equals(where.get(index).payload(), entry.payload());
    }

    @Override
    public Recovered recover() {
        return new Recovered(toZabState(), snapshot, null, 0);
    }

    @Override
    public void armCrash(int operationsAhead) {
        throw new IllegalStateException("server " + server + ": a disk of records has no operations to crash inside");
    }

    @Override
    public void disarmCrash() {
    }

    /** What a restarting server finds: the durable epochs, snapshot zxid and the log after it. */
    ZabState toZabState() {
        List<Entry> after = new ArrayList<>();
        for (Entry entry : log) {
            if (entry.zxid() > snapshotZxid) {
                after.add(entry);
            }
        }
        return new ZabState(acceptedEpoch, currentEpoch, snapshotZxid, after);
    }

    /** The durable snapshot's state: the history up to {@link #snapshotZxid()}. */
    List<Entry> snapshotState() {
        return snapshot;
    }

    long snapshotZxid() {
        return snapshotZxid;
    }

    /** The durable log, oldest first. */
    List<Entry> durableLog() {
        return List.copyOf(log);
    }

    /** Grows whenever the durable state changes. */
    @Override
    public long version() {
        return version;
    }
}
