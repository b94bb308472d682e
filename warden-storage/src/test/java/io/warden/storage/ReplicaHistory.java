package io.warden.storage;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.warden.common.Zxid;
import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.DataTree;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TreeOptions;
import io.warden.zab.Entry;

/**
 * A seeded replicated history for replica storage tests: {@link Workload}'s transactions with
 * ensemble zxids (epoch and counter), as log entries, and the tree after any prefix of it.
 */
final class ReplicaHistory {
    private final Workload workload;
    private final List<Txn> txns = new ArrayList<>();

    ReplicaHistory(long seed) {
        this.workload = new Workload(seed);
    }

    /** Adds {@code count} transactions of {@code epoch}, counters 1 to {@code count}. */
    ReplicaHistory add(long epoch, int count) {
        for (int counter = 1; counter <= count; counter++) {
            Txn txn = workload.next();
            txns.add(new Txn(Zxid.of(epoch, counter), txn.timeMs(), txn.sessionId(), txn.cxid(), txn.identities(),
                    txn.op()));
        }
        return this;
    }

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Txn txn : txns) {
            entries.add(new Entry(txn.zxid(), TxnCodec.encode(txn)));
        }
        return entries;
    }

    /** The entries with a zxid in {@code (fromExclusive, toInclusive]}. */
    List<Entry> between(long fromExclusive, long toInclusive) {
        return entries().stream().filter(e -> e.zxid() > fromExclusive && e.zxid() <= toInclusive).toList();
    }

    /** The tree after every transaction up to {@code zxid}. */
    DataTree treeUpTo(long zxid) {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        for (Txn txn : txns) {
            if (txn.zxid() <= zxid) {
                tree.apply(txn);
            }
        }
        return tree;
    }

    /** Logs every entry, syncing every {@code syncEvery}; returns the writer, still open. */
    TxnLogWriter log(SimulatedDisk disk, long segmentBytesMax, int syncEvery) throws Exception {
        TxnLogWriter log = new TxnLogWriter(disk.logs(), 512, segmentBytesMax, true, StorageTestSupport.RECORD_MAX, 0);
        append(log, entries(), syncEvery);
        return log;
    }

    static void append(TxnLogWriter log, List<Entry> entries, int syncEvery) throws Exception {
        int appended = 0;
        for (Entry entry : entries) {
            log.append(entry.zxid(), entry.payload());
            if (++appended % syncEvery == 0) {
                log.sync();
            }
        }
        log.sync();
    }

    /** Entries as comparable text: zxid and payload. */
    static List<String> describe(List<Entry> entries) {
        return entries.stream().map(e -> Zxid.toHex(e.zxid()) + ":" + HexFormat.of().formatHex(e.payload())).toList();
    }

    static ReplicaRecovery.Recovered recover(SimulatedDisk disk, List<String> warnings) throws Exception {
        return ReplicaRecovery.recover(disk.snapshots(), disk.logs(), TreeOptions.DEFAULTS, StorageTestSupport.RECORD_MAX,
                warnings::add);
    }

    static void saveEpochs(SimulatedDisk disk, long accepted, long current) throws Exception {
        EpochFile.write(disk.snapshots(), EpochFile.ACCEPTED_EPOCH, accepted);
        EpochFile.write(disk.snapshots(), EpochFile.CURRENT_EPOCH, current);
    }
}
