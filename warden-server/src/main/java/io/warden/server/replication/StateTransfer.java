package io.warden.server.replication;

import io.warden.tree.DataTree;

/**
 * How a whole tree travels when a follower is too far behind for a difference: the host captures
 * its tree as bytes for the leader's snapshot message, and builds a tree from such bytes on the
 * follower. The storage module's snapshot format serves in the daemon.
 */
public interface StateTransfer {
    /** The tree as bytes; it holds every transaction applied so far and nothing else. */
    byte[] capture(DataTree tree);

    /** A tree from bytes {@link #capture} made, holding the state at {@code zxid}. */
    DataTree restore(long zxid, byte[] state);
}
