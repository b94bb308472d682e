package io.warden.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.warden.common.Zxid;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.zab.Entry;
import io.warden.zab.ZabState;

/**
 * What an ensemble member starts from. Unlike a standalone server's log, a replica's log also holds
 * proposals that may never commit, so nothing logged is applied here: the tree comes from the
 * newest usable snapshot alone, and the logged entries after it go to the consensus core
 * ({@link ZabState}), which delivers them once they are committed.
 *
 * <p>In order: temporary files a crash left are removed; a truncation or snapshot install a crash
 * interrupted is finished or abandoned ({@link LogIntent}); the epochs are read
 * ({@link EpochFile}, 0 when missing); the newest snapshot that reads back whole is loaded; the log
 * after it is read, a torn tail cut off. Checks: currentEpoch is not above acceptedEpoch;
 * the entries continue the snapshot without gaps (a new epoch may jump) and each holds a
 * transaction with its own zxid; no entry has an epoch above acceptedEpoch (a server logs only
 * proposals of an epoch it accepted); and when a newer snapshot was unusable, the older one and
 * the log reach its zxid.
 */
public final class ReplicaRecovery {
    private ReplicaRecovery() {
    }

    /**
     * What the disk held.
     *
     * @param tree              the state at {@code snapshotZxid}
     * @param zabState          the epochs, the snapshot's zxid and the entries logged after it
     * @param truncatedTornTail whether a torn last log record was cut off
     */
    public record Recovered(DataTree tree, long snapshotZxid, ZabState zabState, boolean truncatedTornTail) {
    }

    /**
     * @param recordBytesMax the largest log record and snapshot field accepted
     * @param warnings       hears of anything repaired or skipped
     * @throws CorruptDataException naming the file and offset of data that cannot be trusted
     */
    public static Recovered recover(FileStore snapshots, FileStore logs, TreeOptions options, int recordBytesMax,
            Consumer<String> warnings) throws IOException, CorruptDataException {
        AtomicFiles.removeUnfinished(snapshots, warnings);
        finishInterruptedChanges(snapshots, logs, recordBytesMax, warnings);
        long acceptedEpoch = EpochFile.read(snapshots, EpochFile.ACCEPTED_EPOCH, 0);
        long currentEpoch = EpochFile.read(snapshots, EpochFile.CURRENT_EPOCH, 0);
        if (currentEpoch > acceptedEpoch) {
            throw new CorruptDataException(snapshots.describe(EpochFile.CURRENT_EPOCH), 0, "currentEpoch "
                    + currentEpoch + " is above acceptedEpoch " + acceptedEpoch + " in "
                    + snapshots.describe(EpochFile.ACCEPTED_EPOCH)
                    + ": a server accepts an epoch before it follows it");
        }
        SnapshotLoader.Newest newest = SnapshotLoader.loadNewest(snapshots, options, recordBytesMax, warnings);
        Logged logged;
        try {
            logged = readLog(logs, newest.zxid(), recordBytesMax);
        } catch (CorruptDataException e) {
            throw newest.blame(e);
        }
        TxnLogReader.LogRecord last = logged.last();
        newest.checkReaches(last == null ? newest.zxid() : last.zxid());
        if (last != null && Zxid.epoch(last.zxid()) > acceptedEpoch) {
            throw new CorruptDataException(snapshots.describe(EpochFile.ACCEPTED_EPOCH), 0, "acceptedEpoch "
                    + acceptedEpoch + " is below the epoch of the logged proposal " + Zxid.toHex(last.zxid()) + " ("
                    + last.file() + " at offset " + last.offset() + "): a server logs only proposals of epochs it"
                    + " accepted");
        }
        return new Recovered(newest.tree(), newest.zxid(),
                new ZabState(acceptedEpoch, currentEpoch, newest.zxid(), logged.entries()),
                logged.truncatedTornTail());
    }

    /** The entries logged after the snapshot, the last one's record (null for none), and whether a torn tail went. */
    private record Logged(List<Entry> entries, TxnLogReader.LogRecord last, boolean truncatedTornTail) {
    }

    /**
     * Reads the entries after {@code snapshotZxid}, cutting a torn tail off. The first must follow
     * the snapshot (the reader checks that each next one follows the one before), and each must
     * hold a transaction of its own zxid.
     */
    private static Logged readLog(FileStore logs, long snapshotZxid, int recordBytesMax)
            throws IOException, CorruptDataException {
        List<Entry> entries = new ArrayList<>();
        TxnLogReader.LogRecord[] last = {null};
        TxnLogReader.Summary summary = DecodedLog.read(logs, snapshotZxid, recordBytesMax, true, (record, txn) -> {
            if (last[0] == null && !TxnLogReader.follows(snapshotZxid, record.zxid())) {
                throw new CorruptDataException(record.file(), record.offset(), "proposal "
                        + Zxid.toHex(record.zxid()) + " does not follow the snapshot at " + Zxid.toHex(snapshotZxid)
                        + ": the log does not continue the snapshot");
            }
            entries.add(new Entry(record.zxid(), record.payload()));
            last[0] = record;
        });
        return new Logged(entries, last[0], summary.truncatedTornTail());
    }

    /**
     * Brings the log to the state before or after a change a crash interrupted: a truncation is
     * done over (it is idempotent); an install whose snapshot is in place gets its log dropped,
     * one whose snapshot never landed leaves the old log as it was.
     */
    private static void finishInterruptedChanges(FileStore snapshots, FileStore logs, int recordBytesMax,
            Consumer<String> warnings) throws IOException, CorruptDataException {
        for (LogIntent.Pending intent : LogIntent.pending(logs)) {
            String zxid = Zxid.toHex(intent.zxid());
            if (intent.prefix().equals(DataFiles.TRUNCATING_PREFIX)) {
                warnings.accept("finishing the truncation of the log after " + zxid + " that a crash interrupted ("
                        + logs.describe(intent.name()) + ")");
                LogTruncation.finish(logs, intent.zxid(), recordBytesMax);
            } else if (snapshots.list().contains(DataFiles.snapshotName(intent.zxid()))) {
                warnings.accept("finishing the installation of the snapshot at " + zxid + " that a crash interrupted:"
                        + " dropping the log it replaces");
                LogTruncation.deleteAll(logs);
            } else {
                warnings.accept("the installation of a snapshot at " + zxid + " did not complete before a crash;"
                        + " the previous snapshot and log stay");
            }
            LogIntent.end(logs, intent.name());
        }
    }
}
