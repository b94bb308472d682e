package io.warden.storage.zookeeper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Adler32;

import io.warden.storage.CorruptDataException;
import io.warden.wire.WireFormatException;

/**
 * Reads one ZooKeeper 3.x transaction log, checking every record. The layout, as ZooKeeper 3.9.3
 * writes it (determined by reading its files):
 *
 * <pre>
 * FileHeader   int magic "ZKLG", int version 2, long dbid (0)
 * records      long Adler-32 of the txn bytes, int length, the txn bytes (see ZkTxnDecoder), byte 'B'
 * end          zeros: files are preallocated, so a checksum and length of 0 end the records
 * </pre>
 *
 * A record cut short by a crash (it runs past the end of the file with no whole record after it,
 * or its end-of-record byte is still zero with only zeros after it) is tolerated at the end of the
 * newest log only, as ZooKeeper does: such a write was never acknowledged. Anything else that is not a whole, valid
 * record stops the read with the file and offset.
 */
final class ZkLogReader {
    static final int MAGIC = 0x5A4B_4C47;
    static final int VERSION = 2;
    static final int HEADER_BYTES = 16;
    private static final int RECORD_HEADER_BYTES = 12;
    private static final byte END_OF_RECORD = 'B';

    private ZkLogReader() {
    }

    /** Receives records in file order. */
    @FunctionalInterface
    interface Consumer {
        void accept(ZkTxn txn, long endOffset) throws CorruptDataException;
    }

    /**
     * What a read found.
     *
     * @param tornOffset where a record cut short by a crash starts, or -1
     */
    record Summary(long records, long firstZxid, long lastZxid, long tornOffset, long sizeBytes) {
    }

    /**
     * @param newest         whether this is the newest log, the only one whose last record may be torn
     * @param recordBytesMax the largest record accepted
     */
    static Summary read(Path path, boolean newest, int recordBytesMax, Consumer consumer)
            throws IOException, CorruptDataException {
        String file = path.toString();
        long size = Files.size(path);
        try (ZkStream in = new ZkStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16), file, size,
                recordBytesMax)) {
            byte[] header = new byte[HEADER_BYTES];
            int headerBytes = in.readUpTo(header, HEADER_BYTES);
            if (ZkBytes.allZero(header, 0, headerBytes) && (headerBytes < HEADER_BYTES || in.zerosToEnd()) && newest) {
                // Created, but nothing written before a crash.
                return new Summary(0, -1, -1, headerBytes == 0 ? -1 : 0, size);
            }
            if (headerBytes < HEADER_BYTES || ZkBytes.getInt(header, 0) != MAGIC) {
                throw in.corrupt(0, headerBytes < HEADER_BYTES ? "too short for a ZooKeeper log header"
                        : String.format("not a ZooKeeper log (magic 0x%08x, expected 0x%08x \"ZKLG\")",
                                ZkBytes.getInt(header, 0), MAGIC));
            }
            if (ZkBytes.getInt(header, 4) != VERSION) {
                throw in.corrupt(4, "unsupported ZooKeeper log version " + ZkBytes.getInt(header, 4) + " (expected "
                        + VERSION + ")");
            }
            return records(in, newest, recordBytesMax, size, consumer);
        }
    }

    private static Summary records(ZkStream in, boolean newest, int recordBytesMax, long size, Consumer consumer)
            throws IOException, CorruptDataException {
        byte[] head = new byte[RECORD_HEADER_BYTES];
        byte[] marker = new byte[1];
        long count = 0;
        long first = -1;
        long last = -1;
        while (true) {
            long at = in.offset();
            int headBytes = in.readUpTo(head, RECORD_HEADER_BYTES);
            if (headBytes < RECORD_HEADER_BYTES) {
                if (ZkBytes.allZero(head, 0, headBytes)) {
                    break;
                }
                if (newest) {
                    return new Summary(count, first, last, at, size);
                }
                throw in.corrupt(at, "a record header cut off by the end of the file");
            }
            long checksum = ZkBytes.getLong(head, 0);
            int length = ZkBytes.getInt(head, 8);
            if (checksum == 0 && length == 0) {
                in.expectZerosToEnd("data after the end of the log (a zero record header)");
                break;
            }
            if (length <= 0 || length > recordBytesMax) {
                throw in.corrupt(at, "record length " + length + " out of range");
            }
            byte[] bytes = new byte[length];
            int got = in.readUpTo(bytes, length);
            int markerBytes = got < length ? 0 : in.readUpTo(marker, 1);
            if (markerBytes == 0) {
                long whole = wholeRecordIn(bytes, got);
                if (newest && whole < 0) {
                    return new Summary(count, first, last, at, size);
                }
                throw in.corrupt(at, "a record of " + length + " bytes runs past the end of the file" + (whole < 0 ? ""
                        : ", yet a whole record follows at offset " + (at + RECORD_HEADER_BYTES + whole)));
            }
            if (marker[0] != END_OF_RECORD) {
                long whole = wholeRecordIn(bytes, length);
                if (marker[0] == 0 && newest && whole < 0 && in.zerosToEnd()) {
                    return new Summary(count, first, last, at, size);
                }
                String follows = whole < 0 ? "" : ", and a whole record follows at offset "
                        + (at + RECORD_HEADER_BYTES + whole);
                throw in.corrupt(at + RECORD_HEADER_BYTES + length, String.format(
                        "bad end-of-record byte 0x%02x (expected 0x42 'B') of the record at offset %d%s", marker[0], at,
                        follows));
            }
            Adler32 adler = new Adler32();
            adler.update(bytes, 0, length);
            if (adler.getValue() != checksum) {
                throw in.corrupt(at, "checksum mismatch (stored 0x" + Long.toHexString(checksum) + ", computed 0x"
                        + Long.toHexString(adler.getValue()) + ")");
            }
            ZkTxn txn;
            try {
                txn = ZkTxnDecoder.decode(bytes, in.file(), at);
            } catch (WireFormatException e) {
                throw in.corrupt(at, "undecodable transaction: " + e.getMessage());
            }
            consumer.accept(txn, in.offset());
            if (first < 0) {
                first = txn.zxid();
            }
            last = txn.zxid();
            count++;
        }
        return new Summary(count, first, last, -1, size);
    }

    /**
     * Where the first whole, valid record (checksum, length, end-of-record byte) starts within
     * {@code bytes[0, length)}, or -1. A record that seems to run past the end of the file is a
     * torn write only if nothing valid follows it; otherwise its length is damaged.
     */
    static long wholeRecordIn(byte[] bytes, int length) {
        for (int q = 0; q + RECORD_HEADER_BYTES < length; q++) {
            int recordLength = ZkBytes.getInt(bytes, q + 8);
            long end = (long) q + RECORD_HEADER_BYTES + recordLength;
            if (recordLength <= 0 || end >= length || bytes[(int) end] != END_OF_RECORD) {
                continue;
            }
            Adler32 adler = new Adler32();
            adler.update(bytes, q + RECORD_HEADER_BYTES, recordLength);
            if (adler.getValue() == ZkBytes.getLong(bytes, q)) {
                return q;
            }
        }
        return -1;
    }
}
