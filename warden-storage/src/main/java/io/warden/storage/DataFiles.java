package io.warden.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of Warden's data files: {@code log.<first zxid>} and {@code snapshot.<zxid>}, the zxid in
 * 16 hex digits so that names sort in zxid order, and the empty marker files of a log change in
 * progress ({@link LogIntent}). Files are kept in a {@code warden-1} subdirectory of dataDir and
 * dataLogDir, beside anything ZooKeeper left there.
 */
public final class DataFiles {
    public static final String SUBDIRECTORY = "warden-1";
    static final String LOG_PREFIX = "log.";
    static final String SNAPSHOT_PREFIX = "snapshot.";
    static final String TEMPORARY_SUFFIX = ".tmp";
    static final String TRUNCATING_PREFIX = "truncating.";
    static final String INSTALLING_PREFIX = "installing.";

    private DataFiles() {
    }

    static String logName(long firstZxid) {
        return name(LOG_PREFIX, firstZxid);
    }

    /** The name of the snapshot file at {@code zxid}. */
    public static String snapshotName(long zxid) {
        return name(SNAPSHOT_PREFIX, zxid);
    }

    /** A data file's name: the prefix and the zxid in 16 hex digits. */
    static String name(String prefix, long zxid) {
        return prefix + String.format("%016x", zxid);
    }

    /** The zxid in a data file's name, or -1 when the name is not one of ours (or temporary). */
    static long zxidOf(String name, String prefix) {
        if (!name.startsWith(prefix) || name.length() != prefix.length() + 16) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(name.substring(prefix.length()), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Our files with this prefix, as zxids, oldest first. */
    static List<Long> zxids(List<String> names, String prefix) {
        List<Long> zxids = new ArrayList<>();
        for (String name : names) {
            long zxid = zxidOf(name, prefix);
            if (zxid >= 0) {
                zxids.add(zxid);
            }
        }
        zxids.sort(null);
        return zxids;
    }
}
