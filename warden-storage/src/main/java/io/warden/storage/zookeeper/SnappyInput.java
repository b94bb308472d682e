package io.warden.storage.zookeeper;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * The stream snappy-java's {@code SnappyOutputStream} writes, which is how ZooKeeper compresses
 * {@code .snappy} snapshots: a 16-byte header (the bytes {@code 0x82 "SNAPPY" 0x00}, int version,
 * int compatible version), then blocks, each an int length followed by that many bytes of raw
 * Snappy data in Google's published block format (a varint of the uncompressed length, then
 * literals and back-references). Damage is reported as a {@link ZipException} naming the offset
 * in the compressed file.
 */
final class SnappyInput extends InputStream {
    private static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    private static final int HEADER_BYTES = 16;
    /** Far above snappy-java's block sizes; bounds what a damaged length can make us allocate. */
    private static final int BLOCK_BYTES_MAX = 64 << 20;

    private final InputStream in;
    private long offset;
    private byte[] block = new byte[0];
    private int position;

    SnappyInput(InputStream in) throws IOException {
        this.in = in;
        byte[] header = new byte[HEADER_BYTES];
        if (readFully(header) < HEADER_BYTES) {
            throw new ZipException("not snappy-java data (too short for its header)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (header[i] != MAGIC[i]) {
                throw new ZipException("not snappy-java data (bad magic at offset " + i + ")");
            }
        }
    }

    @Override
    public int read() throws IOException {
        if (position == block.length && !nextBlock()) {
            return -1;
        }
        return block[position++] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int from, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == block.length && !nextBlock()) {
            return -1;
        }
        int n = Math.min(length, block.length - position);
        System.arraycopy(block, position, bytes, from, n);
        position += n;
        return n;
    }

    /** Reads and decompresses the next block; false at the end of the stream. */
    private boolean nextBlock() throws IOException {
        do {
            long at = offset;
            byte[] lengthBytes = new byte[4];
            int got = readFully(lengthBytes);
            if (got == 0) {
                return false;
            }
            if (got < 4) {
                throw new EOFException("the file ends inside the length of the block at offset " + at);
            }
            int length = ZkBytes.getInt(lengthBytes, 0);
            if (length <= 0 || length > BLOCK_BYTES_MAX) {
                throw new ZipException("bad block length " + length + " at offset " + at);
            }
            byte[] compressed = new byte[length];
            if (readFully(compressed) < length) {
                throw new EOFException("the file ends inside the block at offset " + at);
            }
            block = uncompress(compressed, at + 4);
            position = 0;
        } while (block.length == 0);
        return true;
    }

    private int readFully(byte[] bytes) throws IOException {
        int done = 0;
        while (done < bytes.length) {
            int n = in.read(bytes, done, bytes.length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        offset += done;
        return done;
    }

    /** Uncompresses one raw Snappy block that starts at {@code at} in the file. */
    static byte[] uncompress(byte[] in, long at) throws ZipException {
        int p = 0;
        long length = 0;
        for (int shift = 0; ; shift += 7) {
            if (p >= in.length || shift > 28) {
                throw new ZipException("bad uncompressed length in the block at offset " + at);
            }
            int b = in[p++] & 0xFF;
            length |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                break;
            }
        }
        if (length > BLOCK_BYTES_MAX) {
            throw new ZipException("uncompressed length " + length + " of the block at offset " + at + " too large");
        }
        byte[] out = new byte[(int) length];
        int o = 0;
        while (p < in.length) {
            int tag = in[p++] & 0xFF;
            int copyLength;
            int distance;
            switch (tag & 3) {
                case 0: {
                    int literal = tag >>> 2;
                    if (literal >= 60) {
                        int bytes = literal - 59;
                        if (p + bytes > in.length) {
                            throw damaged(at, p);
                        }
                        literal = (int) little(in, p, bytes);
                        p += bytes;
                    }
                    long n = (literal & 0xFFFF_FFFFL) + 1;
                    if (n > in.length - p || n > out.length - o) {
                        throw damaged(at, p);
                    }
                    System.arraycopy(in, p, out, o, (int) n);
                    p += (int) n;
                    o += (int) n;
                    continue;
                }
                case 1:
                    if (p + 1 > in.length) {
                        throw damaged(at, p);
                    }
                    copyLength = 4 + ((tag >>> 2) & 7);
                    distance = ((tag >>> 5) << 8) | (in[p++] & 0xFF);
                    break;
                case 2:
                    if (p + 2 > in.length) {
                        throw damaged(at, p);
                    }
                    copyLength = (tag >>> 2) + 1;
                    distance = (int) little(in, p, 2);
                    p += 2;
                    break;
                default:
                    if (p + 4 > in.length) {
                        throw damaged(at, p);
                    }
                    copyLength = (tag >>> 2) + 1;
                    long far = little(in, p, 4);
                    p += 4;
                    distance = far > Integer.MAX_VALUE ? 0 : (int) far;
                    break;
            }
            if (distance <= 0 || distance > o || copyLength > out.length - o) {
                throw damaged(at, p);
            }
            for (int i = 0; i < copyLength; i++, o++) {
                out[o] = out[o - distance];
            }
        }
        if (o != out.length) {
            throw new ZipException("the block at offset " + at + " holds " + o + " of its " + out.length + " bytes");
        }
        return out;
    }

    private static long little(byte[] bytes, int from, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[from + i] & 0xFF);
        }
        return value;
    }

    private static ZipException damaged(long at, int p) {
        return new ZipException("damaged Snappy data at offset " + (at + p));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
