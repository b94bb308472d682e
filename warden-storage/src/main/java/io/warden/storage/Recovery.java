package io.warden.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import io.warden.common.Zxid;
import io.warden.tree.DataTree;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TreeOptions;
import io.warden.wire.WireFormatException;

/**
 * Rebuilds the tree at startup: the newest snapshot that reads back whole (with its digest
 * checked), then every logged transaction after it, in order and without gaps. A torn last log
 * record is cut off; any other damage stops recovery with the file and offset, unless an older
 * snapshot together with the log still covers everything.
 */
public final class Recovery {
    private Recovery() {
    }

    /** The recovered tree and how it was reached. */
    public record Recovered(DataTree tree, long snapshotZxid, long replayed, boolean truncatedTornTail) {
    }

    public static Recovered recover(FileStore snapshots, FileStore logs, TreeOptions options, int recordBytesMax,
            Consumer<String> warnings) throws IOException, CorruptDataException {
        removeTemporaryFiles(snapshots, warnings);
        List<Long> candidates = new ArrayList<>(DataFiles.zxids(snapshots.list(), DataFiles.SNAPSHOT_PREFIX));
        Collections.reverse(candidates);
        CorruptDataException newestFailure = null;
        long newestFailedZxid = -1;
        for (long zxid : candidates) {
            DataTree tree;
            try {
                tree = load(snapshots, zxid, options, recordBytesMax);
            } catch (CorruptDataException e) {
                warnings.accept("snapshot unusable, trying an older one: " + e.getMessage());
                if (newestFailure == null) {
                    newestFailure = e;
                    newestFailedZxid = zxid;
                }
                continue;
            }
            return replayCovering(tree, zxid, logs, recordBytesMax, newestFailure, newestFailedZxid);
        }
        return replayCovering(new DataTree(options), 0, logs, recordBytesMax, newestFailure, newestFailedZxid);
    }

    /**
     * Replays the log over a snapshot. When a newer snapshot was unusable, the result must reach
     * at least that snapshot's zxid: its state was durable, and starting with less would lose it.
     */
    private static Recovered replayCovering(DataTree tree, long snapshotZxid, FileStore logs, int recordBytesMax,
            CorruptDataException newestFailure, long newestFailedZxid) throws IOException, CorruptDataException {
        Recovered recovered;
        try {
            recovered = replay(tree, snapshotZxid, logs, recordBytesMax);
        } catch (CorruptDataException e) {
            throw newestFailure != null ? newestFailure : e;
        }
        if (newestFailure != null && recovered.tree().lastZxid() < newestFailedZxid) {
            throw newestFailure;
        }
        return recovered;
    }

    private static DataTree load(FileStore snapshots, long zxid, TreeOptions options, int recordBytesMax)
            throws IOException, CorruptDataException {
        String name = DataFiles.snapshotName(zxid);
        SnapshotReader.Snapshot snapshot = SnapshotReader.read(snapshots, name, recordBytesMax);
        if (snapshot.zxid() != zxid) {
            throw new CorruptDataException(snapshots.describe(name), 8,
                    "holds zxid " + Zxid.toHex(snapshot.zxid()) + ", its name says " + Zxid.toHex(zxid));
        }
        DataTree tree;
        try {
            tree = DataTree.restore(options, zxid, snapshot.sessions(), snapshot.nodes());
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(snapshots.describe(name), 0, "nodes do not form a tree: " + e.getMessage());
        }
        if (tree.digest() != snapshot.digest()) {
            throw new CorruptDataException(snapshots.describe(name), 16, "tree digest " + Long.toHexString(tree.digest())
                    + " differs from the recorded " + Long.toHexString(snapshot.digest()));
        }
        return tree;
    }

    private static Recovered replay(DataTree tree, long snapshotZxid, FileStore logs, int recordBytesMax)
            throws IOException, CorruptDataException {
        long[] replayed = {0};
        TxnLogReader.Summary summary = TxnLogReader.read(logs, snapshotZxid, recordBytesMax, true, record -> {
            if (!TxnLogReader.follows(tree.lastZxid(), record.zxid())) {
                throw new CorruptDataException(record.file(), record.offset(), "transaction "
                        + Zxid.toHex(record.zxid()) + " does not follow " + Zxid.toHex(tree.lastZxid())
                        + ": the log does not continue the snapshot");
            }
            Txn txn;
            try {
                txn = TxnCodec.decode(record.payload());
            } catch (WireFormatException e) {
                throw new CorruptDataException(record.file(), record.offset(), "undecodable transaction: "
                        + e.getMessage());
            }
            if (txn.zxid() != record.zxid()) {
                throw new CorruptDataException(record.file(), record.offset(), "record and transaction zxids differ");
            }
            tree.apply(txn);
            replayed[0]++;
        });
        return new Recovered(tree, snapshotZxid, replayed[0], summary.truncatedTornTail());
    }

    private static void removeTemporaryFiles(FileStore store, Consumer<String> warnings) throws IOException {
        for (String name : store.list()) {
            if (name.endsWith(DataFiles.TEMPORARY_SUFFIX)) {
                warnings.accept("removing unfinished snapshot " + store.describe(name));
                store.delete(name);
            }
        }
    }
}
