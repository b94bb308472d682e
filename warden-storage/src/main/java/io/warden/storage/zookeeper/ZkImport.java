package io.warden.storage.zookeeper;

import java.util.List;
import java.util.Map;

import io.warden.tree.NodeRecord;

/**
 * The tree ZooKeeper served, rebuilt from its files: ready for {@code DataTree.restore} and a
 * Warden snapshot.
 *
 * @param zxid          the last zxid the tree includes
 * @param sessions      the open sessions and their timeouts in ms
 * @param nodes         every node in path order; {@code childCreates} is ZooKeeper's stored
 *                      cversion, {@code ephemeralOwner} as ZooKeeper stores it (a session, or
 *                      its container and TTL markers)
 * @param snapshotFile  the ZooKeeper snapshot used, or null when the logs alone held everything
 * @param snapshotZxid  the zxid in that snapshot's name (0 without one)
 * @param transactions  how many logged transactions were applied after it
 * @param logFiles      the log files read
 * @param warnings      what the import skipped or tolerated, for the user
 */
public record ZkImport(long zxid, Map<Long, Integer> sessions, List<NodeRecord> nodes, String snapshotFile,
        long snapshotZxid, long transactions, List<String> logFiles, List<String> warnings) {
}
