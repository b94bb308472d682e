package io.warden.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import io.warden.common.Checks;
import io.warden.common.Zxid;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;
import io.warden.zab.SnapshotImage;

/**
 * A whole tree as a leader sends it to a follower too far behind for a difference: the exact
 * bytes of a snapshot file ({@link SnapshotFormat}, written by the same {@link SnapshotEncoder} as
 * {@link SnapshotWriter}). The leader streams its newest snapshot file ({@link #fileAt}); the
 * follower receives it into a file ({@link ReceivedSnapshot}), restores its tree from it
 * ({@link #decode}) and keeps it unchanged as its snapshot file ({@link #install}).
 */
public final class SnapshotBytes {
    /** The largest snapshot that fits one array; a bigger tree cannot be sent whole. */
    static final int SNAPSHOT_BYTES_MAX = Integer.MAX_VALUE - 64;
    /** Nodes read out of the tree at a time. */
    static final int CHUNK_NODES = 1000;
    /** The buffer an image is copied through. */
    private static final int COPY_BUFFER_BYTES = 1 << 16;

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
     * This replica's snapshot file at {@code zxid}, as an image to stream to a follower; null when
     * there is none (yet: an installed snapshot is renamed into place by the disk thread).
     */
    public static SnapshotImage fileAt(FileStore snapshots, long zxid) throws IOException {
        String name = DataFiles.snapshotName(zxid);
        if (!snapshots.list().contains(name)) {
            return null;
        }
        return new StoredSnapshot(snapshots, name, snapshots.size(name));
    }

    /**
     * The tree a snapshot image holds, read as a stream and checked as recovery checks a snapshot
     * file: framing, checksum, the zxid ({@code expectedZxid}), that the nodes form a tree and the
     * digest.
     *
     * @param fieldBytesMax the longest path, data or ACL field accepted
     */
    public static DataTree decode(SnapshotImage image, long expectedZxid, TreeOptions options, int fieldBytesMax)
            throws CorruptDataException, IOException {
        String source = describe(expectedZxid);
        try (InputStream in = image.open()) {
            return StreamedSnapshot.restore(in, source, image.sizeBytes(), expectedZxid, "expected", options,
                    fieldBytesMax);
        }
    }

    /** In the temporary name of an installed snapshot: the snapshot thread may write the same zxid's. */
    static final String INSTALL_TAG = ".install";

    /** {@link #install(FileStore, FileStore, long, SnapshotImage)} of bytes in memory. */
    public static void install(FileStore snapshots, FileStore logs, long zxid, byte[] bytes) throws IOException {
        install(snapshots, logs, zxid, SnapshotImage.of(bytes));
    }

    /**
     * Makes {@code image} this replica's snapshot at {@code zxid} and drops the whole log, as one
     * atomic change (the consensus core's {@code InstallSnapshot}). Only the frame is checked here
     * (magic, version, zxid, end marker, checksum: bytes damaged on their way never replace the
     * log); the caller decodes the image to restore its tree ({@link #decode}), which checks the
     * rest. A {@link ReceivedSnapshot} in {@code snapshots} is already that file: it is synced and
     * renamed, not copied. With a {@link TxnLogWriter} open on {@code logs}, call its
     * {@link TxnLogWriter#restartAfter} next.
     *
     * <p>The order, for crash safety: (1) the image goes to a temporary file, synced; (2) a durable
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
     * @throws IOException when the disk fails, and when the image is not a whole snapshot at
     *     {@code zxid}: the cause is then the {@link CorruptDataException} naming the damage, and
     *     nothing a reader looks at has changed
     */
    public static void install(FileStore snapshots, FileStore logs, long zxid, SnapshotImage image)
            throws IOException {
        String name = DataFiles.snapshotName(zxid);
        String temporary = image instanceof ReceivedSnapshot received ? received.makeDurableIn(snapshots) : null;
        if (temporary == null) {
            temporary = writeChecked(snapshots, name + INSTALL_TAG + DataFiles.TEMPORARY_SUFFIX, zxid, image);
        }
        String intent = LogIntent.begin(logs, DataFiles.INSTALLING_PREFIX, zxid);
        AtomicFiles.commit(snapshots, temporary, name);
        LogTruncation.deleteAll(logs);
        LogIntent.end(logs, intent);
    }

    /** Copies the image to a new temporary file, checking its frame on the way, and syncs it. */
    private static String writeChecked(FileStore snapshots, String temporary, long zxid, SnapshotImage image)
            throws IOException {
        snapshots.delete(temporary);
        SnapshotFrameCheck check = new SnapshotFrameCheck(describe(zxid), zxid, image.sizeBytes());
        try (InputStream in = image.open(); FileStore.AppendFile file = snapshots.create(temporary)) {
            byte[] buffer = new byte[COPY_BUFFER_BYTES];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                check.update(buffer, 0, read);
                file.write(buffer, 0, read);
            }
            check.finish();
            file.force();
        } catch (CorruptDataException | IllegalArgumentException e) {
            snapshots.delete(temporary);
            throw new IOException("not installed: " + e.getMessage(), e);
        } catch (IOException e) {
            snapshots.delete(temporary); // (recovery would too: it is a temporary file)
            throw e;
        }
        return temporary;
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
