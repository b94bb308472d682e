package io.warden.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import io.warden.common.Zxid;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;

/**
 * Finds the tree to start from: the newest snapshot that reads back whole, with its zxid and
 * digest checked. Both recoveries (a standalone server's and a replica's) start here; the log
 * after the snapshot is theirs to read.
 */
final class SnapshotLoader {
    private SnapshotLoader() {
    }

    /**
     * The newest usable snapshot (an empty tree at zxid 0 when there is none), and the failure of
     * the newest one when that one was unusable. Its state was durable, so whatever recovery makes
     * of the older snapshot and the log must reach its zxid, or recovery would lose it.
     */
    record Newest(DataTree tree, long zxid, CorruptDataException newerFailure, long newerFailedZxid) {
        /** The error to report when the log after this snapshot is corrupt: the newer snapshot's, if any. */
        CorruptDataException blame(CorruptDataException logFailure) {
            return newerFailure != null ? newerFailure : logFailure;
        }

        /** Fails with the newer snapshot's error when what was recovered stops short of its zxid. */
        void checkReaches(long recoveredZxid) throws CorruptDataException {
            if (newerFailure != null && recoveredZxid < newerFailedZxid) {
                throw newerFailure;
            }
        }
    }

    /** The zxid of the newest snapshot file, whether or not it reads back whole; 0 when there is none. */
    static long newestZxid(FileStore snapshots) throws IOException {
        List<Long> zxids = DataFiles.zxids(snapshots.list(), DataFiles.SNAPSHOT_PREFIX);
        return zxids.isEmpty() ? 0 : zxids.get(zxids.size() - 1);
    }

    static Newest loadNewest(FileStore snapshots, TreeOptions options, int fieldBytesMax, Consumer<String> warnings)
            throws IOException {
        List<Long> candidates = new ArrayList<>(DataFiles.zxids(snapshots.list(), DataFiles.SNAPSHOT_PREFIX));
        Collections.reverse(candidates);
        CorruptDataException newestFailure = null;
        long newestFailedZxid = -1;
        for (long zxid : candidates) {
            try {
                return new Newest(load(snapshots, zxid, options, fieldBytesMax), zxid, newestFailure, newestFailedZxid);
            } catch (CorruptDataException e) {
                warnings.accept("snapshot unusable, trying an older one: " + e.getMessage());
                if (newestFailure == null) {
                    newestFailure = e;
                    newestFailedZxid = zxid;
                }
            }
        }
        return new Newest(new DataTree(options), 0, newestFailure, newestFailedZxid);
    }

    private static DataTree load(FileStore snapshots, long zxid, TreeOptions options, int fieldBytesMax)
            throws IOException, CorruptDataException {
        String name = DataFiles.snapshotName(zxid);
        try (InputStream input = snapshots.openRead(name)) {
            return StreamedSnapshot.restore(input, snapshots.describe(name), snapshots.size(name), zxid,
                    "its name says", options, fieldBytesMax);
        }
    }

    /**
     * Builds the tree a snapshot already in memory holds, with the checks {@link StreamedSnapshot}
     * makes: that it is at {@code expectedZxid}, that its nodes form a tree and that the tree's
     * digest is the recorded one. {@code file} names the source, {@code expectedBy} what the
     * expected zxid comes from, for the message.
     */
    static DataTree restore(SnapshotReader.Snapshot snapshot, String file, long expectedZxid, String expectedBy,
            TreeOptions options) throws CorruptDataException {
        if (snapshot.zxid() != expectedZxid) {
            throw new CorruptDataException(file, SnapshotFormat.ZXID_OFFSET,
                    "holds zxid " + Zxid.toHex(snapshot.zxid()) + ", " + expectedBy + " " + Zxid.toHex(expectedZxid));
        }
        DataTree tree;
        try {
            tree = DataTree.restore(options, expectedZxid, snapshot.sessions(), snapshot.nodes(),
                    snapshot.nodes().size());
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(file, 0, "nodes do not form a tree: " + e.getMessage());
        }
        if (tree.digest() != snapshot.digest()) {
            throw new CorruptDataException(file, 16, "tree digest " + Long.toHexString(tree.digest())
                    + " differs from the recorded " + Long.toHexString(snapshot.digest()));
        }
        return tree;
    }
}
