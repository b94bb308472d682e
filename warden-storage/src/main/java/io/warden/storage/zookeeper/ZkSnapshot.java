package io.warden.storage.zookeeper;

import java.util.List;
import java.util.Map;

import io.warden.tree.NodeRecord;

/**
 * What one ZooKeeper snapshot holds. ZooKeeper's snapshots are fuzzy: the name gives the last
 * zxid applied when writing began, and changes made while it was written may be in it too, up to
 * {@code lastProcessedZxid} (recorded at the end by 3.9; -1 when absent).
 *
 * @param nodes    every node, the root first and each parent before its children; {@code
 *                 childCreates} is ZooKeeper's stored cversion, the ephemeral owner as stored
 * @param digest   ZooKeeper's own tree digest when it wrote one, else null
 * @param lastProcessedZxidOffset where that zxid is in the file, -1 when absent
 */
record ZkSnapshot(String file, long zxid, long dbid, Map<Long, Integer> sessions, List<NodeRecord> nodes,
        Digest digest, long lastProcessedZxid, long lastProcessedZxidOffset) {

    /** ZooKeeper's digest of the tree (its own algorithm, not Warden's) and the zxid it is for. */
    record Digest(long zxid, int version, long value) {
    }
}
