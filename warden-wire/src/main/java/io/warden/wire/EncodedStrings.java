package io.warden.wire;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * An immutable list of strings held as their jute encoding: for each, its UTF-8 byte length then
 * its bytes, back to back in one array, as a jute vector of ustrings holds them after its count.
 * Whoever has the bytes already (the tree keeps child names as UTF-8 in its records) builds one
 * with a {@link Builder} and no string per element; {@link JuteOutput#writeStringList} writes it
 * as one copy; a string is made only when an element is read ({@link #get}).
 */
public final class EncodedStrings extends AbstractList<String> implements RandomAccess {
    private final byte[] bytes;
    private final int length;
    /** Where each element's length prefix starts in {@link #bytes}. */
    private final int[] starts;
    private final int count;

    private EncodedStrings(byte[] bytes, int length, int[] starts, int count) {
        this.bytes = bytes;
        this.length = length;
        this.starts = starts;
        this.count = count;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public String get(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("index " + index + " of " + count);
        }
        int at = starts[index];
        return new String(bytes, at + 4, readInt(at), StandardCharsets.UTF_8);
    }

    private int readInt(int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                | (bytes[at + 3] & 0xff);
    }

    /** Writes the list as a jute vector of ustrings: the count, then the elements' bytes as held. */
    void writeTo(JuteOutput out) {
        out.writeInt(count);
        out.writeRaw(bytes, 0, length);
    }

    /** Collects strings from their UTF-8 bytes, in order. Not thread-safe; build once. */
    public static final class Builder {
        private byte[] bytes;
        private int length;
        private int[] starts;
        private int count;

        /** @param expectedCount how many strings are coming (a hint; more may be added) */
        public Builder(int expectedCount) {
            this.starts = new int[Math.max(1, expectedCount)];
            this.bytes = new byte[Math.max(16, expectedCount * 16)];
        }

        /** Adds the string whose UTF-8 encoding is {@code utf8[offset, offset + byteLength)}. */
        public Builder add(byte[] utf8, int offset, int byteLength) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            if (length + 4 + byteLength > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + 4 + byteLength));
            }
            starts[count++] = length;
            bytes[length++] = (byte) (byteLength >>> 24);
            bytes[length++] = (byte) (byteLength >>> 16);
            bytes[length++] = (byte) (byteLength >>> 8);
            bytes[length++] = (byte) byteLength;
            System.arraycopy(utf8, offset, bytes, length, byteLength);
            length += byteLength;
            return this;
        }

        public EncodedStrings build() {
            return new EncodedStrings(bytes, length, starts, count);
        }
    }
}
