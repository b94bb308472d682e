package io.warden.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A snapshot's bytes as jute fields, read from a stream through one buffer of
 * {@link #BUFFER_BYTES}: the fields are taken straight out of the buffer, and the checksum is
 * computed over whole runs of consumed bytes rather than byte by byte. Knows the offset of every
 * field, for messages.
 */
final class SnapshotInput {
    /** The bytes read from the stream at a time, and all that is held of it. */
    static final int BUFFER_BYTES = 1 << 20;
    /** The smallest buffer, for small snapshots. */
    private static final int BUFFER_BYTES_MIN = 4096;

    private final InputStream in;
    private final byte[] buffer;
    private final CRC32C crc = new CRC32C();
    /** The stream offset of {@code buffer[0]}. */
    private long base;
    private int index;
    private int limit;
    /** Bytes before this index are already in the checksum. */
    private int checksummed;

    /** @param sizeBytes the stream's size: a smaller one gets a smaller buffer */
    SnapshotInput(InputStream in, long sizeBytes) {
        this.in = in;
        this.buffer = new byte[(int) Math.max(BUFFER_BYTES_MIN, Math.min(BUFFER_BYTES, sizeBytes))];
    }

    /** The offset of the next byte. */
    long offset() {
        return base + index;
    }

    /** The CRC-32C of every byte consumed so far. */
    long checksum() {
        crc.update(buffer, checksummed, index - checksummed);
        checksummed = index;
        return crc.getValue();
    }

    /** Makes at least {@code wanted} (at most the buffer) bytes available, or throws at the end of the stream. */
    private void require(int wanted) throws IOException {
        if (limit - index >= wanted) {
            return;
        }
        crc.update(buffer, checksummed, index - checksummed);
        System.arraycopy(buffer, index, buffer, 0, limit - index);
        base += index;
        limit -= index;
        index = 0;
        checksummed = 0;
        while (limit < wanted) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                throw new EOFException();
            }
            limit += read;
        }
    }

    int readInt() throws IOException {
        require(4);
        int value = LogFormat.getInt(buffer, index);
        index += 4;
        return value;
    }

    long readLong() throws IOException {
        require(8);
        long value = LogFormat.getLong(buffer, index);
        index += 8;
        return value;
    }

    /** The next {@code length} bytes. */
    byte[] readBytes(int length) throws IOException {
        byte[] bytes = new byte[length];
        int copied = 0;
        while (copied < length) {
            require(1);
            int n = Math.min(length - copied, limit - index);
            System.arraycopy(buffer, index, bytes, copied, n);
            index += n;
            copied += n;
        }
        return bytes;
    }

    /** The next {@code length} bytes as UTF-8 text. */
    String readString(int length) throws IOException {
        if (length <= buffer.length) {
            require(length);
            String text = new String(buffer, index, length, StandardCharsets.UTF_8);
            index += length;
            return text;
        }
        return new String(readBytes(length), StandardCharsets.UTF_8);
    }

    /**
     * Consumes the next bytes if they are exactly {@code expected} (at most the buffer's size), and
     * says whether they were.
     */
    boolean skipIfNext(byte[] expected) throws IOException {
        if (limit - index < expected.length) {
            try {
                require(expected.length);
            } catch (EOFException e) {
                return false; // fewer bytes are left: the caller reads them field by field
            }
        }
        if (Arrays.mismatch(buffer, index, index + expected.length, expected, 0, expected.length) >= 0) {
            return false;
        }
        index += expected.length;
        return true;
    }

    /** A copy of the bytes consumed since offset {@code from}, or null when they are no longer held. */
    byte[] consumedSince(long from) {
        if (from < base) {
            return null;
        }
        return Arrays.copyOfRange(buffer, (int) (from - base), index);
    }

    /** Whether the stream has no byte left. */
    boolean atEnd() throws IOException {
        if (index < limit) {
            return false;
        }
        try {
            require(1);
            return false;
        } catch (EOFException e) {
            return true;
        }
    }
}
