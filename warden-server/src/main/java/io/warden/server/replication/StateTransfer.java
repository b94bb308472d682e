package io.warden.server.replication;

import io.warden.tree.DataTree;
import io.warden.zab.SnapshotImage;

/**
 * How a whole tree travels when a follower is too far behind for a difference: the leader's host
 * hands over the snapshot the consensus core asks for (its newest, which the core follows with
 * every transaction after it), and the follower's host builds a tree from such an image. The
 * daemon streams snapshot files; tests keep images in memory.
 */
public interface StateTransfer {
    /**
     * The host's snapshot at {@code zxid}: the one it last reported with
     * {@link io.warden.zab.ZabInput.Compacted}, or else the one it started from or last restored;
     * null when it cannot be had now (the snapshot is then not sent, and the follower, seeing a
     * gap on its link, is synchronised again).
     */
    SnapshotImage snapshotAt(long zxid);

    /** A tree from an image {@link #snapshotAt} gave, holding the state at {@code zxid}. */
    DataTree restore(long zxid, SnapshotImage image);
}
