package io.warden.transport.peer;

/**
 * Writes big-endian primitives into a byte array, or, without one, only counts the bytes that
 * would be written. The codec runs once to count and once to write, so an encoding is allocated
 * at its exact size and never copied, however large a snapshot it holds.
 */
final class PeerOutput {
    private final byte[] target;
    private long position;

    private PeerOutput(byte[] target, int offset) {
        this.target = target;
        this.position = offset;
    }

    /** Counts bytes and writes none. */
    static PeerOutput counter() {
        return new PeerOutput(null, 0);
    }

    /** Writes into {@code target} from {@code offset} on; the caller sized it with a {@link #counter()}. */
    static PeerOutput into(byte[] target, int offset) {
        return new PeerOutput(target, offset);
    }

    /** Bytes counted, or the offset of the next byte written. */
    long position() {
        return position;
    }

    void writeByte(int value) {
        if (target != null) {
            target[(int) position] = (byte) value;
        }
        position++;
    }

    void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    void writeInt(int value) {
        if (target != null) {
            int at = (int) position;
            target[at] = (byte) (value >>> 24);
            target[at + 1] = (byte) (value >>> 16);
            target[at + 2] = (byte) (value >>> 8);
            target[at + 3] = (byte) value;
        }
        position += 4;
    }

    void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    /** An int length, then the bytes. */
    void writeBytes(byte[] value) {
        writeInt(value.length);
        if (target != null) {
            System.arraycopy(value, 0, target, (int) position, value.length);
        }
        position += value.length;
    }
}
