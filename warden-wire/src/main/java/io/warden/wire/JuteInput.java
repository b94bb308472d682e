package io.warden.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads jute primitives big-endian from a byte range. Every length read is checked against the
 * remaining bytes, so a lying length fails with {@link WireFormatException} and never allocates
 * more than the frame holds.
 */
public final class JuteInput {
    private final byte[] bytes;
    private int position;
    private final int limit;

    public JuteInput(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public JuteInput(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - position;
    }

    public int position() {
        return position;
    }

    private void need(int count, String what) throws WireFormatException {
        if (count < 0 || count > limit - position) {
            throw new WireFormatException("truncated " + what + ": need " + count + " bytes, have " + (limit - position)
                    + " at offset " + position);
        }
    }

    public byte readByte() throws WireFormatException {
        need(1, "byte");
        return bytes[position++];
    }

    public boolean readBoolean() throws WireFormatException {
        return readByte() != 0;
    }

    public int readInt() throws WireFormatException {
        need(4, "int");
        int value = ((bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
                | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    public long readLong() throws WireFormatException {
        long high = readInt() & 0xFFFF_FFFFL;
        long low = readInt() & 0xFFFF_FFFFL;
        return (high << 32) | low;
    }

    /** A jute buffer; length -1 gives {@code null}, any other negative length is malformed. */
    public byte[] readBuffer() throws WireFormatException {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        if (length < -1) {
            throw new WireFormatException("negative buffer length " + length + " at offset " + (position - 4));
        }
        need(length, "buffer");
        byte[] value = new byte[length];
        System.arraycopy(bytes, position, value, 0, length);
        position += length;
        return value;
    }

    public String readString() throws WireFormatException {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        if (length < -1) {
            throw new WireFormatException("negative string length " + length + " at offset " + (position - 4));
        }
        need(length, "string");
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** The element count of a vector; -1 means null. Each element needs at least one byte. */
    public int readVectorSize() throws WireFormatException {
        int count = readInt();
        if (count < -1) {
            throw new WireFormatException("negative vector length " + count + " at offset " + (position - 4));
        }
        if (count > remaining()) {
            throw new WireFormatException("vector of " + count + " elements cannot fit in " + remaining() + " bytes");
        }
        return count;
    }

    public List<String> readStringList() throws WireFormatException {
        int count = readVectorSize();
        if (count == -1) {
            return null;
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString());
        }
        return values;
    }

    /** Reads one element of a record vector. */
    @FunctionalInterface
    public interface ElementReader<T> {
        T read(JuteInput in) throws WireFormatException;
    }

    public <T> List<T> readRecordList(ElementReader<T> reader) throws WireFormatException {
        int count = readVectorSize();
        if (count == -1) {
            return null;
        }
        List<T> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(reader.read(this));
        }
        return values;
    }

    /** Fails unless every byte was consumed. */
    public void expectEnd(String what) throws WireFormatException {
        if (remaining() != 0) {
            throw new WireFormatException(remaining() + " unexpected trailing bytes after " + what);
        }
    }
}
