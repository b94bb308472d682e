package io.warden.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.warden.tree.DataTree;
import io.warden.tree.NodeRecord;
import io.warden.tree.TreeSnapshot;

/** Small helpers shared by the storage tests. */
final class StorageTestSupport {
    static final int RECORD_MAX = 1 << 20;

    private StorageTestSupport() {
    }

    /** Writes a whole snapshot of the tree as it is now. */
    static String snapshot(FileStore store, DataTree tree) throws IOException {
        return snapshot(store, tree, SnapshotWriter.SYNC_EVERY_BYTES);
    }

    /** Writes a whole snapshot of the tree as it is now, synced every {@code syncEveryBytes}. */
    static String snapshot(FileStore store, DataTree tree, long syncEveryBytes) throws IOException {
        TreeSnapshot snapshot = tree.beginSnapshot();
        try (SnapshotWriter writer = new SnapshotWriter(store, snapshot.zxid(), snapshot.digest(),
                snapshot.sessions(), snapshot.nodeCount(), syncEveryBytes)) {
            while (snapshot.hasMore()) {
                writer.write(snapshot.nextChunk(100));
            }
            return writer.commit();
        }
    }

    static List<NodeRecord> all(TreeSnapshot snapshot) {
        List<NodeRecord> records = new ArrayList<>();
        while (snapshot.hasMore()) {
            records.addAll(snapshot.nextChunk(1000));
        }
        return records;
    }
}
