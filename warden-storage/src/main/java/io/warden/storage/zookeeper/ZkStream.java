package io.warden.storage.zookeeper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;

import io.warden.storage.CorruptDataException;

/**
 * Reads jute-encoded fields (big-endian ints and longs, length-prefixed buffers and strings) from
 * one of ZooKeeper's files, keeping the offset for messages and a running Adler-32 of every byte
 * read, which ZooKeeper's snapshots are sealed with. Every failure names the file and the offset
 * where the bad field starts.
 */
final class ZkStream implements AutoCloseable {
    private final InputStream in;
    private final String file;
    private final long sizeBytes;
    private final int fieldBytesMax;
    private final Adler32 adler = new Adler32();
    private final byte[] scratch = new byte[8];
    private long offset;

    /**
     * @param in            a buffered stream
     * @param file          the file's name for messages
     * @param sizeBytes     the stream's length when known (for bounding lengths), else -1
     * @param fieldBytesMax the longest buffer or string accepted
     */
    ZkStream(InputStream in, String file, long sizeBytes, int fieldBytesMax) {
        this.in = in;
        this.file = file;
        this.sizeBytes = sizeBytes;
        this.fieldBytesMax = fieldBytesMax;
    }

    String file() {
        return file;
    }

    long offset() {
        return offset;
    }

    /** The Adler-32 of every byte read so far. */
    long checksum() {
        return adler.getValue();
    }

    CorruptDataException corrupt(long at, String reason) {
        return new CorruptDataException(file, at, reason);
    }

    /** Reads up to {@code length} bytes, fewer only at the end of the stream; returns how many. */
    int readUpTo(byte[] bytes, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(bytes, done, length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        adler.update(bytes, 0, done);
        offset += done;
        return done;
    }

    private void readFully(byte[] bytes, int length, long fieldOffset, String what)
            throws IOException, CorruptDataException {
        if (readUpTo(bytes, length) < length) {
            throw corrupt(fieldOffset, "the file ends inside " + what);
        }
    }

    int readInt(String what) throws IOException, CorruptDataException {
        readFully(scratch, 4, offset, what);
        return ZkBytes.getInt(scratch, 0);
    }

    long readLong(String what) throws IOException, CorruptDataException {
        readFully(scratch, 8, offset, what);
        return ZkBytes.getLong(scratch, 0);
    }

    /** A jute buffer: length -1 is null. */
    byte[] readBuffer(String what) throws IOException, CorruptDataException {
        long at = offset;
        int length = readInt(what);
        if (length == -1) {
            return null;
        }
        if (length < -1 || length > fieldBytesMax || (sizeBytes >= 0 && length > sizeBytes - offset)) {
            throw corrupt(at, "bad length " + length + " of " + what);
        }
        byte[] bytes = new byte[length];
        readFully(bytes, length, at, what);
        return bytes;
    }

    String readString(String what) throws IOException, CorruptDataException {
        byte[] bytes = readBuffer(what);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** A count of elements that each take at least {@code elementBytesMin} bytes. */
    int readCount(String what, int elementBytesMin) throws IOException, CorruptDataException {
        long at = offset;
        int count = readInt(what);
        long room = sizeBytes >= 0 ? (sizeBytes - offset) / elementBytesMin : Integer.MAX_VALUE;
        if (count < -1 || count > room || count > fieldBytesMax) {
            throw corrupt(at, "bad count " + count + " of " + what);
        }
        return count;
    }

    /**
     * Reads what is left, at most {@code max} bytes, without adding it to the checksum: callers
     * add the parts they check with {@link #addToChecksum}.
     */
    byte[] readRest(int max, String what) throws IOException, CorruptDataException {
        long at = offset;
        byte[] bytes = new byte[max + 1];
        int done = 0;
        while (done < bytes.length) {
            int n = in.read(bytes, done, bytes.length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        if (done > max) {
            throw corrupt(at, "more than " + max + " bytes of " + what);
        }
        offset += done;
        byte[] rest = new byte[done];
        System.arraycopy(bytes, 0, rest, 0, done);
        return rest;
    }

    void addToChecksum(byte[] bytes, int from, int length) {
        adler.update(bytes, from, length);
    }

    /** Reads to the end, failing at the first byte that is not zero. */
    void expectZerosToEnd(String reason) throws IOException, CorruptDataException {
        byte[] chunk = new byte[64 * 1024];
        while (true) {
            long at = offset;
            int n = readUpTo(chunk, chunk.length);
            for (int i = 0; i < n; i++) {
                if (chunk[i] != 0) {
                    throw corrupt(at + i, reason);
                }
            }
            if (n < chunk.length) {
                return;
            }
        }
    }

    /** Whether every byte from here to the end is zero; reads to the end. */
    boolean zerosToEnd() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        while (true) {
            int n = readUpTo(chunk, chunk.length);
            for (int i = 0; i < n; i++) {
                if (chunk[i] != 0) {
                    return false;
                }
            }
            if (n < chunk.length) {
                return true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
