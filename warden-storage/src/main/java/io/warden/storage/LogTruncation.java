package io.warden.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops logged records from the end of the log, durably: whole segments newest first, then the
 * segment that holds the new last record is cut right after it. When segments must go, the change
 * runs under a {@code truncating.<zxid>} {@link LogIntent}, so a crash leaves the log as it was or
 * as it is to be once recovery has finished the change, never a log with a hole or only some
 * segments gone; a cut alone is one atomic step and needs none.
 */
final class LogTruncation {
    private LogTruncation() {
    }

    /**
     * What dropping every record above a zxid takes.
     *
     * @param doomed    the first zxids of the segments to delete, newest first
     * @param cutName   the segment to cut, or null
     * @param cutSize   the size to cut it to
     * @param remaining the largest zxid still logged afterwards, or -1 for none
     */
    private record Plan(List<Long> doomed, String cutName, long cutSize, long remaining) {
        void apply(FileStore logs) throws IOException {
            if (!doomed.isEmpty()) {
                for (long first : doomed) {
                    logs.delete(DataFiles.logName(first));
                }
                // The deletions must last before the cut: a cut segment followed by a later one
                // that came back would be a hole in the log.
                logs.syncDirectory();
            }
            if (cutName != null) {
                logs.truncate(cutName, cutSize);
            }
        }
    }

    /**
     * Drops every logged record with a zxid above {@code zxid}; returns the largest zxid still
     * logged, or -1 when no record is left.
     *
     * @throws CorruptDataException when the segment to cut does not read as records up to the point
     */
    static long truncateAfter(FileStore logs, long zxid, int recordBytesMax) throws IOException, CorruptDataException {
        Plan plan = plan(logs, zxid, recordBytesMax);
        if (plan.doomed().isEmpty()) {
            plan.apply(logs);
            return plan.remaining();
        }
        String intent = LogIntent.begin(logs, DataFiles.TRUNCATING_PREFIX, zxid);
        plan.apply(logs);
        LogIntent.end(logs, intent);
        return plan.remaining();
    }

    /** Carries out a truncation whose intent a crash left; the caller ends the intent. */
    static void finish(FileStore logs, long zxid, int recordBytesMax) throws IOException, CorruptDataException {
        plan(logs, zxid, recordBytesMax).apply(logs);
    }

    /** Deletes every segment, newest first, and makes that durable. */
    static void deleteAll(FileStore logs) throws IOException {
        List<Long> segments = DataFiles.zxids(logs.list(), DataFiles.LOG_PREFIX);
        if (segments.isEmpty()) {
            return;
        }
        for (int i = segments.size() - 1; i >= 0; i--) {
            logs.delete(DataFiles.logName(segments.get(i)));
        }
        logs.syncDirectory();
    }

    /**
     * Segments starting above {@code zxid} go whole. Only the newest remaining one can hold records
     * above it (a segment's records come before the next segment's first zxid): it is walked to the
     * end of its last record at or below {@code zxid}, and cut there unless only zeros follow. A
     * segment left without a record goes too, so that no empty segment can stand in the way of the
     * name a later append gives its new segment.
     */
    private static Plan plan(FileStore logs, long zxid, int recordBytesMax) throws IOException, CorruptDataException {
        List<Long> segments = DataFiles.zxids(logs.list(), DataFiles.LOG_PREFIX);
        List<Long> doomed = new ArrayList<>();
        for (int i = segments.size() - 1; i >= 0; i--) {
            long first = segments.get(i);
            if (first > zxid) {
                doomed.add(first);
                continue;
            }
            String name = DataFiles.logName(first);
            TxnLogReader.SegmentEnd end;
            boolean cut;
            try (SegmentWindow window = SegmentWindow.open(logs, name, recordBytesMax)) {
                end = TxnLogReader.walk(logs.describe(name), window, i == segments.size() - 1, recordBytesMax, -1,
                        Long.MAX_VALUE, (recordZxid, content, index, length, offset) -> recordZxid <= zxid);
                // only zeros after the end need no cut (the walk saw them: asking the window again
                // would read before where it has moved on to)
                cut = end.tail() != TxnLogReader.Tail.WHOLE;
            }
            if (end.lastZxid() < 0) {
                doomed.add(first);
                continue;
            }
            return new Plan(doomed, cut ? name : null, end.end(), end.lastZxid());
        }
        return new Plan(doomed, null, 0, -1);
    }
}
