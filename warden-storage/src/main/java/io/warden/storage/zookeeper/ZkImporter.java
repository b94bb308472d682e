package io.warden.storage.zookeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

import io.warden.storage.CorruptDataException;
import io.warden.tree.DataTree;
import io.warden.tree.NodeRecord;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;

/**
 * Rebuilds the tree an Apache ZooKeeper 3.x server held from its files, as ZooKeeper itself does
 * at startup: the newest snapshot that reads back whole, then every logged transaction after it,
 * in order and without gaps. A damaged snapshot is skipped (with a warning) for an older one; a
 * damaged log, a gap in the zxids or logs that stop before what the snapshot already holds stop
 * the import with the file and offset. An incomplete last record of the newest log, as a crash
 * leaves it, is ignored, as ZooKeeper ignores it.
 */
public final class ZkImporter {
    /** The longest field or record accepted: far above ZooKeeper's jute.maxbuffer. */
    static final int FIELD_BYTES_MAX = 64 << 20;

    private ZkImporter() {
    }

    /**
     * @param zkDataDir ZooKeeper's dataDir (holding {@code version-2}) or that {@code version-2}
     * @param zkLogDir  ZooKeeper's dataLogDir when it differs, else null
     */
    public static ZkImport load(Path zkDataDir, Path zkLogDir, ImportProgress progress)
            throws IOException, CorruptDataException {
        Path snapshotDir = ZkFiles.versionDirectory(zkDataDir);
        Path logDir = zkLogDir == null ? snapshotDir : ZkFiles.versionDirectory(zkLogDir);
        List<ZkFiles.ZkFile> snapshots = ZkFiles.snapshots(snapshotDir);
        List<ZkFiles.ZkFile> logs = ZkFiles.logs(logDir);
        if (snapshots.isEmpty() && logs.isEmpty()) {
            throw new NoSuchFileException(snapshotDir.toString(), null, "no ZooKeeper snapshot or log files");
        }
        List<String> warnings = new ArrayList<>();
        CorruptDataException newestFailure = null;
        for (ZkFiles.ZkFile file : snapshots) {
            List<ZkFiles.ZkFile> needed = logsAfter(logs, file.zxid());
            Tracker tracker = new Tracker(progress, Files.size(file.path()) + sizes(needed));
            ZkSnapshot snapshot;
            try {
                boolean plain = file.compression().isEmpty();
                snapshot = ZkSnapshotReader.read(file, FIELD_BYTES_MAX,
                        (nodes, offset) -> tracker.snapshot(nodes, plain ? offset : 0));
            } catch (CorruptDataException e) {
                warnings.add("skipped a damaged ZooKeeper snapshot: " + e.getMessage());
                newestFailure = newestFailure == null ? e : newestFailure;
                continue;
            }
            tracker.snapshotDone(Files.size(file.path()));
            try {
                return replay(snapshot, needed, logs, warnings, tracker);
            } catch (CorruptDataException e) {
                throw withFallback(newestFailure, e);
            }
        }
        if (!logs.isEmpty() && logs.get(0).zxid() <= 1) {
            if (newestFailure != null) {
                warnings.add("no ZooKeeper snapshot could be read; rebuilding from the logs alone, from zxid 0x1");
            }
            Tracker tracker = new Tracker(progress, sizes(logs));
            try {
                return replay(emptyTree(), logs, logs, warnings, tracker);
            } catch (CorruptDataException e) {
                throw withFallback(newestFailure, e);
            }
        }
        if (newestFailure != null) {
            throw newestFailure;
        }
        throw new NoSuchFileException(snapshotDir.toString(), null,
                "no ZooKeeper snapshot, and the logs do not start at zxid 0x1");
    }

    /**
     * When the newest snapshot was damaged and the fallback failed too, the damaged snapshot is the
     * cause; the fallback's failure is added to its message.
     */
    private static CorruptDataException withFallback(CorruptDataException newest, CorruptDataException fallback) {
        if (newest == null) {
            return fallback;
        }
        String prefix = newest.file() + " at offset " + newest.offset() + ": ";
        String reason = newest.getMessage().startsWith(prefix) ? newest.getMessage().substring(prefix.length())
                : newest.getMessage();
        return new CorruptDataException(newest.file(), newest.offset(), reason + " (and the fallback failed: "
                + fallback.getMessage() + ")");
    }

    /** The logs that may hold transactions after {@code zxid}: the last one starting at or before it, and all later. */
    static List<ZkFiles.ZkFile> logsAfter(List<ZkFiles.ZkFile> logs, long zxid) {
        int from = 0;
        for (int i = 0; i < logs.size(); i++) {
            if (logs.get(i).zxid() <= zxid) {
                from = i;
            }
        }
        return logs.subList(from, logs.size());
    }

    private static long sizes(List<ZkFiles.ZkFile> files) throws IOException {
        long total = 0;
        for (ZkFiles.ZkFile file : files) {
            total += Files.size(file.path());
        }
        return total;
    }

    /** ZooKeeper's tree before its first transaction: the same built-in nodes as Warden's. */
    private static ZkSnapshot emptyTree() {
        TreeSnapshot snapshot = new DataTree(TreeOptions.DEFAULTS).beginSnapshot();
        List<NodeRecord> nodes = new ArrayList<>();
        while (snapshot.hasMore()) {
            nodes.addAll(snapshot.nextChunk(100));
        }
        return new ZkSnapshot(null, 0, 0, Collections.emptyMap(), nodes, null, -1, -1);
    }

    private static ZkImport replay(ZkSnapshot snapshot, List<ZkFiles.ZkFile> needed, List<ZkFiles.ZkFile> all,
            List<String> warnings, Tracker tracker) throws IOException, CorruptDataException {
        ZkTree tree = new ZkTree(snapshot.zxid(), snapshot.sessions(), snapshot.nodes());
        long[] applied = {0};
        List<String> read = new ArrayList<>();
        for (ZkFiles.ZkFile log : needed) {
            boolean newest = log.equals(all.get(all.size() - 1));
            ZkLogReader.Summary summary = ZkLogReader.read(log.path(), newest, FIELD_BYTES_MAX, (txn, end) -> {
                if (txn.zxid() <= snapshot.zxid()) {
                    tracker.log(applied[0], end);
                    return;
                }
                if (!follows(tree.lastZxid(), txn.zxid())) {
                    throw new CorruptDataException(txn.file(), txn.offset(), "transaction 0x"
                            + Long.toHexString(txn.zxid()) + " does not follow 0x" + Long.toHexString(tree.lastZxid())
                            + (tree.lastZxid() == snapshot.zxid() && snapshot.file() != null
                                    ? ": the logs do not continue the snapshot " + snapshot.file()
                                    : ": a log file is missing or out of order"));
                }
                tree.apply(txn);
                applied[0]++;
                tracker.log(applied[0], end);
            });
            read.add(log.path().toString());
            tracker.logDone(applied[0], summary.sizeBytes());
            if (summary.tornOffset() >= 0) {
                warnings.add("ignored the incomplete last record of " + log.path() + " at offset "
                        + summary.tornOffset() + " (a write cut short by a crash; ZooKeeper ignores it too)");
            }
        }
        if (snapshot.lastProcessedZxid() > tree.lastZxid()) {
            throw new CorruptDataException(snapshot.file(), snapshot.lastProcessedZxidOffset(), "the snapshot holds"
                    + " changes up to zxid 0x" + Long.toHexString(snapshot.lastProcessedZxid())
                    + ", but the logs end at 0x" + Long.toHexString(tree.lastZxid()) + ": a log file is missing");
        }
        return new ZkImport(tree.lastZxid(), Collections.unmodifiableMap(new LinkedHashMap<>(tree.sessions())),
                List.copyOf(tree.records()), snapshot.file(), snapshot.zxid(), applied[0], List.copyOf(read),
                List.copyOf(warnings));
    }

    /** Whether {@code zxid} may come right after {@code previous}: the next counter, or a new epoch. */
    static boolean follows(long previous, long zxid) {
        return zxid == previous + 1 || ((zxid >>> 32) > (previous >>> 32) && (zxid & 0xFFFF_FFFFL) >= 1);
    }

    /** Adds up progress over the files of one attempt. */
    private static final class Tracker {
        private final ImportProgress progress;
        private final long totalBytes;
        private long nodes;
        private long doneBytes;
        private long records;

        Tracker(ImportProgress progress, long totalBytes) {
            this.progress = progress;
            this.totalBytes = totalBytes;
        }

        void snapshot(long nodesRead, long offset) {
            nodes = nodesRead;
            progress.update(nodes, 0, offset, totalBytes);
        }

        void snapshotDone(long sizeBytes) {
            doneBytes = sizeBytes;
            progress.update(nodes, 0, doneBytes, totalBytes);
        }

        void log(long transactions, long offset) {
            if ((++records & 1023) == 0) {
                progress.update(nodes, transactions, doneBytes + offset, totalBytes);
            }
        }

        void logDone(long transactions, long sizeBytes) {
            doneBytes += sizeBytes;
            progress.update(nodes, transactions, doneBytes, totalBytes);
        }
    }
}
