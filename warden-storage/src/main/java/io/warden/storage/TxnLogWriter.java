package io.warden.storage;

import java.io.IOException;
import java.util.Arrays;

import io.warden.common.Checks;

/**
 * Appends records to the current log segment, rolling to a new one when it grows past
 * {@code segmentBytesMax}. Appends are buffered; {@link #sync()} writes them and, unless forceSync
 * is off, makes them durable in one fsync: callers batch many appends per sync (group commit).
 * Not thread-safe: one disk thread owns it.
 */
public final class TxnLogWriter implements AutoCloseable {
    private final FileStore store;
    private final long preallocateBytes;
    private final long segmentBytesMax;
    private final boolean forceSync;
    private final int recordBytesMax;
    private FileStore.AppendFile segment;
    /** True until the new segment's directory entry has been made durable. */
    private boolean segmentIsNew;
    private byte[] buffer = new byte[64 * 1024];
    private int buffered;
    private long lastZxid;

    /**
     * @param preallocateBytes how far ahead segments are extended with zeros ({@code preAllocSize})
     * @param segmentBytesMax  the size after which a new segment starts
     * @param forceSync        whether {@link #sync()} fsyncs ({@code forceSync})
     * @param recordBytesMax   the largest payload accepted
     */
    public TxnLogWriter(FileStore store, long preallocateBytes, long segmentBytesMax, boolean forceSync,
            int recordBytesMax, long lastZxid) {
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
        if (buffered + needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + needed));
        }
        LogFormat.putInt(buffer, buffered, payload.length);
        LogFormat.putInt(buffer, buffered + 4, LogFormat.checksum(zxid, payload, 0, payload.length));
        LogFormat.putLong(buffer, buffered + 8, zxid);
        System.arraycopy(payload, 0, buffer, buffered + LogFormat.RECORD_HEADER_BYTES, payload.length);
        buffer[buffered + needed - 1] = LogFormat.END_OF_RECORD;
        buffered += needed;
        lastZxid = zxid;
    }

    /** Writes what was appended and makes it durable; afterwards rolls if the segment is full. */
    public void sync() throws IOException {
        if (segment == null) {
            return;
        }
        if (buffered > 0) {
            long end = segment.position() + buffered;
            if (preallocateBytes > 0) {
                segment.preallocate(((end / preallocateBytes) + 1) * preallocateBytes);
            }
            segment.write(buffer, 0, buffered);
            buffered = 0;
            if (buffer.length > 1024 * 1024) {
                buffer = new byte[64 * 1024];
            }
        }
        if (forceSync) {
            segment.force();
            if (segmentIsNew) {
                store.syncDirectory();
                segmentIsNew = false;
            }
        }
        if (segment.position() >= segmentBytesMax) {
            roll();
        }
    }

    /** Ends the current segment; the next append starts a new one. Call after {@link #sync()}. */
    public void roll() throws IOException {
        Checks.check(buffered == 0, "roll with unsynced records");
        if (segment != null) {
            segment.close();
            segment = null;
            store.syncDirectory();
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
