package io.warden.storage;

import java.io.IOException;
import java.util.List;

/**
 * Retention ({@code autopurge.snapRetainCount}): keeps the newest snapshots and every log segment
 * that holds a transaction after the oldest kept one; deletes the rest.
 */
public final class Purger {
    private Purger() {
    }

    /** Deletes what retention allows; returns how many files went. */
    public static int purge(FileStore snapshots, FileStore logs, int retainCount) throws IOException {
        List<Long> snapshotZxids = DataFiles.zxids(snapshots.list(), DataFiles.SNAPSHOT_PREFIX);
        if (snapshotZxids.size() <= retainCount) {
            return 0;
        }
        long oldestKept = snapshotZxids.get(snapshotZxids.size() - retainCount);
        int deleted = 0;
        for (long zxid : snapshotZxids) {
            if (zxid < oldestKept) {
                snapshots.delete(DataFiles.snapshotName(zxid));
                deleted++;
            }
        }
        List<Long> segments = DataFiles.zxids(logs.list(), DataFiles.LOG_PREFIX);
        int firstNeeded = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) <= oldestKept + 1) {
                firstNeeded = i;
            }
        }
        for (int i = 0; i < firstNeeded; i++) {
            logs.delete(DataFiles.logName(segments.get(i)));
            deleted++;
        }
        snapshots.syncDirectory();
        logs.syncDirectory();
        return deleted;
    }
}
