package io.warden.testkit;

import io.warden.common.Zxid;
import io.warden.server.replication.StateTransfer;
import io.warden.storage.CorruptDataException;
import io.warden.storage.SnapshotBytes;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.zab.SnapshotImage;
import java.io.IOException;
import java.util.function.LongFunction;

/**
 * A whole tree as it travels from a leader to a follower too far behind for a difference, as in
 * the daemon: the leader's snapshot file (read whole when sent, since the simulated network may
 * deliver it after the file was purged), which the follower's {@link ReplicaFiles} keep
 * unchanged as its snapshot. The simulator's one place that reads a snapshot a replica received.
 */
final class SnapshotFileTransfer implements StateTransfer {
    private final long server;
    private final LongFunction<SnapshotImage> snapshotFiles;

    SnapshotFileTransfer(long server, LongFunction<SnapshotImage> snapshotFiles) {
        this.server = server;
        this.snapshotFiles = snapshotFiles;
    }

    @Override
    public SnapshotImage snapshotAt(long zxid) {
        return snapshotFiles.apply(zxid);
    }

    @Override
    public DataTree restore(long zxid, SnapshotImage image) {
        try {
            return SnapshotBytes.decode(image, zxid, TreeOptions.DEFAULTS, ReplicaFiles.RECORD_BYTES_MAX);
        } catch (CorruptDataException | IOException e) {
            throw new CheckFailure(Invariants.FILES_READ_BACK, "server " + server + ": the leader's snapshot at "
                    + Zxid.toHex(zxid) + " does not read back: " + e.getMessage());
        }
    }
}
