package io.warden.storage;

import java.io.IOException;
import java.util.List;

import io.warden.common.Zxid;

/**
 * Reads the log back, checking every record. A damaged record at the very end of the last segment,
 * followed only by zeros, is a write torn by a crash: it was never acknowledged, and with
 * {@code repair} the segment is cut there. Damage anywhere else is corruption and stops the read
 * with the file and offset.
 */
public final class TxnLogReader {
    private TxnLogReader() {
    }

    /** One record as read. */
    public record LogRecord(long zxid, byte[] payload, String file, long offset) {
    }

    /** Receives records in zxid order. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(LogRecord record) throws CorruptDataException;
    }

    /** What a read found. */
    public record Summary(long firstZxid, long lastZxid, long records, boolean truncatedTornTail) {
    }

    /**
     * Reads every record with a zxid above {@code afterZxid}, in order. Segments that hold only
     * older records (the next segment starts at or before {@code afterZxid + 1}) are not read.
     *
     * @param recordBytesMax the largest payload a valid record can have
     * @param repair         whether to cut a torn tail off the last segment
     */
    public static Summary read(FileStore store, long afterZxid, int recordBytesMax, boolean repair,
            RecordConsumer consumer) throws IOException, CorruptDataException {
        List<Long> segments = DataFiles.zxids(store.list(), DataFiles.LOG_PREFIX);
        long first = -1;
        long last = -1;
        long count = 0;
        boolean truncated = false;
        for (int i = 0; i < segments.size(); i++) {
            boolean coveredBySnapshot = i + 1 < segments.size() && segments.get(i + 1) - 1 <= afterZxid;
            if (coveredBySnapshot) {
                continue;
            }
            String name = DataFiles.logName(segments.get(i));
            String file = store.describe(name);
            boolean lastSegment = i == segments.size() - 1;
            byte[] bytes = store.readAll(name);
            if (bytes.length < LogFormat.HEADER_BYTES || LogFormat.getInt(bytes, 0) != LogFormat.MAGIC) {
                if (lastSegment && allZero(bytes, 0)) {
                    if (repair) {
                        store.delete(name);
                        store.syncDirectory();
                    }
                    truncated = true;
                    break;
                }
                throw new CorruptDataException(file, 0, "not a Warden log segment (bad header)");
            }
            if (LogFormat.getInt(bytes, 4) != LogFormat.VERSION) {
                throw new CorruptDataException(file, 4, "unknown log version " + LogFormat.getInt(bytes, 4));
            }
            int position = LogFormat.HEADER_BYTES;
            while (true) {
                int remaining = bytes.length - position;
                if (remaining < LogFormat.RECORD_HEADER_BYTES || LogFormat.getInt(bytes, position) == 0) {
                    if (allZero(bytes, position)) {
                        break;
                    }
                    if (lastSegment && remaining < LogFormat.RECORD_HEADER_BYTES) {
                        truncated = cut(store, name, position, repair);
                        break;
                    }
                    throw new CorruptDataException(file, position, "data after the end of the log");
                }
                Damage damage = damage(bytes, position, recordBytesMax, last, afterZxid);
                if (damage != null) {
                    if (damage.torn && lastSegment) {
                        truncated = cut(store, name, position, repair);
                        break;
                    }
                    throw new CorruptDataException(file, position, damage.reason);
                }
                int length = LogFormat.getInt(bytes, position);
                long zxid = LogFormat.getLong(bytes, position + 8);
                if (zxid > afterZxid) {
                    byte[] payload = new byte[length];
                    System.arraycopy(bytes, position + LogFormat.RECORD_HEADER_BYTES, payload, 0, length);
                    consumer.accept(new LogRecord(zxid, payload, file, position));
                    if (first < 0) {
                        first = zxid;
                    }
                    count++;
                }
                last = zxid;
                position += LogFormat.RECORD_OVERHEAD + length;
            }
            if (truncated) {
                if (!lastSegment) {
                    throw new IllegalStateException("only the last segment can be cut");
                }
                break;
            }
        }
        return new Summary(first, last, count, truncated);
    }

    private static boolean cut(FileStore store, String name, int position, boolean repair) throws IOException {
        if (repair) {
            store.truncate(name, position);
        }
        return true;
    }

    /** What is wrong with a record, and whether it looks like a write cut short by a crash. */
    private record Damage(String reason, boolean torn) {
    }

    /**
     * Why the record at {@code position} is not valid, or null. Zxids must increase, and must be
     * contiguous among the records being replayed (those after {@code afterZxid}); below that a
     * snapshot covers any gap. A record is torn when its bytes
     * stop early and only zeros follow: the length or the end-of-record byte never made it to
     * disk. A complete record with a wrong checksum is damage, never a torn write.
     */
    private static Damage damage(byte[] bytes, int position, int recordBytesMax, long previousZxid,
            long afterZxid) {
        int length = LogFormat.getInt(bytes, position);
        int after = position + LogFormat.RECORD_HEADER_BYTES;
        if (length < 0 || length > recordBytesMax) {
            return new Damage("record length " + length + " out of range", !wholeRecordAfter(bytes, after, recordBytesMax));
        }
        long end = (long) position + LogFormat.RECORD_OVERHEAD + length;
        if (end > bytes.length) {
            return new Damage("record of " + length + " bytes runs past the end of the file",
                    !wholeRecordAfter(bytes, after, recordBytesMax));
        }
        byte marker = bytes[(int) end - 1];
        if (marker != LogFormat.END_OF_RECORD) {
            return new Damage("bad end-of-record byte " + marker,
                    marker == 0 && !wholeRecordAfter(bytes, after, recordBytesMax));
        }
        long zxid = LogFormat.getLong(bytes, position + 8);
        int expected = LogFormat.checksum(zxid, bytes, position + LogFormat.RECORD_HEADER_BYTES, length);
        if (LogFormat.getInt(bytes, position + 4) != expected) {
            return new Damage("checksum mismatch", false);
        }
        boolean contiguityMatters = previousZxid > afterZxid;
        if (previousZxid >= 0 && (contiguityMatters ? !follows(previousZxid, zxid) : zxid <= previousZxid)) {
            return new Damage("zxid " + Zxid.toHex(zxid) + " does not follow " + Zxid.toHex(previousZxid), false);
        }
        return null;
    }

    /**
     * Whether a whole, valid record starts anywhere at or after {@code from}. A crash tears only
     * the last write, so damage followed by a whole record cannot be a torn tail: a length field
     * damaged in the middle of the log must not pass for one and cut acknowledged records off.
     */
    private static boolean wholeRecordAfter(byte[] bytes, int from, int recordBytesMax) {
        for (int q = Math.max(0, from); q + LogFormat.RECORD_OVERHEAD <= bytes.length; q++) {
            int length = LogFormat.getInt(bytes, q);
            if (length <= 0 || length > recordBytesMax || (long) q + LogFormat.RECORD_OVERHEAD + length > bytes.length) {
                continue;
            }
            if (bytes[q + LogFormat.RECORD_HEADER_BYTES + length] != LogFormat.END_OF_RECORD) {
                continue;
            }
            long zxid = LogFormat.getLong(bytes, q + 8);
            if (LogFormat.getInt(bytes, q + 4)
                    == LogFormat.checksum(zxid, bytes, q + LogFormat.RECORD_HEADER_BYTES, length)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code zxid} may come right after {@code previous}: the next counter, or a new epoch. */
    static boolean follows(long previous, long zxid) {
        return zxid == previous + 1 || (Zxid.epoch(zxid) > Zxid.epoch(previous) && Zxid.counter(zxid) >= 1);
    }

    private static boolean allZero(byte[] bytes, int from) {
        for (int i = Math.max(0, from); i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
