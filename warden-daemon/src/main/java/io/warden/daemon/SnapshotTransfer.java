package io.warden.daemon;

import io.warden.common.Zxid;
import io.warden.server.replication.StateTransfer;
import io.warden.storage.CorruptDataException;
import io.warden.storage.SnapshotBytes;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;

/**
 * A whole tree as it travels from a leader to a follower too far behind for a difference: the
 * bytes of a snapshot file, so that the follower can also keep them as its snapshot unchanged.
 */
final class SnapshotTransfer implements StateTransfer {
    private final TreeOptions options;
    private final int fieldBytesMax;

    SnapshotTransfer(TreeOptions options, int fieldBytesMax) {
        this.options = options;
        this.fieldBytesMax = fieldBytesMax;
    }

    @Override
    public byte[] capture(DataTree tree) {
        return SnapshotBytes.encode(tree);
    }

    @Override
    public DataTree restore(long zxid, byte[] state) {
        try {
            return SnapshotBytes.decode(state, zxid, options, fieldBytesMax);
        } catch (CorruptDataException e) {
            throw new IllegalStateException("the leader's snapshot at " + Zxid.toHex(zxid) + " does not read back: "
                    + e.getMessage(), e);
        }
    }
}
