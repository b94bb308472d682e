package io.warden.storage;

import java.io.IOException;
import java.util.function.Consumer;

import io.warden.common.Zxid;
import io.warden.zab.DiskWrite;
import io.warden.zab.SnapshotImage;

/**
 * Carries out the consensus core's records ({@link DiskWrite}) on an ensemble member's files, one
 * at a time and in the order the core issued them: appends go to the log (buffered until
 * {@link #sync()}, group commit), truncations cut it, epochs go to their files, and a leader's
 * snapshot replaces the log. A record other than an append first makes every earlier append
 * durable, so that after a crash the disk never holds a later record without the earlier ones.
 * Synchronous and not thread-safe: the daemon's disk thread owns one, the simulator calls one
 * directly.
 */
public final class ReplicaStore {
    private final TxnLogWriter log;
    private final FileStore snapshots;
    private final FileStore logs;
    private final Consumer<String> notes;

    /**
     * @param log       the log writer, positioned after the last logged record
     * @param snapshots the snapshot directory (snapshots and epoch files)
     * @param logs      the log directory
     * @param notes     hears of the records worth a line in the server's log (truncations, installs)
     */
    public ReplicaStore(TxnLogWriter log, FileStore snapshots, FileStore logs, Consumer<String> notes) {
        this.log = log;
        this.snapshots = snapshots;
        this.logs = logs;
        this.notes = notes;
    }

    /** Carries out one record; an append is durable only after the next {@link #sync()}. */
    public void write(DiskWrite write) throws IOException {
        if (write instanceof DiskWrite.Append append) {
            log.append(append.entry().zxid(), append.entry().payload());
        } else if (write instanceof DiskWrite.TruncateAfter truncate) {
            notes.accept("dropping logged transactions after " + Zxid.toHex(truncate.zxid()) + ", as the leader says");
            log.truncateAfter(truncate.zxid());
        } else if (write instanceof DiskWrite.SaveEpochs epochs) {
            log.sync();
            // acceptedEpoch first: currentEpoch never exceeds it, even after a crash between the two
            EpochFile.write(snapshots, EpochFile.ACCEPTED_EPOCH, epochs.acceptedEpoch());
            EpochFile.write(snapshots, EpochFile.CURRENT_EPOCH, epochs.currentEpoch());
        } else if (write instanceof DiskWrite.InstallSnapshot install) {
            installSnapshot(install.zxid(), install.state());
        } else {
            throw new IllegalArgumentException("no handling for disk write " + write);
        }
    }

    /** Makes every append so far durable (one fsync for all of them). */
    public void sync() throws IOException {
        log.sync();
    }

    /** The one place that handles a leader's snapshot as it travelled. */
    private void installSnapshot(long zxid, SnapshotImage state) throws IOException {
        notes.accept("installing the leader's snapshot at " + Zxid.toHex(zxid) + " (" + state.sizeBytes()
                + " bytes) in place of the log");
        log.sync();
        SnapshotBytes.install(snapshots, logs, zxid, state);
        log.restartAfter(zxid);
    }
}
