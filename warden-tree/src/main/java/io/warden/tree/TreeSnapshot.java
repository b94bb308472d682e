package io.warden.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.warden.common.Checks;

/**
 * A consistent view of the tree as it was at one zxid, read out in chunks while the tree goes on
 * changing. Starting one copies only the list of paths; a node about to change for the first
 * time since then is frozen as it was. Chunks must be read on the thread that owns the tree.
 */
public final class TreeSnapshot {
    private final DataTree tree;
    private final long zxid;
    private final long digest;
    private final Map<Long, Integer> sessions;
    private final String[] paths;
    private final Map<String, NodeRecord> frozen = new HashMap<>();
    private int next;

    TreeSnapshot(DataTree tree, long zxid, long digest, Map<Long, Integer> sessions, String[] paths) {
        this.tree = tree;
        this.zxid = zxid;
        this.digest = digest;
        this.sessions = Map.copyOf(sessions);
        this.paths = paths;
    }

    /** The zxid of the last transaction the snapshot includes. */
    public long zxid() {
        return zxid;
    }

    /** The tree digest at {@link #zxid()}. */
    public long digest() {
        return digest;
    }

    /** Open sessions and their timeouts at {@link #zxid()}. */
    public Map<Long, Integer> sessions() {
        return sessions;
    }

    public long nodeCount() {
        return paths.length;
    }

    public boolean hasMore() {
        return next < paths.length;
    }

    /** Up to {@code max} more nodes, as they were at {@link #zxid()}. */
    public List<NodeRecord> nextChunk(int max) {
        List<NodeRecord> chunk = new ArrayList<>(Math.min(max, paths.length - next));
        while (next < paths.length && chunk.size() < max) {
            String path = paths[next++];
            NodeRecord record = frozen.remove(path);
            if (record == null) {
                DataNode node = tree.node(path);
                Checks.check(node != null && node.czxid <= zxid, "snapshot at %x lost node %s", zxid, path);
                record = NodeRecord.of(path, node);
            }
            chunk.add(record);
        }
        if (!hasMore()) {
            tree.snapshotDone(this);
        }
        return chunk;
    }

    /** Keeps a node as it is now, before its first change since the snapshot began. */
    void preserve(String path, DataNode node) {
        if (node.czxid <= zxid && !frozen.containsKey(path)) {
            frozen.put(path, NodeRecord.of(path, node));
        }
    }
}
