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
     * older records (the next segment starts at or before {@code afterZxid + 1}) are not read. Each
     * segment is read as a stream through a window of {@link SegmentWindow#capacityFor} bytes,
     * never whole.
     *
     * @param recordBytesMax the largest payload a valid record can have
     * @param repair         whether to cut a torn tail off the last segment
     */
    public static Summary read(FileStore store, long afterZxid, int recordBytesMax, boolean repair,
            RecordConsumer consumer) throws IOException, CorruptDataException {
        Scan scan = scan(store, afterZxid, recordBytesMax, consumer);
        if (repair) {
            scan.repair(store);
        }
        return scan.summary();
    }

    /**
     * What reading the log found, and the torn tail to cut when there is one: reading and
     * cutting are apart so that a caller reading on one thread may cut only once it has accepted
     * every record.
     */
    record Scan(Summary summary, String tornSegment, SegmentEnd tornEnd) {
        /** Cuts the torn tail off, if there is one. */
        void repair(FileStore store) throws IOException {
            if (tornSegment != null) {
                TxnLogReader.repair(store, tornSegment, tornEnd);
            }
        }
    }

    /** {@link #read} without the repair, which the result can carry out. */
    static Scan scan(FileStore store, long afterZxid, int recordBytesMax, RecordConsumer consumer)
            throws IOException, CorruptDataException {
        List<Long> segments = DataFiles.zxids(store.list(), DataFiles.LOG_PREFIX);
        Tally tally = new Tally();
        long last = -1;
        for (int i = 0; i < segments.size(); i++) {
            boolean coveredBySnapshot = i + 1 < segments.size() && segments.get(i + 1) - 1 <= afterZxid;
            if (coveredBySnapshot) {
                continue;
            }
            String name = DataFiles.logName(segments.get(i));
            String file = store.describe(name);
            boolean lastSegment = i == segments.size() - 1;
            SegmentEnd end;
            try (SegmentWindow window = SegmentWindow.open(store, name, recordBytesMax)) {
                end = walk(file, window, lastSegment, recordBytesMax, last, afterZxid,
                        (zxid, bytes, index, length, offset) -> {
                            if (zxid > afterZxid) {
                                int from = index + LogFormat.RECORD_HEADER_BYTES;
                                byte[] payload = Arrays.copyOfRange(bytes, from, from + length);
                                consumer.accept(new LogRecord(zxid, payload, file, offset));
                                tally.count(zxid);
                            }
                            return true;
                        });
            }
            last = end.lastZxid();
            if (end.tail() != Tail.WHOLE) {
                return new Scan(new Summary(tally.first, last, tally.records, true), name, end);
            }
        }
        return new Scan(new Summary(tally.first, last, tally.records, false), null, null);
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
    record SegmentEnd(long lastZxid, long end, Tail tail) {
    }

    /** Sees each valid record of a segment; returns false to stop before it. */
    @FunctionalInterface
    interface RecordVisitor {
        /**
         * @param bytes  holds the record from {@code index} on (its header, payload and end byte),
         *     until the visitor returns
         * @param offset the record's offset in the file
         */
        boolean visit(long zxid, byte[] bytes, int index, int length, long offset) throws CorruptDataException;
    }

    /**
     * Walks the records of one segment in order, checking each before the visitor sees it (the
     * one way records are parsed: reading and truncating the log both use it). Only the last
     * segment may end in a torn write; damage anywhere else throws with the file and offset.
     *
     * @param previousZxid the zxid of the record before this segment, -1 for none
     * @param afterZxid    zxids above it must also be contiguous ({@link #follows})
     */
    static SegmentEnd walk(String file, SegmentWindow window, boolean lastSegment, int recordBytesMax,
            long previousZxid, long afterZxid, RecordVisitor visitor) throws IOException, CorruptDataException {
        if (window.fill(0, LogFormat.HEADER_BYTES) < LogFormat.HEADER_BYTES
                || LogFormat.getInt(window.bytes(), window.index(0)) != LogFormat.MAGIC) {
            if (lastSegment && window.allZeroFrom(0)) {
                return new SegmentEnd(previousZxid, 0, Tail.TORN_HEADER);
            }
            throw new CorruptDataException(file, 0, "not a Warden log segment (bad header)");
        }
        int version = LogFormat.getInt(window.bytes(), window.index(4));
        if (version != LogFormat.VERSION) {
            throw new CorruptDataException(file, 4, "unknown log version " + version);
        }
        long last = previousZxid;
        long position = LogFormat.HEADER_BYTES;
        while (true) {
            int available = window.fill(position, LogFormat.RECORD_HEADER_BYTES);
            if (available < LogFormat.RECORD_HEADER_BYTES
                    || LogFormat.getInt(window.bytes(), window.index(position)) == 0) {
                if (window.allZeroFrom(position)) {
                    return new SegmentEnd(last, position, Tail.WHOLE);
                }
                if (lastSegment && available < LogFormat.RECORD_HEADER_BYTES) {
                    return new SegmentEnd(last, position, Tail.TORN_RECORD);
                }
                throw new CorruptDataException(file, position, "data after the end of the log");
            }
            Damage damage = damage(window, position, recordBytesMax, last, afterZxid);
            if (damage != null) {
                if (damage.torn && lastSegment) {
                    return new SegmentEnd(last, position, Tail.TORN_RECORD);
                }
                throw new CorruptDataException(file, position, damage.reason);
            }
            // damage() made the whole record available
            byte[] bytes = window.bytes();
            int index = window.index(position);
            int length = LogFormat.getInt(bytes, index);
            long zxid = LogFormat.getLong(bytes, index + 8);
            if (!visitor.visit(zxid, bytes, index, length, position)) {
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
     * Why the record at {@code position} is not valid, or null; when null, the whole record is in
     * the window. Zxids must increase, and must be
     * contiguous among the records being replayed (those after {@code afterZxid}); below that a
     * snapshot covers any gap. A record is torn when its bytes
     * stop early and only zeros follow: the length or the end-of-record byte never made it to
     * disk. A complete record with a wrong checksum is damage, never a torn write.
     */
    private static Damage damage(SegmentWindow window, long position, int recordBytesMax, long previousZxid,
            long afterZxid) throws IOException {
        int length = LogFormat.getInt(window.bytes(), window.index(position));
        long after = position + LogFormat.RECORD_HEADER_BYTES;
        if (length < 0 || length > recordBytesMax) {
            return new Damage("record length " + length + " out of range",
                    !wholeRecordAfter(window, after, recordBytesMax));
        }
        int recordBytes = LogFormat.RECORD_OVERHEAD + length;
        if (window.fill(position, recordBytes) < recordBytes) {
            return new Damage("record of " + length + " bytes runs past the end of the file",
                    !wholeRecordAfter(window, after, recordBytesMax));
        }
        byte[] bytes = window.bytes();
        int index = window.index(position);
        byte marker = bytes[index + recordBytes - 1];
        if (marker != LogFormat.END_OF_RECORD) {
            return new Damage("bad end-of-record byte " + marker,
                    marker == 0 && !wholeRecordAfter(window, after, recordBytesMax));
        }
        long zxid = LogFormat.getLong(bytes, index + 8);
        int expected = LogFormat.checksum(zxid, bytes, index + LogFormat.RECORD_HEADER_BYTES, length);
        if (LogFormat.getInt(bytes, index + 4) != expected) {
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
    private static boolean wholeRecordAfter(SegmentWindow window, long from, int recordBytesMax)
            throws IOException {
        for (long q = from; ; q++) {
            if (window.fill(q, LogFormat.RECORD_OVERHEAD) < LogFormat.RECORD_OVERHEAD) {
                return false;
            }
            int length = LogFormat.getInt(window.bytes(), window.index(q));
            if (length <= 0 || length > recordBytesMax) {
                continue;
            }
            int recordBytes = LogFormat.RECORD_OVERHEAD + length;
            if (window.fill(q, recordBytes) < recordBytes) {
                continue;
            }
            byte[] bytes = window.bytes();
            int index = window.index(q);
            if (bytes[index + LogFormat.RECORD_HEADER_BYTES + length] != LogFormat.END_OF_RECORD) {
                continue;
            }
            long zxid = LogFormat.getLong(bytes, index + 8);
            if (LogFormat.getInt(bytes, index + 4)
                    == LogFormat.checksum(zxid, bytes, index + LogFormat.RECORD_HEADER_BYTES, length)) {
                return true;
            }
        }
    }

    /** Whether {@code zxid} may come right after {@code previous}: the next counter, or a new epoch. */
    static boolean follows(long previous, long zxid) {
        return zxid == previous + 1 || (Zxid.epoch(zxid) > Zxid.epoch(previous) && Zxid.counter(zxid) >= 1);
    }
}
