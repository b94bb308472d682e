package io.warden.storage;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.warden.common.Zxid;
import io.warden.tree.DataTree;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TreeOptions;
import io.warden.wire.WireFormatException;

/**
 * Rebuilds a standalone server's tree at startup: the newest snapshot that reads back whole (with
 * its digest checked), then every logged transaction after it, in order and without gaps: a
 * standalone server logs only committed transactions. A torn log tail is cut off; any
 * other damage stops recovery with the file and offset, unless an older snapshot together with the
 * log still covers everything. (A replica's log also holds proposals that may never commit: see
 * {@link ReplicaRecovery}.)
 */
public final class Recovery {
    private Recovery() {
    }

    /**
     * The recovered tree and how it was reached, with the time spent loading the snapshot and
     * replaying the log.
     */
    public record Recovered(DataTree tree, long snapshotZxid, long replayed, boolean truncatedTornTail,
            long snapshotLoadMs, long logReplayMs) {
    }

    public static Recovered recover(FileStore snapshots, FileStore logs, TreeOptions options, int recordBytesMax,
            Consumer<String> warnings) throws IOException, CorruptDataException {
        long startNs = System.nanoTime();
        AtomicFiles.removeUnfinished(snapshots, warnings);
        // The log after the newest snapshot is read while that snapshot loads; should the snapshot
        // prove unusable, the log is read again after the one recovery falls back to.
        try (DecodedLog.Reading early = DecodedLog.Reading.start(logs, SnapshotLoader.newestZxid(snapshots),
                recordBytesMax)) {
            SnapshotLoader.Newest newest = SnapshotLoader.loadNewest(snapshots, options, recordBytesMax, warnings);
            long loadedNs = System.nanoTime();
            Recovered recovered;
            try {
                if (newest.zxid() == early.afterZxid()) {
                    recovered = replay(newest.tree(), logs, early, millis(loadedNs - startNs));
                } else {
                    early.close();
                    try (DecodedLog.Reading reading = DecodedLog.Reading.start(logs, newest.zxid(), recordBytesMax)) {
                        recovered = replay(newest.tree(), logs, reading, millis(loadedNs - startNs));
                    }
                }
            } catch (CorruptDataException e) {
                throw newest.blame(e);
            }
            newest.checkReaches(recovered.tree().lastZxid());
            return recovered;
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static Recovered replay(DataTree tree, FileStore logs, DecodedLog.Reading reading,
            long snapshotLoadMs) throws IOException, CorruptDataException {
        long startNs = System.nanoTime();
        long[] replayed = {0};
        TxnLogReader.Summary summary = reading.finish(logs, true, (record, txn) -> {
            if (!TxnLogReader.follows(tree.lastZxid(), record.zxid())) {
                throw new CorruptDataException(record.file(), record.offset(), "transaction "
                        + Zxid.toHex(record.zxid()) + " does not follow " + Zxid.toHex(tree.lastZxid())
                        + ": the log does not continue the snapshot");
            }
            tree.apply(txn);
            replayed[0]++;
        });
        return new Recovered(tree, reading.afterZxid(), replayed[0], summary.truncatedTornTail(), snapshotLoadMs,
                millis(System.nanoTime() - startNs));
    }

    /** The transaction a log record holds, which must carry the record's zxid. */
    static Txn decode(TxnLogReader.LogRecord record) throws CorruptDataException {
        Txn txn;
        try {
            txn = TxnCodec.decode(record.payload());
        } catch (WireFormatException e) {
            throw new CorruptDataException(record.file(), record.offset(), "undecodable transaction: "
                    + e.getMessage());
        }
        if (txn.zxid() != record.zxid()) {
            throw new CorruptDataException(record.file(), record.offset(), "record and transaction zxids differ");
        }
        return txn;
    }
}
