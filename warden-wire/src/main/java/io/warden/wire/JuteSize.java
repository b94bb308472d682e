package io.warden.wire;

/**
 * Counts the bytes a record's jute encoding takes without writing them, so that a frame's size is
 * known before it is encoded. Strings are measured in UTF-8 without being converted.
 */
public final class JuteSize extends JuteOutput {
    private long count;

    private JuteSize() {
    }

    /** The length of {@code record}'s encoding. */
    public static long of(Record record) {
        JuteSize size = new JuteSize();
        record.writeTo(size);
        return size.count;
    }

    /** The length of what {@code encoding} writes. */
    public static long ofEncoding(java.util.function.Consumer<JuteOutput> encoding) {
        JuteSize size = new JuteSize();
        encoding.accept(size);
        return size.count;
    }

    /** The UTF-8 length of {@code value}, as {@link String#getBytes} with UTF-8 would produce it. */
    public static int utf8Length(String value) {
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length++; // an unpaired surrogate is encoded as '?'
            } else {
                length += 3;
            }
        }
        return length;
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, count);
    }

    @Override
    public void reset() {
        count = 0;
    }

    @Override
    public byte[] toByteArray() {
        throw new UnsupportedOperationException("a size keeps no bytes");
    }

    @Override
    public byte[] array() {
        throw new UnsupportedOperationException("a size keeps no bytes");
    }

    @Override
    public void writeByte(int value) {
        count++;
    }

    @Override
    public void writeInt(int value) {
        count += 4;
    }

    @Override
    public void setInt(int position, int value) {
        // a length written after its payload does not change the size
    }

    @Override
    public void writeRaw(byte[] value, int offset, int length) {
        count += length;
    }

    @Override
    public void writeString(String value) {
        count += value == null ? 4 : 4 + utf8Length(value);
    }
}
