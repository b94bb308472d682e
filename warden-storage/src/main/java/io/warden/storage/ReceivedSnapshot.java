package io.warden.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

import io.warden.common.Zxid;
import io.warden.zab.SnapshotImage;

/**
 * A leader's snapshot as it arrives, written straight to a temporary file in the snapshot
 * directory and its frame checked on the way ({@link SnapshotFrameCheck}), so that a snapshot of
 * any size costs no memory. Once whole it is the image the consensus core installs: installing
 * renames the file into place ({@link SnapshotBytes#install}), nothing is copied. One nobody
 * installs is {@link #discard discarded}; one a crash interrupted is a temporary file recovery
 * removes.
 */
public final class ReceivedSnapshot implements SnapshotImage {
    /** In the temporary names, so that two snapshots arriving at once never share a file. */
    private static final AtomicLong UPLOADS = new AtomicLong();

    private final FileStore store;
    private final String name;
    private final long zxid;
    private final long sizeBytes;
    private final SnapshotFrameCheck check;
    /** The file as an image to read (through its temporary name, also once renamed). */
    private final StoredSnapshot stored;
    /** Open from {@link #begin} until it is made durable or discarded; guarded by this. */
    private FileStore.AppendFile file;
    private boolean whole;

    private ReceivedSnapshot(FileStore store, String name, long zxid, long sizeBytes, FileStore.AppendFile file) {
        this.store = store;
        this.name = name;
        this.zxid = zxid;
        this.sizeBytes = sizeBytes;
        this.check = new SnapshotFrameCheck(store.describe(name), zxid, sizeBytes);
        this.stored = new StoredSnapshot(store, name, sizeBytes);
        this.file = file;
    }

    /** Starts receiving {@code sizeBytes} bytes of the snapshot at {@code zxid} into {@code snapshots}. */
    public static ReceivedSnapshot begin(FileStore snapshots, long zxid, long sizeBytes) throws IOException {
        String name = DataFiles.snapshotName(zxid) + ".received-" + UPLOADS.incrementAndGet()
                + DataFiles.TEMPORARY_SUFFIX;
        return new ReceivedSnapshot(snapshots, name, zxid, sizeBytes, snapshots.create(name));
    }

    /** The next bytes, in order. */
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (file == null || whole) {
            throw new IllegalStateException("the snapshot " + store.describe(name) + " takes no more bytes");
        }
        check.update(bytes, offset, length);
        file.write(bytes, offset, length);
    }

    /**
     * Every announced byte arrived: checks the frame.
     *
     * @throws IOException naming the damage (the cause is a {@link CorruptDataException}); the
     *     file is then discarded
     */
    public synchronized void finish() throws IOException {
        try {
            check.finish();
        } catch (CorruptDataException e) {
            IOException damaged = new IOException("the snapshot received at " + Zxid.toHex(zxid) + " is damaged: "
                    + e.getMessage(), e);
            try {
                discard();
            } catch (IOException alsoFailed) {
                damaged.addSuppressed(alsoFailed);
            }
            throw damaged;
        }
        whole = true;
    }

    /**
     * Forgets the snapshot: closes and deletes its file (should that fail, recovery deletes it, as
     * every temporary file). Idempotent.
     */
    public synchronized void discard() throws IOException {
        try {
            if (file != null) {
                file.close();
            }
        } finally {
            file = null;
            store.delete(name);
        }
    }

    /**
     * Makes the whole snapshot's bytes durable and closes its file; returns its temporary name in
     * {@code snapshots}, or null when it was received into another directory.
     */
    synchronized String makeDurableIn(FileStore snapshots) throws IOException {
        if (snapshots != store) {
            return null;
        }
        if (!whole || file == null) {
            throw new IllegalStateException("the snapshot " + store.describe(name) + " is not whole, or was discarded");
        }
        try {
            file.force();
        } finally {
            file.close();
            file = null;
        }
        return name;
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Reads the file (also after it was renamed into place, through a stream opened before). */
    @Override
    public InputStream open() throws IOException {
        return stored.open();
    }

    @Override
    public String toString() {
        return "received " + stored;
    }
}
