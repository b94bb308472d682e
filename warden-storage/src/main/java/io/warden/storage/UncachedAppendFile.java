package io.warden.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file appended to with direct I/O ({@code O_DIRECT}): the bytes go from one aligned buffer of
 * {@link #BUFFER_BYTES} straight to the disk, never through the page cache. Writing a snapshot of
 * a few hundred MiB through the page cache cost the snapshot thread about a third of a core in
 * the kernel copying pages (on a 2-core machine, a third of what serves clients), and left the
 * kernel that much dirty data to write back while the log's fsync waited its turn. Written
 * directly, a write returns once its buffer reached the disk, so at most one buffer of the
 * snapshot is ever queued ahead of the log's fsync.
 *
 * <p>Direct I/O writes whole blocks at block-aligned offsets. The buffer starts at a block
 * boundary of the file; a full buffer is written whole. {@link #force} writes what is buffered
 * padded to a whole block, cuts the file back to {@link #position()} and syncs it; the partial
 * last block stays in the buffer and is written again, completed, by the next full buffer.
 */
final class UncachedAppendFile implements FileStore.AppendFile {
    /** The bytes buffered before they are written to the disk, at most (a multiple of any block size). */
    static final int BUFFER_BYTES = 256 << 10;

    private final FileChannel channel;
    private final int blockBytes;
    /** Holds the file's bytes from {@link #bufferStart} to {@link #position}. */
    private final ByteBuffer buffer;
    /** The file offset of the buffer's first byte: a multiple of {@link #blockBytes}. */
    private long bufferStart;
    private long position;
    /** Whether the file on disk may be longer than {@link #position} (a padded block was written). */
    private boolean padded;
    /** Whether bytes were given since the last {@link #force}: only then has closing anything to write. */
    private boolean writtenSinceForce;

    /**
     * @param channel    a new, empty file opened for writing with direct I/O
     * @param blockBytes the alignment direct I/O needs on this file (a power of two dividing {@link #BUFFER_BYTES})
     */
    UncachedAppendFile(FileChannel channel, int blockBytes) {
        if (Integer.bitCount(blockBytes) != 1 || BUFFER_BYTES % blockBytes != 0) {
            throw new IllegalArgumentException("not a usable block size for direct I/O: " + blockBytes);
        }
        this.channel = channel;
        this.blockBytes = blockBytes;
        this.buffer = ByteBuffer.allocateDirect(BUFFER_BYTES + blockBytes).alignedSlice(blockBytes).slice(0, BUFFER_BYTES);
    }

    /**
     * Writes one zero block at the start of the still empty file and cuts it back to empty: some
     * file systems accept direct I/O when a file is opened and refuse it only when it is written,
     * which the caller finds out here, before the first snapshot byte, rather than at every snapshot.
     */
    void probe() throws IOException {
        if (position != 0) {
            throw new IllegalStateException("probe a new file only");
        }
        ByteBuffer zeros = buffer.duplicate(); // not written to yet, so all zeros
        zeros.position(0).limit(blockBytes);
        while (zeros.hasRemaining()) {
            channel.write(zeros, zeros.position());
        }
        channel.truncate(0);
    }

    @Override
    public boolean uncached() {
        return true;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        writtenSinceForce |= length > 0;
        while (length > 0) {
            int n = Math.min(length, buffer.remaining());
            buffer.put(bytes, offset, n);
            offset += n;
            length -= n;
            position += n;
            if (!buffer.hasRemaining()) {
                writeOut(BUFFER_BYTES);
                bufferStart += BUFFER_BYTES;
                buffer.clear();
            }
        }
    }

    /** Writes the buffer's first {@code bytes} (a multiple of the block size) at {@link #bufferStart}. */
    private void writeOut(int bytes) throws IOException {
        ByteBuffer out = buffer.duplicate();
        out.position(0).limit(bytes);
        long at = bufferStart;
        while (out.hasRemaining()) {
            at += channel.write(out, at);
        }
    }

    /** Writes what is buffered, the last block padded with zeros, then keeps only that block's bytes buffered. */
    private void writeBuffered() throws IOException {
        int used = buffer.position();
        if (used == 0) {
            return;
        }
        int whole = used - used % blockBytes;
        int rounded = used == whole ? used : whole + blockBytes;
        for (int i = used; i < rounded; i++) {
            buffer.put(i, (byte) 0);
        }
        writeOut(rounded);
        padded = rounded != used;
        // Keep the partial block at the buffer's start: it is written again once it is completed.
        ByteBuffer tail = buffer.duplicate();
        tail.position(whole).limit(used);
        buffer.clear();
        buffer.put(tail);
        bufferStart += whole;
    }

    @Override
    public void force() throws IOException {
        writeBuffered();
        if (padded) {
            channel.truncate(position);
            padded = false;
        }
        channel.force(false);
        writtenSinceForce = false;
    }

    @Override
    public void preallocate(long size) {
        throw new UnsupportedOperationException("a file written with direct I/O is not preallocated");
    }

    /**
     * Writes what was given since the last force (without syncing it) and closes the file; after
     * a force it only closes, so a synced file is not touched again.
     */
    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen() && writtenSinceForce) {
                writeBuffered();
                if (padded) {
                    channel.truncate(position);
                }
            }
        } finally {
            channel.close();
        }
    }
}
