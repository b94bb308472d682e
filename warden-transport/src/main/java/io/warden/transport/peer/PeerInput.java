package io.warden.transport.peer;

import io.warden.zab.ServerState;

/**
 * Reads big-endian primitives of one message body, checking each against the bytes left. Every
 * error names the record being read and the field, so that a bad frame is easy to place. A
 * length is checked to be non-negative and to fit in what is left before anything is allocated.
 */
final class PeerInput {
    private static final ServerState[] STATES = ServerState.values();

    private final byte[] bytes;
    private int position;
    private String record = "message";

    PeerInput(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The record read from here on, for error messages. */
    void reading(String recordName) {
        this.record = recordName;
    }

    int remaining() {
        return bytes.length - position;
    }

    private void need(int count, String field) throws PeerFormatException {
        if (count > remaining()) {
            throw error(field, "truncated: needs " + count + " bytes, " + remaining() + " left at offset " + position);
        }
    }

    PeerFormatException error(String field, String problem) {
        return new PeerFormatException(record + "." + field + ": " + problem);
    }

    byte readByte(String field) throws PeerFormatException {
        need(1, field);
        return bytes[position++];
    }

    /** One byte, 0 or 1; anything else is an error. */
    boolean readBoolean(String field) throws PeerFormatException {
        byte value = readByte(field);
        if (value != 0 && value != 1) {
            throw error(field, "boolean byte " + value + " is neither 0 nor 1");
        }
        return value == 1;
    }

    int readInt(String field) throws PeerFormatException {
        need(4, field);
        int value = ((bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
                | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    long readLong(String field) throws PeerFormatException {
        need(8, field);
        long high = readInt(field) & 0xFFFF_FFFFL;
        long low = readInt(field) & 0xFFFF_FFFFL;
        return (high << 32) | low;
    }

    ServerState readState(String field) throws PeerFormatException {
        int ordinal = readByte(field) & 0xFF;
        if (ordinal >= STATES.length) {
            throw error(field, "ordinal " + ordinal + " is not a server state (0.." + (STATES.length - 1) + ")");
        }
        return STATES[ordinal];
    }

    /** An int length, then that many bytes. */
    byte[] readBytes(String field) throws PeerFormatException {
        int length = readInt(field + " length");
        if (length < 0) {
            throw error(field, "negative length " + length);
        }
        need(length, field);
        byte[] value = new byte[length];
        System.arraycopy(bytes, position, value, 0, length);
        position += length;
        return value;
    }

    /**
     * An int count of items that take at least {@code itemBytesMin} bytes each, checked to be
     * non-negative and to fit in what is left.
     */
    int readCount(String field, int itemBytesMin) throws PeerFormatException {
        int count = readInt(field + " count");
        if (count < 0) {
            throw error(field, "negative count " + count);
        }
        if ((long) count * itemBytesMin > remaining()) {
            throw error(field, count + " items of at least " + itemBytesMin + " bytes do not fit in the "
                    + remaining() + " bytes left");
        }
        return count;
    }

    /** Fails unless every byte was read. */
    void end() throws PeerFormatException {
        if (remaining() != 0) {
            throw new PeerFormatException(record + ": " + remaining() + " trailing bytes after the last field");
        }
    }
}
