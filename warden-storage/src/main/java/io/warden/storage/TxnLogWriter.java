package io.warden.storage;

import java.io.IOException;
import java.util.Arrays;

import io.warden.common.Checks;
import io.warden.common.Zxid;

/**
 * Appends records to the current log segment, rolling to a new one when it grows past
 * {@code segmentBytesMax}. Appends are buffered, up to {@link #BUFFER_BYTES_MAX} (past it they are
 * written to the segment, unsynced, so a batch of large records is never one array); {@link
 * #sync()} writes the rest and, unless forceSync is off, makes them durable in one fsync: callers
 * batch many appends per sync (group commit).
 * A replica also drops records from the end ({@link #truncateAfter}) and starts over after an
 * installed snapshot ({@link #restartAfter}). Not thread-safe: one disk thread owns it.
 */
public final class TxnLogWriter implements AutoCloseable {
    /**
     * The most appended bytes held before they are written to the segment. Before it, a group
     * commit of a thousand 1 MB records was one array doubled as it grew: a member with a 128 MiB
     * heap ran out of memory there.
     */
    static final int BUFFER_BYTES_MAX = 1 << 20;

    private final FileStore store;
    private final long preallocateBytes;
    private final long segmentBytesMax;
    private final boolean forceSync;
    private final int recordBytesMax;
    private FileStore.AppendFile segment;
    /** True until the new segment's directory entry has been made durable. */
    private boolean segmentIsNew;
    private final int bufferBytesMax;
    private byte[] buffer = new byte[64 * 1024];
    private int buffered;
    /** Records reached the segment since the last sync. */
    private boolean writtenSinceSync;
    private long lastZxid;

    /**
     * @param preallocateBytes how far ahead segments are extended with zeros ({@code preAllocSize})
     * @param segmentBytesMax  the size after which a new segment starts
     * @param forceSync        whether {@link #sync()} fsyncs ({@code forceSync})
     * @param recordBytesMax   the largest payload accepted
     */
    public TxnLogWriter(FileStore store, long preallocateBytes, long segmentBytesMax, boolean forceSync,
            int recordBytesMax, long lastZxid) {
        this(store, preallocateBytes, segmentBytesMax, forceSync, recordBytesMax, lastZxid, BUFFER_BYTES_MAX);
    }

    /** The same, holding at most {@code bufferBytesMax} appended bytes before writing them (tests want it small). */
    public TxnLogWriter(FileStore store, long preallocateBytes, long segmentBytesMax, boolean forceSync,
            int recordBytesMax, long lastZxid, int bufferBytesMax) {
        Checks.check(bufferBytesMax > 0, "bufferBytesMax %d", bufferBytesMax);
        this.bufferBytesMax = bufferBytesMax;
        this.store = store;
        this.preallocateBytes = preallocateBytes;
        this.segmentBytesMax = segmentBytesMax;
        this.forceSync = forceSync;
        this.recordBytesMax = recordBytesMax;
        this.lastZxid = lastZxid;
    }

    /** Buffers one record; zxids must increase. */
    public void append(long zxid, byte[] payload) throws IOException {
        Checks.check(zxid > lastZxid, "log append of %x after %x", zxid, lastZxid);
        Checks.check(payload.length > 0 && payload.length <= recordBytesMax, "record of %d bytes", payload.length);
        if (segment == null) {
            segment = store.create(DataFiles.logName(zxid));
            segment.write(LogFormat.header(), 0, LogFormat.HEADER_BYTES);
            segmentIsNew = true;
        }
        int needed = LogFormat.RECORD_OVERHEAD + payload.length;
        if (buffered + needed > bufferBytesMax) {
            writeBuffered();
        }
        int checksum = LogFormat.checksum(zxid, payload, 0, payload.length);
        if (needed > bufferBytesMax) {
            // longer than the buffer: straight to the segment, in one write, so that a page the
            // page cache writes back before the sync holds the record whole or not at all (three
            // writes could leave a page with the header and zeros after it, which recovery would
            // take for damage rather than for a torn write)
            byte[] record = new byte[needed];
            putHeader(record, 0, payload.length, checksum, zxid);
            System.arraycopy(payload, 0, record, LogFormat.RECORD_HEADER_BYTES, payload.length);
            record[needed - 1] = LogFormat.END_OF_RECORD;
            writeToSegment(record, 0, needed);
        } else {
            if (buffered + needed > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(bufferBytesMax, Math.max(buffer.length * 2, buffered + needed)));
            }
            putHeader(buffer, buffered, payload.length, checksum, zxid);
            System.arraycopy(payload, 0, buffer, buffered + LogFormat.RECORD_HEADER_BYTES, payload.length);
            buffer[buffered + needed - 1] = LogFormat.END_OF_RECORD;
            buffered += needed;
        }
        lastZxid = zxid;
    }

    private static void putHeader(byte[] target, int at, int payloadBytes, int checksum, long zxid) {
        LogFormat.putInt(target, at, payloadBytes);
        LogFormat.putInt(target, at + 4, checksum);
        LogFormat.putLong(target, at + 8, zxid);
    }

    /** The buffer's size now (for tests). */
    int bufferBytes() {
        return buffer.length;
    }

    /** Writes the buffered records to the segment, unsynced. */
    private void writeBuffered() throws IOException {
        if (buffered > 0) {
            writeToSegment(buffer, 0, buffered);
            buffered = 0;
        }
    }

    private void writeToSegment(byte[] bytes, int offset, int length) throws IOException {
        long end = segment.position() + length;
        if (preallocateBytes > 0) {
            segment.preallocate(((end / preallocateBytes) + 1) * preallocateBytes);
        }
        segment.write(bytes, offset, length);
        writtenSinceSync = true;
    }

    /** Writes what was appended and makes it durable; afterwards rolls if the segment is full. */
    public void sync() throws IOException {
        if (segment == null) {
            return;
        }
        writeBuffered();
        if (forceSync) {
            segment.force();
            if (segmentIsNew) {
                store.syncDirectory();
                segmentIsNew = false;
            }
        }
        writtenSinceSync = false;
        if (segment.position() >= segmentBytesMax) {
            roll();
        }
    }

    /** Ends the current segment; the next append starts a new one. Call after {@link #sync()}. */
    public void roll() throws IOException {
        Checks.check(buffered == 0 && !writtenSinceSync, "roll with unsynced records");
        if (segment != null) {
            segment.close();
            segment = null;
            store.syncDirectory();
        }
    }

    /**
     * Drops every logged record with a zxid above {@code zxid}, durably (the consensus core's
     * {@code TruncateAfter}): buffered records are synced first, the current segment is closed,
     * segments that start above {@code zxid} are deleted newest first and the segment holding
     * {@code zxid} is cut right after it. A crash part way leaves a log that replica recovery
     * brings to the state before or after ({@link LogTruncation}). Afterwards {@link #lastZxid()}
     * is the largest zxid still logged, or {@code zxid} itself when no record is left (the caller
     * truncates to a point of its history, so what it appends next is above it); the next append
     * starts a new segment.
     *
     * @throws IOException also when the segment to cut turns out corrupt (the cause says where)
     */
    public void truncateAfter(long zxid) throws IOException {
        sync();
        closeSegment();
        long remaining;
        try {
            remaining = LogTruncation.truncateAfter(store, zxid, recordBytesMax);
        } catch (CorruptDataException e) {
            throw new IOException("cannot drop the log after " + Zxid.toHex(zxid) + ": " + e.getMessage(), e);
        }
        lastZxid = remaining >= 0 ? remaining : zxid;
    }

    /**
     * Starts the log over after a snapshot at {@code zxid} (the consensus core's
     * {@code InstallSnapshot}): records not yet synced are discarded, the current segment is
     * closed and every segment is deleted, durably ({@link SnapshotBytes#install} has already
     * deleted them when it ran first). The next append must be above {@code zxid}.
     */
    public void restartAfter(long zxid) throws IOException {
        buffered = 0;
        writtenSinceSync = false; // the segment they reached is deleted below
        closeSegment();
        LogTruncation.deleteAll(store);
        lastZxid = zxid;
    }

    private void closeSegment() throws IOException {
        if (segment != null) {
            segment.close();
            segment = null;
            segmentIsNew = false;
        }
    }

    public long lastZxid() {
        return lastZxid;
    }

    @Override
    public void close() throws IOException {
        sync();
        if (segment != null) {
            segment.close();
            segment = null;
        }
    }
}
