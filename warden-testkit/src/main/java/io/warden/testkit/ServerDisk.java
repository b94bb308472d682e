package io.warden.testkit;

import io.warden.tree.DataTree;
import io.warden.zab.DiskWrite;
import io.warden.zab.Entry;
import io.warden.zab.SnapshotImage;
import io.warden.zab.ZabState;
import java.util.List;

/**
 * Where a simulated server keeps its consensus core's records: {@link SimDisk} (records in
 * memory, for bare cores) or {@link ReplicaFiles} (the real storage code on a simulated file
 * store, for replicated servers with trees).
 */
interface ServerDisk {
    /**
     * What a restarting server finds.
     *
     * @param state the epochs, the snapshot's zxid and the entries logged after it
     * @param history the applied history up to the snapshot, from the start of time
     * @param tree the tree at the snapshot; null on a disk that holds no trees
     * @param repairs how many things a crash left half done recovery put right (a torn log tail,
     *     an unfinished file, an interrupted truncation or install)
     */
    record Recovered(ZabState state, List<Entry> history, DataTree tree, int repairs) {
    }

    /** Takes one record; it is durable only after a {@link #sync} at or past its write id. */
    void write(long writeId, DiskWrite write);

    /** Makes every record up to {@code writeId} durable. */
    void sync(long writeId);

    /** Whether records taken are not durable yet. */
    boolean hasPending();

    int pendingCount();

    /** Power loss: what was not durable is lost (perhaps not all of it); returns how many records went. */
    int crash();

    /** Reads back what survived, for a new incarnation. */
    Recovered recover();

    /**
     * The host saved a snapshot of its applied state at {@code zxid}: the history (and, when the
     * server has one, its tree, null otherwise).
     */
    void saveHostSnapshot(long zxid, List<Entry> history, DataTree tree);

    /**
     * The snapshot file at {@code zxid} as it is now, read whole (the simulated network may
     * deliver it after the file was purged), or null when there is none: what a leader hosting a
     * tree streams to a follower. Only disks that keep trees have snapshot files.
     */
    SnapshotImage snapshotFileAt(long zxid);

    /** Whether what a crash now would keep holds exactly this entry (in a snapshot or the log). */
    boolean holds(Entry entry);

    /** Grows whenever what a crash would keep changes. */
    long version();

    /** Makes the process lose power inside the disk operation {@code operationsAhead} from now. */
    void armCrash(int operationsAhead);

    /** Takes back an {@link #armCrash} that has not struck. */
    void disarmCrash();
}
