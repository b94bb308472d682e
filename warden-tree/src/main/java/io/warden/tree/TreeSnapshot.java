package io.warden.tree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.warden.common.Checks;

/**
 * A consistent view of the tree as it was at one zxid, read out in chunks while the tree goes on
 * changing. Starting one copies only a bit per node id (which ids were nodes then); a node about
 * to change for the first time since then, or to be removed, is frozen as it was. An id reused by
 * a later node is not mistaken for the earlier one: the earlier one was frozen when it was removed.
 * Nodes come out in id order. Chunks must be read on the thread that owns the tree.
 */
public final class TreeSnapshot {
    private static final int PARENT_CACHE = 256;

    private final DataTree tree;
    private final NodeStore store;
    private final long zxid;
    private final long digest;
    private final Map<Long, Integer> sessions;
    private final long[] nodesAtStart;
    private final long nodeCount;
    private final Map<Integer, NodeRecord> frozen = new HashMap<>();
    private final int[] cachedParents = new int[PARENT_CACHE];
    private final String[] cachedPaths = new String[PARENT_CACHE];
    private final int[] cachedByteParents = new int[PARENT_CACHE];
    private final byte[][] cachedPathBytes = new byte[PARENT_CACHE][];
    /** Scratch for {@link #nextChunk(int, SnapshotNodeSink)}: the path being handed out, and a node's fields. */
    private byte[] path = new byte[256];
    private final NodeStore.Meta meta = new NodeStore.Meta();
    private int next;
    private long emitted;

    TreeSnapshot(DataTree tree, NodeStore store, long zxid, long digest, Map<Long, Integer> sessions) {
        this.tree = tree;
        this.store = store;
        this.zxid = zxid;
        this.digest = digest;
        this.sessions = Map.copyOf(sessions);
        int ids = store.idLimit();
        this.nodesAtStart = new long[(ids + 63) >>> 6];
        long count = 0;
        for (int id = 0; id < ids; id++) {
            if (store.isLinked(id)) {
                nodesAtStart[id >>> 6] |= 1L << id;
                count++;
            }
        }
        this.nodeCount = count;
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
        return nodeCount;
    }

    public boolean hasMore() {
        return emitted < nodeCount;
    }

    private boolean wasNode(int id) {
        return (id >>> 6) < nodesAtStart.length && (nodesAtStart[id >>> 6] & (1L << id)) != 0;
    }

    /** Up to {@code max} more nodes, as they were at {@link #zxid()}. */
    public List<NodeRecord> nextChunk(int max) {
        List<NodeRecord> chunk = new ArrayList<>((int) Math.min(max, nodeCount - emitted));
        Arrays.fill(cachedParents, NodeStore.NONE);
        while (emitted < nodeCount && chunk.size() < max) {
            int id = next++;
            if (!wasNode(id)) {
                continue;
            }
            NodeRecord record = frozen.remove(id);
            if (record == null) {
                Checks.check(store.isLinked(id), "snapshot at %x lost node %d", zxid, id);
                record = store.record(id, path(id));
            }
            chunk.add(record);
            emitted++;
        }
        if (!hasMore()) {
            tree.snapshotDone(this);
        }
        return chunk;
    }

    /**
     * Hands up to {@code max} more nodes, as they were at {@link #zxid()}, to {@code sink}, fewer
     * when it has no more room; returns how many. Nothing is allocated per node (the nodes frozen
     * since the snapshot began aside): paths are built in one reused array from the parent's
     * (cached within the chunk) and the name's bytes, data is lent from the tree's storage.
     */
    public int nextChunk(int max, SnapshotNodeSink sink) {
        Arrays.fill(cachedByteParents, NodeStore.NONE);
        int count = 0;
        while (emitted < nodeCount && count < max && sink.hasRoom()) {
            int id = next++;
            if (!wasNode(id)) {
                continue;
            }
            NodeRecord record = frozen.remove(id);
            if (record == null) {
                Checks.check(store.isLinked(id), "snapshot at %x lost node %d", zxid, id);
                emitLive(id, sink);
            } else {
                byte[] recordPath = record.path().getBytes(StandardCharsets.UTF_8);
                byte[] data = record.data();
                sink.node(recordPath, recordPath.length, data, 0, data == null ? -1 : data.length, record.acl(),
                        record.czxid(), record.mzxid(), record.ctime(), record.mtime(), record.pzxid(),
                        record.version(), record.aversion(), record.childCreates(), record.ephemeralOwner());
            }
            count++;
            emitted++;
        }
        if (!hasMore()) {
            tree.snapshotDone(this);
        }
        return count;
    }

    private void emitLive(int id, SnapshotNodeSink sink) {
        if (id == NodeStore.ROOT) {
            path = store.emit(id, path, 0, path, meta, sink);
            return;
        }
        int parent = store.parent(id);
        int slot = parent & (PARENT_CACHE - 1);
        if (cachedByteParents[slot] != parent) {
            cachedByteParents[slot] = parent;
            cachedPathBytes[slot] = store.path(parent).getBytes(StandardCharsets.UTF_8);
        }
        byte[] parentPath = cachedPathBytes[slot];
        path = store.emit(id, parentPath, parentPath.length, path, meta, sink);
    }

    /** A live node's path; parents' paths are cached within one chunk (the tree does not change in one). */
    private String path(int id) {
        if (id == NodeStore.ROOT) {
            return "/";
        }
        int parent = store.parent(id);
        int slot = parent & (PARENT_CACHE - 1);
        if (cachedParents[slot] != parent) {
            cachedParents[slot] = parent;
            cachedPaths[slot] = store.path(parent);
        }
        return store.childPath(cachedPaths[slot], id);
    }

    /** Keeps a node as it is now, before its first change (or its removal) since the snapshot began. */
    void preserve(int id) {
        if (wasNode(id) && id >= next && !frozen.containsKey(id)) {
            frozen.put(id, store.record(id, store.path(id)));
        }
    }
}
