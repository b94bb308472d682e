package io.warden.testkit;

import io.warden.common.Zxid;
import io.warden.server.replication.StateTransfer;
import io.warden.storage.CorruptDataException;
import io.warden.storage.SnapshotBytes;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;

/**
 * A whole tree as it travels from a leader to a follower too far behind for a difference, as in
 * the daemon: the bytes of a snapshot file, which the follower's {@link ReplicaFiles} keep
 * unchanged as its snapshot. The simulator's one place that makes and reads a replica's
 * snapshot bytes.
 */
final class SnapshotFileTransfer implements StateTransfer {
    private final long server;

    SnapshotFileTransfer(long server) {
        this.server = server;
    }

    @Override
    public byte[] capture(DataTree tree) {
        return SnapshotBytes.encode(tree);
    }

    @Override
    public DataTree restore(long zxid, byte[] state) {
        try {
            return SnapshotBytes.decode(state, zxid, TreeOptions.DEFAULTS, ReplicaFiles.RECORD_BYTES_MAX);
        } catch (CorruptDataException e) {
            throw new CheckFailure(Invariants.FILES_READ_BACK, "server " + server + ": the leader's snapshot at "
                    + Zxid.toHex(zxid) + " does not read back: " + e.getMessage());
        }
    }
}
