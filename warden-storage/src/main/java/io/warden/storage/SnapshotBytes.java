package io.warden.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import io.warden.common.Checks;
import io.warden.common.Zxid;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;

/**
 * A whole tree as bytes, for a leader to send to a follower too far behind for a difference: the
 * exact bytes of a snapshot file ({@link SnapshotFormat}, written by the same
 * {@link SnapshotEncoder} as {@link SnapshotWriter}), so that the follower keeps them unchanged as
 * its snapshot file ({@link #install}).
 */
public final class SnapshotBytes {
    /** The largest snapshot that fits one array; a bigger tree cannot be sent whole. */
    static final int SNAPSHOT_BYTES_MAX = Integer.MAX_VALUE - 64;
    /** Nodes read out of the tree at a time. */
    static final int CHUNK_NODES = 1000;

    private SnapshotBytes() {
    }

    /**
     * The tree as it is now, as snapshot file bytes. Walks the whole tree at once, on the thread
     * that owns it ({@link DataTree#snapshotReadAtOnce}), so a periodic snapshot being read out
     * meanwhile is not disturbed.
     *
     * @throws IllegalStateException when the snapshot would exceed {@link #SNAPSHOT_BYTES_MAX}
     */
    public static byte[] encode(DataTree tree) {
        TreeSnapshot snapshot = tree.snapshotReadAtOnce();
        Checks.check(snapshot != null, "a tree without nodes at %s", Zxid.toHex(tree.lastZxid()));
        MemorySink sink = new MemorySink();
        try {
            SnapshotEncoder encoder = new SnapshotEncoder(sink, snapshot.zxid(), snapshot.digest(),
                    snapshot.sessions(), snapshot.nodeCount());
            while (snapshot.hasMore()) {
                encoder.write(snapshot.nextChunk(CHUNK_NODES));
            }
            encoder.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e); // a MemorySink never throws it
        }
        return sink.toByteArray();
    }

    /**
     * The tree that snapshot bytes hold, checked as recovery checks a snapshot file: framing,
     * checksum, the zxid ({@code expectedZxid}), that the nodes form a tree and the digest.
     *
     * @param fieldBytesMax the longest path, data or ACL field accepted
     */
    public static DataTree decode(byte[] bytes, long expectedZxid, TreeOptions options, int fieldBytesMax)
            throws CorruptDataException {
        String source = describe(expectedZxid);
        SnapshotReader.Snapshot snapshot;
        try {
            snapshot = SnapshotReader.read(new ByteArrayInputStream(bytes), source, bytes.length, fieldBytesMax);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e); // a byte array never throws it
        }
        return SnapshotLoader.restore(snapshot, source, expectedZxid, "expected", options);
    }

    /** In the temporary name of an installed snapshot: the snapshot thread may write the same zxid's. */
    static final String INSTALL_TAG = ".install";

    /**
     * Makes {@code bytes} this replica's snapshot at {@code zxid} and drops the whole log, as one
     * atomic change (the consensus core's {@code InstallSnapshot}). Only the frame is checked here
     * (magic, version, zxid, end marker, checksum: bytes damaged on their way never replace the
     * log); the caller decodes the bytes to restore its tree ({@link #decode}), which checks the
     * rest. With a {@link TxnLogWriter} open on {@code logs}, call its
     * {@link TxnLogWriter#restartAfter} next.
     *
     * <p>The order, for crash safety: (1) the bytes go to a temporary file, synced; (2) a durable
     * {@code installing.<zxid>} marker goes into the log directory; (3) the temporary file is
     * renamed to {@code snapshot.<zxid>} and the snapshot directory synced: the commit point;
     * (4) every log segment is deleted, newest first, durably; (5) the marker is deleted, durably.
     * A crash before (3) lasts leaves the old snapshots and the whole old log (recovery removes
     * the temporary file and, finding no {@code snapshot.<zxid>}, the marker). A crash after it
     * leaves the marker next to the new snapshot, and recovery finishes (4) and (5) before it reads
     * the log. So recovery never sees the new snapshot together with old log records above it,
     * records the leader told this replica to drop; and never loses the old log while the new
     * snapshot is not in place. Deleting the log first would lose records this replica may have
     * acknowledged, should the crash come before the snapshot lands; renaming first without the
     * marker would leave the dropped records behind as logged.
     *
     * @throws IOException when the disk fails, and when the bytes are not a whole snapshot at
     *     {@code zxid}: the cause is then the {@link CorruptDataException} naming the damage, and
     *     nothing on disk has changed
     */
    public static void install(FileStore snapshots, FileStore logs, long zxid, byte[] bytes) throws IOException {
        try {
            SnapshotFormat.checkFrame(bytes, describe(zxid), zxid);
        } catch (CorruptDataException e) {
            throw new IOException("not installed: " + e.getMessage(), e);
        }
        String name = DataFiles.snapshotName(zxid);
        String temporary = AtomicFiles.writeTemporary(snapshots, name, INSTALL_TAG, bytes);
        String intent = LogIntent.begin(logs, DataFiles.INSTALLING_PREFIX, zxid);
        AtomicFiles.commit(snapshots, temporary, name);
        LogTruncation.deleteAll(logs);
        LogIntent.end(logs, intent);
    }

    private static String describe(long zxid) {
        return "snapshot bytes at " + Zxid.toHex(zxid);
    }

    /** Collects the encoded bytes, refusing to grow past {@link #SNAPSHOT_BYTES_MAX}. */
    private static final class MemorySink implements SnapshotEncoder.Sink {
        private byte[] bytes = new byte[SnapshotEncoder.FLUSH_BYTES / 16];
        private int size;

        @Override
        public void write(byte[] source, int offset, int length) {
            if ((long) size + length > SNAPSHOT_BYTES_MAX) {
                throw new IllegalStateException("a snapshot of more than " + SNAPSHOT_BYTES_MAX
                        + " bytes cannot be held in memory");
            }
            if (size + length > bytes.length) {
                long grown = Math.max((long) bytes.length * 2, (long) size + length);
                bytes = Arrays.copyOf(bytes, (int) Math.min(grown, SNAPSHOT_BYTES_MAX));
            }
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
