package io.warden.tree;

import java.util.List;

import io.warden.wire.Acl;

/**
 * Takes a snapshot's nodes one at a time, as their fields, without an object per node (see
 * {@link TreeSnapshot#nextChunk(int, SnapshotNodeSink)}). The arrays are lent for the call only:
 * the path's bytes are reused for the next node, inline data is read from the tree's own storage.
 */
public interface SnapshotNodeSink {
    /** Whether another node may come now; the chunk ends when not. */
    boolean hasRoom();

    /**
     * One node.
     *
     * @param path       the full path in UTF-8, in {@code path[0, pathLength)}
     * @param data       the data, in {@code data[dataOffset, dataOffset + dataLength)}; {@code null} (and a
     *                   length of -1) for a node whose data is null
     * @param acl        the node's ACL list (the same list object for nodes sharing one)
     */
    void node(byte[] path, int pathLength, byte[] data, int dataOffset, int dataLength, List<Acl> acl,
            long czxid, long mzxid, long ctime, long mtime, long pzxid, int version, int aversion,
            int childCreates, long ephemeralOwner);
}
