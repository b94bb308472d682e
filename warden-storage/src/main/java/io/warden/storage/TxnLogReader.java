package io.warden.storage;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import io.warden.common.Zxid;

/**
 * Reads the log back, checking every record. In the last segment, a damaged record is a write
 * torn by a crash when its bytes stop early and only zeros follow, or when its bytes read as
 * zeros to the end of a sector ({@link #SECTOR_BYTES}): the segment is preallocated with zeros,
 * and a crash keeps any subset of the sectors written since the last sync, in any order, each
 * as it was last written back: whole records (the writer writes each record within one write),
 * then zeros. Such a record was never synced, so neither was anything after
 * it, and nothing from it on was acknowledged: with {@code repair} the segment is cut there (a
 * last segment left without a record goes whole). Damage anywhere else is corruption and stops
 * the read with the file and offset. {@link #walk} is the one parser of a segment's records;
 * truncation ({@link LogTruncation}) walks segments with it too.
 */
public final class TxnLogReader {
    /**
     * The unit a crash keeps or loses whole: disks write 512-byte sectors atomically, and the page
     * cache writes back 4 KiB pages (eight sectors) in no particular order.
     */
    static final int SECTOR_BYTES = 512;
    private static final byte[] ZERO_SECTOR = new byte[SECTOR_BYTES];

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
            if (lastSegment && end.tail() != Tail.TORN_HEADER && end.end() == LogFormat.HEADER_BYTES) {
                end = new SegmentEnd(end.lastZxid(), 0, Tail.NO_RECORD);
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
        switch (end.tail()) {
            case TORN_HEADER, NO_RECORD -> {
                store.delete(name);
                store.syncDirectory();
            }
            case TORN_RECORD -> store.truncate(name, end.end());
            case WHOLE, STOPPED -> throw new IllegalStateException("nothing to repair in " + store.describe(name));
        }
    }

    /** How the valid part of a segment ends. */
    enum Tail {
        /** Ended at a record boundary with only zeros after it. */
        WHOLE,
        /** The visitor stopped before the record at {@link SegmentEnd#end()}. */
        STOPPED,
        /** The last segment never got its header: it is all zeros, and goes as a whole. */
        TORN_HEADER,
        /** The last segment ends in a record a crash cut short; {@link SegmentEnd#end()} is where to cut. */
        TORN_RECORD,
        /**
         * The last segment holds no record (a crash kept its header and none of what followed,
         * whose directory entry another sync had made durable): it goes as a whole, so that the
         * append that logs its first zxid again can create it anew.
         */
        NO_RECORD
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
            if (lastSegment && (zerosToSectorEnd(window, 0) || window.allZeroFrom(0))) {
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
                boolean lostSector = zerosToSectorEnd(window, position); // before the window moves on
                if (window.allZeroFrom(position)) {
                    return new SegmentEnd(last, position, Tail.WHOLE);
                }
                if (lastSegment && (available < LogFormat.RECORD_HEADER_BYTES || lostSector)) {
                    return new SegmentEnd(last, position, Tail.TORN_RECORD);
                }
                throw new CorruptDataException(file, position, "data after the end of the log");
            }
            Damage damage = damage(window, position, recordBytesMax, last, afterZxid, lastSegment);
            if (damage != null) {
                if (damage.torn) {
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
                return new SegmentEnd(last, position, Tail.STOPPED);
            }
            last = zxid;
            position += LogFormat.RECORD_OVERHEAD + length;
        }
    }

    /** What is wrong with a record, and whether it looks like a write cut short by a crash. */
    private record Damage(String reason, boolean torn) {
    }

    /** What follows the start of a damaged record, as {@link #whatFollows} finds it. */
    private enum Found {
        /** Zeros to a sector's end where the record's bytes would be, before any whole record. */
        LOST_SECTOR,
        /** A whole, valid record, before any such sector. */
        WHOLE_RECORD,
        /** Neither, to the end of the file. */
        NOTHING
    }

    /**
     * Walks forward from a damaged record at {@code position} to the first thing that tells how it
     * was damaged: zeros to the end of a sector where the record's bytes would be (before
     * {@code extentEnd}; the file's last sector may be short), or a whole, valid record after its
     * header. A sector whose last write a crash lost holds what was written back of it before,
     * which in an append-only segment is a prefix of records and then zeros, since every record
     * is written within one write (a page is written back between writes, never inside one): so
     * a lost sector reads as zeros from the damaged record's start, or from the sector's start when
     * it begins inside the record, to its end. Zeros found only after a whole record are not the
     * record's. A damaged record whose own bytes hold such zeros (its length's leading zero bytes
     * ending a sector, or 512 aligned zero bytes of payload) cannot be told from a torn one.
     */
    private static Found whatFollows(SegmentWindow window, long position, long extentEnd, int recordBytesMax)
            throws IOException {
        long wholeRecordsFrom = position + LogFormat.RECORD_HEADER_BYTES;
        for (long at = position;; at++) {
            if (at < extentEnd && (at == position || at % SECTOR_BYTES == 0) && zerosToSectorEnd(window, at)) {
                return Found.LOST_SECTOR;
            }
            if (at >= wholeRecordsFrom) {
                if (window.fill(at, LogFormat.RECORD_OVERHEAD) < LogFormat.RECORD_OVERHEAD) {
                    return Found.NOTHING;
                }
                if (wholeRecordAt(window, at, recordBytesMax)) {
                    return Found.WHOLE_RECORD;
                }
            } else if (window.fill(at, 1) == 0) {
                return Found.NOTHING;
            }
        }
    }

    /** Whether there are bytes from {@code at} to the end of its sector (or of the file) and all are zeros. */
    private static boolean zerosToSectorEnd(SegmentWindow window, long at) throws IOException {
        int available = window.fill(at, (int) (SECTOR_BYTES - at % SECTOR_BYTES));
        int index = window.index(at);
        return available > 0
                && Arrays.mismatch(window.bytes(), index, index + available, ZERO_SECTOR, 0, available) < 0;
    }

    /**
     * Why the record at {@code position} is not valid, or null; when null, the whole record is in
     * the window. Zxids must increase, and must be
     * contiguous among the records being replayed (those after {@code afterZxid}); below that a
     * snapshot covers any gap. A record is torn when its bytes
     * stop early and only zeros follow: the length or the end-of-record byte never made it to
     * disk. A complete record with a wrong checksum is torn only if a sector of it reads as zeros
     * ({@link #whatFollows}); otherwise it is damage. Only the last segment's records may be torn
     * ({@code mayBeTorn}): elsewhere what follows is not looked at, since damage there stops the read.
     */
    private static Damage damage(SegmentWindow window, long position, int recordBytesMax, long previousZxid,
            long afterZxid, boolean mayBeTorn) throws IOException {
        int length = LogFormat.getInt(window.bytes(), window.index(position));
        long after = position + LogFormat.RECORD_HEADER_BYTES;
        if (length < 0 || length > recordBytesMax) {
            return new Damage("record length " + length + " out of range",
                    mayBeTorn && whatFollows(window, position, after, recordBytesMax) != Found.WHOLE_RECORD);
        }
        int recordBytes = LogFormat.RECORD_OVERHEAD + length;
        long end = position + recordBytes;
        if (window.fill(position, recordBytes) < recordBytes) {
            return new Damage("record of " + length + " bytes runs past the end of the file",
                    mayBeTorn && whatFollows(window, position, end, recordBytesMax) != Found.WHOLE_RECORD);
        }
        byte[] bytes = window.bytes();
        int index = window.index(position);
        byte marker = bytes[index + recordBytes - 1];
        if (marker != LogFormat.END_OF_RECORD) {
            Found found = mayBeTorn ? whatFollows(window, position, end, recordBytesMax) : Found.WHOLE_RECORD;
            return new Damage("bad end-of-record byte " + marker,
                    found == Found.LOST_SECTOR || marker == 0 && found == Found.NOTHING);
        }
        long zxid = LogFormat.getLong(bytes, index + 8);
        int expected = LogFormat.checksum(zxid, bytes, index + LogFormat.RECORD_HEADER_BYTES, length);
        if (LogFormat.getInt(bytes, index + 4) != expected) {
            return new Damage("checksum mismatch",
                    mayBeTorn && whatFollows(window, position, end, recordBytesMax) == Found.LOST_SECTOR);
        }
        boolean contiguityMatters = previousZxid > afterZxid;
        if (previousZxid >= 0 && (contiguityMatters ? !follows(previousZxid, zxid) : zxid <= previousZxid)) {
            return new Damage("zxid " + Zxid.toHex(zxid) + " does not follow " + Zxid.toHex(previousZxid), false);
        }
        return null;
    }

    /** Whether a whole record with a valid checksum starts at {@code q}. */
    private static boolean wholeRecordAt(SegmentWindow window, long q, int recordBytesMax) throws IOException {
        if (window.fill(q, LogFormat.RECORD_OVERHEAD) < LogFormat.RECORD_OVERHEAD) {
            return false;
        }
        int length = LogFormat.getInt(window.bytes(), window.index(q));
        if (length <= 0 || length > recordBytesMax) {
            return false;
        }
        int recordBytes = LogFormat.RECORD_OVERHEAD + length;
        if (window.fill(q, recordBytes) < recordBytes) {
            return false;
        }
        byte[] bytes = window.bytes();
        int index = window.index(q);
        if (bytes[index + LogFormat.RECORD_HEADER_BYTES + length] != LogFormat.END_OF_RECORD) {
            return false;
        }
        long zxid = LogFormat.getLong(bytes, index + 8);
        return LogFormat.getInt(bytes, index + 4)
                == LogFormat.checksum(zxid, bytes, index + LogFormat.RECORD_HEADER_BYTES, length);
    }

    /** Whether {@code zxid} may come right after {@code previous}: the next counter, or a new epoch. */
    static boolean follows(long previous, long zxid) {
        return zxid == previous + 1 || (Zxid.epoch(zxid) > Zxid.epoch(previous) && Zxid.counter(zxid) >= 1);
    }
}
