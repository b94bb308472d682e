package io.warden.daemon;

import java.io.IOException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.common.Zxid;
import io.warden.storage.EpochFile;
import io.warden.storage.FileStore;
import io.warden.storage.SnapshotBytes;
import io.warden.storage.TxnLogWriter;
import io.warden.zab.DiskWrite;
import io.warden.zab.ZabOutput;

/**
 * How an ensemble member's disk thread carries out the consensus core's records, in the order the
 * core issued them: appends to the log, truncations of it, the epoch files, and a leader's
 * snapshot in place of the log. A record other than an append first makes every earlier append
 * durable, so that after a crash the disk never holds a later record without the earlier ones.
 */
final class ReplicaRecords implements DiskWriter.RecordWriter<ZabOutput.Persist> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRecords.class);

    private final TxnLogWriter log;
    private final FileStore snapshots;
    private final FileStore logs;

    ReplicaRecords(TxnLogWriter log, FileStore snapshots, FileStore logs) {
        this.log = log;
        this.snapshots = snapshots;
        this.logs = logs;
    }

    /** An ensemble member's disk thread; records are reported durable by the core's write id. */
    static DiskWriter<ZabOutput.Persist> diskWriter(TxnLogWriter log, FileStore snapshots, FileStore logs,
            int queueMax, Runnable onDurable, Consumer<Throwable> onFailure) {
        return new DiskWriter<>(log, new ReplicaRecords(log, snapshots, logs), ZabOutput.Persist::writeId, queueMax,
                0, onDurable, onFailure);
    }

    @Override
    public void write(ZabOutput.Persist persist) throws IOException {
        DiskWrite write = persist.write();
        if (write instanceof DiskWrite.Append append) {
            log.append(append.entry().zxid(), append.entry().payload());
        } else if (write instanceof DiskWrite.TruncateAfter truncate) {
            LOG.info("dropping logged transactions after {}, as the leader says", Zxid.toHex(truncate.zxid()));
            log.truncateAfter(truncate.zxid());
        } else if (write instanceof DiskWrite.SaveEpochs epochs) {
            log.sync();
            // acceptedEpoch first: currentEpoch never exceeds it, even after a crash between the two
            EpochFile.write(snapshots, EpochFile.ACCEPTED_EPOCH, epochs.acceptedEpoch());
            EpochFile.write(snapshots, EpochFile.CURRENT_EPOCH, epochs.currentEpoch());
        } else if (write instanceof DiskWrite.InstallSnapshot install) {
            LOG.info("installing the leader's snapshot at {} ({} bytes) in place of the log",
                    Zxid.toHex(install.zxid()), install.state().sizeBytes());
            log.sync();
            SnapshotBytes.install(snapshots, logs, install.zxid(), install.state());
            log.restartAfter(install.zxid());
        } else {
            throw new IllegalArgumentException("no handling for disk write " + write);
        }
    }
}
