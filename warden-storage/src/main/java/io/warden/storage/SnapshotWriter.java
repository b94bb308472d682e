package io.warden.storage;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.warden.tree.NodeRecord;

/**
 * Writes one snapshot to a temporary file, then, once complete and synced, renames it into place:
 * a crash at any point leaves either no new snapshot or a whole one.
 */
public final class SnapshotWriter implements AutoCloseable {
    private final FileStore store;
    private final String finalName;
    private final String temporaryName;
    private final FileStore.AppendFile file;
    private final SnapshotEncoder encoder;
    private boolean done;

    public SnapshotWriter(FileStore store, long zxid, long digest, Map<Long, Integer> sessions, long nodeCount)
            throws IOException {
        this.store = store;
        this.finalName = DataFiles.snapshotName(zxid);
        this.temporaryName = finalName + DataFiles.TEMPORARY_SUFFIX;
        store.delete(temporaryName);
        this.file = store.create(temporaryName);
        this.encoder = new SnapshotEncoder(file::write, zxid, digest, sessions, nodeCount);
    }

    public void write(List<NodeRecord> records) throws IOException {
        encoder.write(records);
    }

    /** Finishes the file, syncs it and renames it into place. */
    public String commit() throws IOException {
        encoder.finish();
        file.force();
        file.close();
        AtomicFiles.commit(store, temporaryName, finalName);
        done = true;
        return finalName;
    }

    /** Abandons an unfinished snapshot, removing its temporary file. */
    @Override
    public void close() throws IOException {
        if (!done) {
            file.close();
            store.delete(temporaryName);
            done = true;
        }
    }
}
