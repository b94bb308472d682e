package io.warden.storage;

import java.util.zip.CRC32C;

/**
 * The transaction log's byte layout. A segment starts with a 16-byte header (magic "WLOG",
 * version, reserved). Each record is {@code int length, int crc32c, long zxid, payload, 'B'}, the
 * checksum covering the zxid and the payload. A length of zero marks the end: segments are
 * preallocated with zeros. The end-of-record byte tells a torn write (the record's tail still
 * zero) from a damaged complete record (marker present, checksum wrong).
 */
final class LogFormat {
    static final int MAGIC = 0x574C_4F47;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 16;
    static final int RECORD_HEADER_BYTES = 16;
    static final int RECORD_OVERHEAD = RECORD_HEADER_BYTES + 1;
    static final byte END_OF_RECORD = 'B';

    private LogFormat() {
    }

    static int checksum(long zxid, byte[] payload, int offset, int length) {
        CRC32C crc = new CRC32C();
        for (int shift = 56; shift >= 0; shift -= 8) {
            crc.update((int) (zxid >>> shift));
        }
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }

    static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    static void putLong(byte[] bytes, int at, long value) {
        putInt(bytes, at, (int) (value >>> 32));
        putInt(bytes, at + 4, (int) value);
    }

    static int getInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }

    static long getLong(byte[] bytes, int at) {
        return ((long) getInt(bytes, at) << 32) | (getInt(bytes, at + 4) & 0xFFFF_FFFFL);
    }

    static byte[] header() {
        byte[] header = new byte[HEADER_BYTES];
        putInt(header, 0, MAGIC);
        putInt(header, 4, VERSION);
        return header;
    }
}
