package io.warden.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes jute primitives big-endian into a growable array. Not thread-safe. {@link JuteSize} is
 * the one subclass: it counts what would be written without writing it.
 */
public sealed class JuteOutput permits JuteSize {
    private byte[] bytes;
    private int size;

    public JuteOutput(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** For {@link JuteSize}, which keeps no bytes. */
    JuteOutput() {
        this.bytes = null;
    }

    public int size() {
        return size;
    }

    /** Forgets what was written, keeping the array for reuse. */
    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The backing array; only the first {@link #size()} bytes are meaningful. */
    public byte[] array() {
        return bytes;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    public void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    public void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    public void writeInt(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    /** Overwrites four bytes at {@code position}, for a length prefix written before its payload. */
    public void setInt(int position, int value) {
        bytes[position] = (byte) (value >>> 24);
        bytes[position + 1] = (byte) (value >>> 16);
        bytes[position + 2] = (byte) (value >>> 8);
        bytes[position + 3] = (byte) value;
    }

    public void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    /** A jute buffer: length then bytes; {@code null} is written as length -1. */
    public void writeBuffer(byte[] value) {
        if (value == null) {
            writeInt(-1);
            return;
        }
        writeInt(value.length);
        writeRaw(value, 0, value.length);
    }

    public void writeRaw(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, bytes, size, length);
        size += length;
    }

    /** A jute ustring: UTF-8 byte length then bytes; {@code null} is written as length -1. */
    public void writeString(String value) {
        writeBuffer(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public void writeStringList(List<String> values) {
        if (values == null) {
            writeInt(-1);
            return;
        }
        if (values instanceof EncodedStrings encoded) {
            encoded.writeTo(this);
            return;
        }
        writeInt(values.size());
        for (String value : values) {
            writeString(value);
        }
    }

    public void writeRecordList(List<? extends Record> values) {
        if (values == null) {
            writeInt(-1);
            return;
        }
        writeInt(values.size());
        for (Record value : values) {
            value.writeTo(this);
        }
    }
}
