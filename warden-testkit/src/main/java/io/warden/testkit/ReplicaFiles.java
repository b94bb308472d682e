package io.warden.testkit;

import io.warden.common.Checks;
import io.warden.common.Zxid;
import io.warden.storage.CorruptDataException;
import io.warden.storage.DataFiles;
import io.warden.storage.FileStore;
import io.warden.storage.Purger;
import io.warden.storage.ReplicaRecovery;
import io.warden.storage.ReplicaStore;
import io.warden.storage.SnapshotBytes;
import io.warden.storage.SnapshotWriter;
import io.warden.storage.TxnLogReader;
import io.warden.storage.TxnLogWriter;
import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;
import io.warden.zab.SnapshotImage;
import io.warden.zab.DiskWrite;
import io.warden.zab.Entry;
import io.warden.zab.ZabState;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A replicated server's disk: the real storage code ({@link ReplicaStore}, {@link TxnLogWriter},
 * {@link SnapshotWriter}, {@link Purger}, {@link ReplicaRecovery}) over a {@link SimulatedDisk},
 * as the daemon runs it over real directories. A record is carried out when the core issues it,
 * as the daemon's disk thread does: an append is buffered, anything else first syncs the log and
 * is durable when it returns; a sync is the disk thread's fsync of a batch. A crash keeps only
 * what the simulated disk made durable (perhaps a torn last write), and the next incarnation
 * starts from what {@link ReplicaRecovery} reads back. A crash can also be armed to strike inside
 * a disk operation: the simulated disk throws {@link SimulatedDisk.Crash} there, and the host
 * treats it as the process dying on the spot.
 */
final class ReplicaFiles implements ServerDisk {
    /** The largest record and snapshot field: far above anything the simulated clients write. */
    static final int RECORD_BYTES_MAX = 1 << 20;
    /** Small, so that runs preallocate, roll segments and leave torn tails in zeros often. */
    private static final long PREALLOCATE_BYTES = 4 * 1024;
    private static final long SEGMENT_BYTES_MAX = 16 * 1024;
    /** The smallest of the log writers' buffers (64 to 512 bytes by server). */
    private static final int LOG_BUFFER_BYTES_MIN = 64;
    /** Snapshots kept by purging after each host snapshot (the log they need stays). */
    private static final int SNAPSHOTS_RETAINED = 2;
    private static final int SNAPSHOT_CHUNK_NODES = 500;

    private final long server;
    private final Dice dice;
    private final LongFunction<List<Entry>> historyUpTo;
    private final Consumer<String> notes;
    private final SimulatedDisk disk = new SimulatedDisk();
    /** Zxids of the snapshot files this disk may hold. */
    private final TreeSet<Long> snapshotZxids = new TreeSet<>();
    private TxnLogWriter log;
    private ReplicaStore store;
    private int unsyncedAppends;
    private boolean rollDue;
    private long crashes;
    /** The last answer of {@link #holds}: for this entry at this version. */
    private Entry heldEntry;
    private long heldVersion = -1;
    private boolean held;

    /**
     * @param historyUpTo the committed history up to a zxid: what a snapshot at that zxid holds
     * @param notes hears what the storage code reports (truncations, installs, repairs at recovery)
     */
    ReplicaFiles(long server, Dice dice, LongFunction<List<Entry>> historyUpTo, Consumer<String> notes) {
        this.server = server;
        this.dice = dice;
        this.historyUpTo = historyUpTo;
        this.notes = notes;
    }

    @Override
    public void write(long writeId, DiskWrite write) {
        Checks.check(store != null, "server %d: a record for a disk that was not recovered", server);
        try {
            store.write(write);
        } catch (IOException e) {
            throw failed("carrying out " + write, e);
        }
        if (write instanceof DiskWrite.Append) {
            unsyncedAppends++;
        } else {
            unsyncedAppends = 0; // every record other than an append syncs the log first
            if (write instanceof DiskWrite.InstallSnapshot install) {
                snapshotZxids.add(install.zxid());
            }
        }
    }

    @Override
    public void sync(long writeId) {
        try {
            store.sync();
            if (rollDue) {
                rollDue = false;
                log.roll(); // the daemon rolls after the batch under way once a snapshot began
            }
        } catch (IOException e) {
            throw failed("syncing the log", e);
        }
        unsyncedAppends = 0;
    }

    @Override
    public boolean hasPending() {
        return unsyncedAppends > 0;
    }

    @Override
    public int pendingCount() {
        return unsyncedAppends;
    }

    /** The buffered appends never reached the simulated disk; it drops what was not made durable. */
    @Override
    public int crash() {
        int lost = unsyncedAppends;
        disk.crash(new SplittableRandom(dice.nextLong()));
        crashes++;
        log = null;
        store = null;
        unsyncedAppends = 0;
        rollDue = false;
        return lost;
    }

    @Override
    public Recovered recover() {
        ReplicaRecovery.Recovered recovered;
        int[] repairs = {0};
        try {
            recovered = ReplicaRecovery.recover(disk.snapshots(), disk.logs(), TreeOptions.DEFAULTS, RECORD_BYTES_MAX,
                    warning -> {
                        repairs[0]++;
                        notes.accept("recovery: " + warning);
                    });
        } catch (CorruptDataException e) {
            throw new CheckFailure(Invariants.FILES_READ_BACK, "server " + server + ": recovery refuses the files: "
                    + e.getMessage());
        } catch (IOException e) {
            throw failed("recovering", e);
        }
        ZabState state = recovered.zabState();
        long lastLogged = state.log().isEmpty() ? state.snapshotZxid() : state.log().get(state.log().size() - 1).zxid();
        // a small buffer, different per server, so that records reach the segment between syncs
        // (as large ones do in the daemon) and crashes land among them
        log = new TxnLogWriter(disk.logs(), PREALLOCATE_BYTES, SEGMENT_BYTES_MAX, true, RECORD_BYTES_MAX, lastLogged,
                LOG_BUFFER_BYTES_MIN << (server % 4));
        store = new ReplicaStore(log, disk.snapshots(), disk.logs(), notes);
        if (state.snapshotZxid() > 0) {
            snapshotZxids.add(state.snapshotZxid());
        }
        int repaired = repairs[0] + (recovered.truncatedTornTail() ? 1 : 0);
        return new Recovered(state, historyUpTo.apply(state.snapshotZxid()), recovered.tree(), repaired);
    }

    @Override
    public SnapshotImage snapshotFileAt(long zxid) {
        try {
            SnapshotImage file = SnapshotBytes.fileAt(disk.snapshots(), zxid);
            return file == null ? null : SnapshotImage.of(SnapshotImage.readAll(file));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CheckFailure(Invariants.FILES_READ_BACK, "server " + server + ": the snapshot file at "
                    + Zxid.toHex(zxid) + " cannot be read: " + e);
        }
    }

    /** As the daemon's snapshot thread: a snapshot file of the tree, a log roll, then purging. */
    @Override
    public void saveHostSnapshot(long zxid, List<Entry> history, DataTree tree) {
        Checks.check(tree != null, "server %d: replica files keep trees, and the host has none", server);
        TreeSnapshot snapshot = tree.snapshotReadAtOnce();
        Checks.check(snapshot.zxid() == zxid, "server %d: host snapshot at %s of a tree at %s", server,
                Zxid.toHex(zxid), Zxid.toHex(snapshot.zxid()));
        try {
            SnapshotWriter writer = new SnapshotWriter(disk.snapshots(), zxid, snapshot.digest(), snapshot.sessions(),
                    snapshot.nodeCount());
            while (snapshot.hasMore()) {
                writer.write(snapshot.nextChunk(SNAPSHOT_CHUNK_NODES));
            }
            writer.commit();
            snapshotZxids.add(zxid);
            rollDue = true;
            Purger.purge(disk.snapshots(), disk.logs(), SNAPSHOTS_RETAINED);
        } catch (IOException e) {
            throw failed("writing the snapshot at " + Zxid.toHex(zxid), e);
        }
    }

    /**
     * Read from the durable bytes with the real log reader: a durable snapshot at or after the
     * entry, or the entry itself in the durable log.
     */
    @Override
    public boolean holds(Entry entry) {
        if (entry != heldEntry || version() != heldVersion) {
            held = readsBack(entry);
            heldEntry = entry;
            heldVersion = version();
        }
        return held;
    }

    private boolean readsBack(Entry entry) {
        FileStore snapshots = disk.snapshots().durableView();
        try {
            List<String> names = snapshots.list();
            for (long zxid : snapshotZxids.tailSet(entry.zxid(), true)) {
                if (names.contains(DataFiles.snapshotName(zxid))) {
                    return true;
                }
            }
            boolean[] found = {false};
            TxnLogReader.read(disk.logs().durableView(), entry.zxid() - 1, RECORD_BYTES_MAX, false, record -> {
                found[0] |= record.zxid() == entry.zxid() && Arrays.equals(record.payload(), entry.payload());
            });
            return found[0];
        } catch (CorruptDataException e) {
            throw new CheckFailure(Invariants.FILES_READ_BACK, "server " + server + ": the durable log does not read: "
                    + e.getMessage());
        } catch (IOException e) {
            throw failed("reading the durable log", e);
        }
    }

    @Override
    public long version() {
        return disk.operations() + crashes;
    }

    @Override
    public void armCrash(int operationsAhead) {
        disk.crashBefore(disk.operations() + operationsAhead);
    }

    @Override
    public void disarmCrash() {
        disk.crashBefore(Long.MAX_VALUE);
    }

    private CheckFailure failed(String what, IOException cause) {
        CheckFailure failure = new CheckFailure(Invariants.FILES_READ_BACK, "server " + server + ": the storage code failed "
                + what + ": " + cause);
        failure.initCause(cause);
        return failure;
    }
}
