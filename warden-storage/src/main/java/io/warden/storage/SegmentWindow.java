package io.warden.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A bounded window onto a log segment read as a stream, so that a segment is never held whole:
 * the reader asks for the bytes at an offset ({@link #fill}), and the window keeps only what lies
 * at or after the earliest offset still asked for. Offsets only move forward. It starts at
 * {@link #INITIAL_BYTES} and grows only when a record asked for is larger, up to
 * {@link #READ_AHEAD_BYTES} beyond the largest record, so that a whole record always fits and a
 * scan byte by byte moves its bytes only once per {@code READ_AHEAD_BYTES}.
 */
final class SegmentWindow implements AutoCloseable {
    /** Bytes the window holds beyond one record of the largest size, read ahead in one go. */
    static final int READ_AHEAD_BYTES = 1 << 20;
    /** The window's size until a record needs more (less for a smaller file). */
    static final int INITIAL_BYTES = 2 * READ_AHEAD_BYTES;
    /** The smallest window, for small files. */
    private static final int INITIAL_BYTES_MIN = 4096;

    /** Zeros to compare the window with, a run at a time. */
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final InputStream in;
    private final int capacityBytesMax;
    /** The file's size when it was opened. */
    private final long fileBytes;
    private byte[] buffer;
    /** The file offset of {@code buffer[0]}. */
    private long base;
    /** Bytes of {@link #buffer} that hold file content. */
    private int limit;
    private boolean endOfFile;

    private SegmentWindow(InputStream in, long fileBytes, int capacityBytesMax) {
        this.in = in;
        this.capacityBytesMax = capacityBytesMax;
        this.fileBytes = fileBytes;
        long initial = Math.max(INITIAL_BYTES_MIN, Math.min(INITIAL_BYTES, fileBytes + 1));
        this.buffer = new byte[(int) Math.min(initial, capacityBytesMax)];
    }

    /** Opens a segment with room for one record of {@code recordBytesMax} and the read-ahead. */
    static SegmentWindow open(FileStore store, String name, int recordBytesMax) throws IOException {
        long fileBytes = store.size(name);
        return new SegmentWindow(store.openRead(name), fileBytes, capacityFor(recordBytesMax));
    }

    /** The most a window for records of at most {@code recordBytesMax} holds. */
    static int capacityFor(int recordBytesMax) {
        return (int) Math.min(Integer.MAX_VALUE - 64, (long) READ_AHEAD_BYTES + recordBytesMax
                + LogFormat.RECORD_OVERHEAD);
    }

    /** The array that holds the bytes of the last {@link #fill}; valid until the next one (which may replace it). */
    byte[] bytes() {
        return buffer;
    }

    /** Where the byte at file offset {@code position} is in {@link #bytes()}. */
    int index(long position) {
        return (int) (position - base);
    }

    /**
     * Makes the {@code wanted} bytes at {@code position} available, as far as the file has them, and
     * returns how many are (less than {@code wanted} only at the end of the file). Bytes before
     * {@code position} may be dropped. {@code position} must not lie past the bytes shown so far.
     */
    int fill(long position, int wanted) throws IOException {
        if (position < base || position > base + limit || wanted > capacityBytesMax) {
            throw new IllegalArgumentException("window at " + base + " of at most " + capacityBytesMax
                    + " bytes cannot show " + wanted + " bytes at " + position);
        }
        long wantedEnd = position + wanted;
        if (wantedEnd > base + limit && !endOfFile) {
            if (wantedEnd > base + buffer.length) {
                // Drop what lies before position; grow when the rest of the file can hold more than fits.
                long restOfFile = Math.max(0, fileBytes - position) + 1;
                resize(position, Math.min(grown(wanted), Math.max(buffer.length, restOfFile)));
            }
            while (base + limit < wantedEnd && !endOfFile) {
                if (limit == buffer.length) { // the file is longer than it was when opened
                    resize(base, grown(wanted));
                }
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    endOfFile = true;
                } else {
                    limit += read;
                }
            }
        }
        return (int) Math.max(0, Math.min(wanted, base + limit - position));
    }

    /** The size to grow to for {@code wanted} bytes: doubled at least, with room for a read-ahead. */
    private int grown(int wanted) {
        return (int) Math.min(capacityBytesMax, Math.max(2L * buffer.length, (long) wanted + READ_AHEAD_BYTES));
    }

    /** Moves the bytes from {@code from} on to the start of a buffer of {@code size} bytes (at least the current one). */
    private void resize(long from, long size) {
        int drop = (int) (from - base);
        byte[] target = size > buffer.length ? new byte[(int) size] : buffer;
        System.arraycopy(buffer, drop, target, 0, limit - drop);
        buffer = target;
        base += drop;
        limit -= drop;
    }

    /** Whether every byte from {@code position} to the end of the file is zero. */
    boolean allZeroFrom(long position) throws IOException {
        long at = position;
        while (true) {
            int available = fill(at, buffer.length);
            if (available == 0) {
                return true;
            }
            int from = index(at);
            for (int checked = 0; checked < available; checked += ZEROS.length) {
                int length = Math.min(ZEROS.length, available - checked);
                if (Arrays.mismatch(buffer, from + checked, from + checked + length, ZEROS, 0, length) >= 0) {
                    return false;
                }
            }
            at += available;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
