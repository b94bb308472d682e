package io.warden.storage;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import io.warden.common.Zxid;

/**
 * Reads the log back, checking every record. A damaged record at the very end of the last segment,
 * followed only by zeros, is a write torn by a crash: it was never acknowledged, and with
 * {@code repair} the segment is cut there. Damage anywhere else is corruption and stops the read
 * with the file and offset. {@link #walk} is the one parser of a segment's records; truncation
 * ({@link LogTruncation}) walks segments with it too.
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
        Tally tally = new Tally();
        long last = -1;
        boolean truncated = false;
        for (int i = 0; i < segments.size(); i++) {
            boolean coveredBySnapshot = i + 1 < segments.size() && segments.get(i + 1) - 1 <= afterZxid;
            if (coveredBySnapshot) {
                continue;
            }
            String name = DataFiles.logName(segments.get(i));
            String file = store.describe(name);
            boolean lastSegment = i == segments.size() - 1;
            SegmentEnd end = walk(file, store.readAll(name), lastSegment, recordBytesMax, last, afterZxid,
                    (zxid, bytes, position, length) -> {
                        if (zxid > afterZxid) {
                            byte[] payload = Arrays.copyOfRange(bytes, position + LogFormat.RECORD_HEADER_BYTES,
                                    position + LogFormat.RECORD_HEADER_BYTES + length);
                            consumer.accept(new LogRecord(zxid, payload, file, position));
                            tally.count(zxid);
                        }
                        return true;
                    });
            last = end.lastZxid();
            if (end.tail() != Tail.WHOLE) {
                if (repair) {
                    repair(store, name, end);
                }
                truncated = true;
                break;
            }
        }
        return new Summary(tally.first, last, tally.records, truncated);
    }

    /** The records handed to the consumer: the first one's zxid and how many. */
    private static final class Tally {
        long first = -1;
        long records;

        void count(long zxid) {
            if (first < 0) {
                first = zxid;
            }
            records++;
        }
    }

    private static void repair(FileStore store, String name, SegmentEnd end) throws IOException {
        if (end.tail() == Tail.TORN_HEADER) {
            store.delete(name);
            store.syncDirectory();
        } else {
            store.truncate(name, end.end());
        }
    }

    /** How the valid part of a segment ends. */
    enum Tail {
        /** Ended at a record boundary: only zeros follow, or the visitor stopped there. */
        WHOLE,
        /** The last segment never got its header: it is all zeros, and goes as a whole. */
        TORN_HEADER,
        /** The last segment ends in a record a crash cut short; {@link SegmentEnd#end()} is where to cut. */
        TORN_RECORD
    }

    /**
     * Where a walk through one segment stopped.
     *
     * @param lastZxid the zxid of the last record visited and kept, or the walk's {@code previousZxid}
     *     when there was none
     * @param end      the offset just after that record (after the header when there was none)
     */
    record SegmentEnd(long lastZxid, int end, Tail tail) {
    }

    /** Sees each valid record of a segment; returns false to stop before it. */
    @FunctionalInterface
    interface RecordVisitor {
        boolean visit(long zxid, byte[] bytes, int position, int length) throws CorruptDataException;
    }

    /**
     * Walks the records of one segment in order, checking each before the visitor sees it (the
     * one way records are parsed: reading and truncating the log both use it). Only the last
     * segment may end in a torn write; damage anywhere else throws with the file and offset.
     *
     * @param previousZxid the zxid of the record before this segment, -1 for none
     * @param afterZxid    zxids above it must also be contiguous ({@link #follows})
     */
    static SegmentEnd walk(String file, byte[] bytes, boolean lastSegment, int recordBytesMax, long previousZxid,
            long afterZxid, RecordVisitor visitor) throws CorruptDataException {
        if (bytes.length < LogFormat.HEADER_BYTES || LogFormat.getInt(bytes, 0) != LogFormat.MAGIC) {
            if (lastSegment && allZero(bytes, 0)) {
                return new SegmentEnd(previousZxid, 0, Tail.TORN_HEADER);
            }
            throw new CorruptDataException(file, 0, "not a Warden log segment (bad header)");
        }
        if (LogFormat.getInt(bytes, 4) != LogFormat.VERSION) {
            throw new CorruptDataException(file, 4, "unknown log version " + LogFormat.getInt(bytes, 4));
        }
        long last = previousZxid;
        int position = LogFormat.HEADER_BYTES;
        while (true) {
            int remaining = bytes.length - position;
            if (remaining < LogFormat.RECORD_HEADER_BYTES || LogFormat.getInt(bytes, position) == 0) {
                if (allZero(bytes, position)) {
                    return new SegmentEnd(last, position, Tail.WHOLE);
                }
                if (lastSegment && remaining < LogFormat.RECORD_HEADER_BYTES) {
                    return new SegmentEnd(last, position, Tail.TORN_RECORD);
                }
                throw new CorruptDataException(file, position, "data after the end of the log");
            }
            Damage damage = damage(bytes, position, recordBytesMax, last, afterZxid);
            if (damage != null) {
                if (damage.torn && lastSegment) {
                    return new SegmentEnd(last, position, Tail.TORN_RECORD);
                }
                throw new CorruptDataException(file, position, damage.reason);
            }
            int length = LogFormat.getInt(bytes, position);
            long zxid = LogFormat.getLong(bytes, position + 8);
            if (!visitor.visit(zxid, bytes, position, length)) {
                return new SegmentEnd(last, position, Tail.WHOLE);
            }
            last = zxid;
            position += LogFormat.RECORD_OVERHEAD + length;
        }
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

    static boolean allZero(byte[] bytes, int from) {
        for (int i = Math.max(0, from); i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
