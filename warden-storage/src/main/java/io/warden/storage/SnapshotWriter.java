package io.warden.storage;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.warden.tree.NodeRecord;

/**
 * Writes one snapshot to a temporary file, then, once complete and synced, renames it into place:
 * a crash at any point leaves either no new snapshot or a whole one. The file bypasses the page
 * cache where the store can ({@link FileStore#createUncached}, direct I/O in pieces of
 * {@link UncachedAppendFile#BUFFER_BYTES}), so the snapshot's bytes reach the disk as they are
 * written, never as a mass of dirty pages the log's fsync would queue behind, and cost no CPU
 * copying into the page cache. It is also synced in pieces, every {@link #SYNC_EVERY_BYTES}: a
 * big snapshot written through the page cache and synced only at its end had the kernel write
 * hundreds of MiB at once, and the log's fsync on the same disk (and, on a journalling
 * filesystem, the same journal commit) queued behind all of it.
 */
public final class SnapshotWriter implements AutoCloseable {
    /** Bytes written to a snapshot file between two syncs of it at most (give or take one encoder flush). */
    public static final long SYNC_EVERY_BYTES = 4L << 20;

    private final FileStore store;
    private final String finalName;
    private final String temporaryName;
    private final FileStore.AppendFile file;
    private final SnapshotEncoder encoder;
    private final long syncEveryBytes;
    private long unsyncedBytes;
    private boolean done;

    public SnapshotWriter(FileStore store, long zxid, long digest, Map<Long, Integer> sessions, long nodeCount)
            throws IOException {
        this(store, zxid, digest, sessions, nodeCount, SYNC_EVERY_BYTES);
    }

    /** @param syncEveryBytes bytes written between two syncs of the file at most (before the encoder's flush) */
    SnapshotWriter(FileStore store, long zxid, long digest, Map<Long, Integer> sessions, long nodeCount,
            long syncEveryBytes) throws IOException {
        this.store = store;
        this.finalName = DataFiles.snapshotName(zxid);
        this.temporaryName = finalName + DataFiles.TEMPORARY_SUFFIX;
        this.syncEveryBytes = syncEveryBytes;
        store.delete(temporaryName);
        this.file = store.createUncached(temporaryName);
        this.encoder = new SnapshotEncoder(this::writeAndSyncInPieces, zxid, digest, sessions, nodeCount,
                syncEveryBytes);
    }

    private void writeAndSyncInPieces(byte[] bytes, int offset, int length) throws IOException {
        file.write(bytes, offset, length);
        unsyncedBytes += length;
        if (unsyncedBytes >= syncEveryBytes) {
            file.force();
            unsyncedBytes = 0;
        }
    }

    public void write(List<NodeRecord> records) throws IOException {
        encoder.write(records);
    }

    /** Writes nodes the tree's owner encoded (the chunk is left as it is, for the caller to reset). */
    public void write(EncodedNodes chunk) throws IOException {
        encoder.write(chunk);
    }

    /**
     * Whether the file bypasses the page cache; false where the store has no direct I/O or the
     * file system refused it (the snapshot is then written through the page cache, still synced
     * in pieces).
     */
    public boolean uncached() {
        return file.uncached();
    }

    /** Finishes the file, syncs it and renames it into place. */
    public String commit() throws IOException {
        encoder.finish();
        file.force(); // the last piece
        file.close();
        AtomicFiles.commit(store, temporaryName, finalName);
        done = true;
        return finalName;
    }

    /** Abandons an unfinished snapshot, removing its temporary file. */
    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            try {
                file.close();
            } finally {
                store.delete(temporaryName); // even when closing failed (a full disk): never leave a partial file
            }
        }
    }
}
