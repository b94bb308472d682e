package io.warden.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import io.warden.common.Zxid;
import io.warden.tree.DataTree;
import io.warden.tree.NodeRecord;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;

/**
 * A snapshot file someone handed the server to restore (the AdminServer's {@code restore}), read
 * and checked whole before anything is touched: frame, checksum and every field
 * ({@link SnapshotReader}), then that its nodes form a tree whose digest is the recorded one. Once
 * checked it can become the server's state at any zxid ({@link #treeAt}) and be written as the
 * server's snapshot at that zxid ({@link #writeAsSnapshot}).
 */
public final class UploadedSnapshot {
    /** The read-ahead of the uploaded file. */
    private static final int READ_BUFFER_BYTES = 1 << 16;
    /** Nodes read out of a tree at a time while it is written. */
    private static final int CHUNK_NODES = 1000;

    private final long zxid;
    private final Map<Long, Integer> sessions;
    private final List<NodeRecord> nodes;
    private final TreeOptions options;

    private UploadedSnapshot(long zxid, Map<Long, Integer> sessions, List<NodeRecord> nodes, TreeOptions options) {
        this.zxid = zxid;
        this.sessions = sessions;
        this.nodes = nodes;
        this.options = options;
    }

    /**
     * Reads and checks the file {@code name} of {@code store}.
     *
     * @param fieldBytesMax the longest path, data or ACL field accepted
     * @throws CorruptDataException naming the offset of the first damage: not a Warden snapshot, a
     *     bad checksum, a field out of bounds, nodes that do not form a tree, a digest that differs
     */
    public static UploadedSnapshot check(FileStore store, String name, TreeOptions options, int fieldBytesMax)
            throws IOException, CorruptDataException {
        String file = store.describe(name);
        SnapshotReader.Snapshot snapshot;
        try (InputStream in = new BufferedInputStream(store.openRead(name), READ_BUFFER_BYTES)) {
            snapshot = SnapshotReader.read(in, file, store.size(name), fieldBytesMax);
        }
        // Builds the tree once to check it; the caller builds its own at the zxid it chooses.
        SnapshotLoader.restore(snapshot, file, snapshot.zxid(), "its header says", options);
        return new UploadedSnapshot(snapshot.zxid(), snapshot.sessions(), snapshot.nodes(), options);
    }

    /** The zxid the snapshot was taken at. */
    public long zxid() {
        return zxid;
    }

    public int nodeCount() {
        return nodes.size();
    }

    /** The sessions the snapshot holds, with their timeouts. */
    public Map<Long, Integer> sessions() {
        return Map.copyOf(sessions);
    }

    /** The snapshot's tree, with {@code lastZxid} as its last transaction (the nodes keep their own zxids). */
    public DataTree treeAt(long lastZxid) {
        return DataTree.restore(options, lastZxid, sessions, nodes);
    }

    /**
     * Writes {@code tree} as the snapshot file at its last zxid, durably: a temporary file, synced,
     * renamed into place, the directory synced. A crash before the rename lasts leaves no new
     * snapshot (recovery removes the temporary file); after it, the whole one. Call on the thread
     * that owns the tree, before it changes.
     *
     * @return the snapshot file's name
     */
    public static String writeAsSnapshot(FileStore snapshots, DataTree tree) throws IOException {
        TreeSnapshot snapshot = tree.snapshotReadAtOnce();
        if (snapshot == null) {
            throw new IllegalStateException("a tree without nodes at " + Zxid.toHex(tree.lastZxid()));
        }
        try (SnapshotWriter writer = new SnapshotWriter(snapshots, snapshot.zxid(), snapshot.digest(),
                snapshot.sessions(), snapshot.nodeCount())) {
            while (snapshot.hasMore()) {
                writer.write(snapshot.nextChunk(CHUNK_NODES));
            }
            return writer.commit();
        }
    }
}
