package io.warden.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

import io.warden.common.Checks;
import io.warden.common.ZnodePaths;
import io.warden.tree.OpResult.AclResult;
import io.warden.tree.OpResult.Checked;
import io.warden.tree.OpResult.ChildrenResult;
import io.warden.tree.OpResult.CountResult;
import io.warden.tree.OpResult.DataResult;
import io.warden.tree.OpResult.Failed;
import io.warden.tree.OpResult.PathsResult;
import io.warden.tree.OpResult.StatResult;
import io.warden.tree.acl.AclPolicy;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.Perms;

/**
 * The replicated state machine: znodes, sessions and their ephemerals, and watches. Writes arrive
 * only as committed {@link Txn}s through {@link #apply}; every check that depends on the tree runs
 * there, in ZooKeeper's order, so replicas applying the same transactions agree on every result.
 * Not thread-safe: one driver thread owns it.
 */
public final class DataTree {
    public static final String ROOT = "/";
    public static final String SYSTEM = "/zookeeper";
    public static final String QUOTA = "/zookeeper/quota";
    public static final String CONFIG = "/zookeeper/config";

    private final TreeState state = new TreeState();
    private final NodeStore store = state.store;
    private final Map<Long, Integer> sessionTimeouts = state.sessionTimeouts;
    private final Map<Long, Set<String>> ephemerals = state.ephemerals;
    private final WatchRegistry watches = new WatchRegistry();
    private final Writes writes;

    public DataTree(TreeOptions options) {
        this.writes = new Writes(state, options, watches);
        store.createRoot(new byte[0], Acl.OPEN_ACL_UNSAFE, NodeStore.Meta.created(0, 0, 0), 0, 0);
        addBuiltIn(SYSTEM, Acl.OPEN_ACL_UNSAFE, 0);
        addBuiltIn(QUOTA, Acl.OPEN_ACL_UNSAFE, 0);
        addBuiltIn(CONFIG, Acl.READ_ACL_UNSAFE, -1);
        state.digest = state.computeDigest();
    }

    /** An empty tree to fill from a snapshot; see {@link #restore}. */
    private DataTree(TreeOptions options, long lastZxid) {
        this.writes = new Writes(state, options, watches);
        state.lastZxid = lastZxid;
    }

    /**
     * Rebuilds a tree from a snapshot's content, in any order, reading the records once (a caller
     * may stream them): a node whose parent has not come yet waits for it. Children, ephemeral,
     * container, TTL and quota indexes follow from the nodes. Fails with {@link
     * IllegalArgumentException} when the nodes do not form a tree (a missing parent or root, or a
     * duplicate path).
     */
    public static DataTree restore(TreeOptions options, long zxid, Map<Long, Integer> sessions,
            Iterable<NodeRecord> records) {
        return restore(options, zxid, sessions, records, 0);
    }

    /**
     * As {@link #restore(TreeOptions, long, Map, Iterable)}, for about {@code expectedNodes} records
     * (a snapshot's count): the path index is sized for them up front instead of
     * growing (each growth hashes every node again). Only a hint: any number of records may come.
     */
    public static DataTree restore(TreeOptions options, long zxid, Map<Long, Integer> sessions,
            Iterable<NodeRecord> records, int expectedNodes) {
        DataTree tree = new DataTree(options, zxid);
        tree.sessionTimeouts.putAll(sessions);
        tree.store.reserve(expectedNodes);
        Map<String, List<NodeRecord>> waiting = new HashMap<>();
        ParentCache parents = new ParentCache();
        for (NodeRecord record : records) {
            String path = record.path();
            if (path.isEmpty() || path.charAt(0) != '/') {
                throw new IllegalArgumentException("node " + path + " has no parent");
            }
            boolean root = path.equals(ROOT);
            int parent = root ? NodeStore.NONE : parents.idOf(path, tree.store);
            if (!root && parent == NodeStore.NONE) {
                waiting.computeIfAbsent(ZnodePaths.parent(path), p -> new ArrayList<>()).add(record);
                continue;
            }
            tree.restoreNode(parent, record);
            if (waiting.isEmpty()) {
                continue;
            }
            Deque<String> arrived = new ArrayDeque<>();
            arrived.push(path);
            while (!arrived.isEmpty() && !waiting.isEmpty()) {
                String parentPath = arrived.pop();
                List<NodeRecord> children = waiting.remove(parentPath);
                if (children != null) {
                    int parentId = tree.store.find(parentPath);
                    for (NodeRecord child : children) {
                        tree.restoreNode(parentId, child);
                        arrived.push(child.path());
                    }
                }
            }
        }
        if (!tree.store.isLinked(NodeStore.ROOT)) {
            throw new IllegalArgumentException("no root node");
        }
        if (!waiting.isEmpty()) {
            String orphan = new TreeSet<>(waiting.keySet()).first();
            throw new IllegalArgumentException("node " + waiting.get(orphan).get(0).path() + " has no parent");
        }
        return tree;
    }

    /**
     * The parent of the last node restored, kept so that its siblings, which a snapshot lists one
     * after another, find their parent without looking up every component of its path again.
     * Nodes are only added during a restore, so an id found stays the node at its path.
     */
    private static final class ParentCache {
        private String path;
        private int id = NodeStore.NONE;

        /** The id of the parent of {@code childPath} (not the root), or {@link NodeStore#NONE} while it is missing. */
        int idOf(String childPath, NodeStore store) {
            int slash = childPath.lastIndexOf('/');
            if (path != null && slash == path.length() && childPath.startsWith(path)) {
                return id;
            }
            String parentPath = slash == 0 ? ROOT : childPath.substring(0, slash);
            int found = store.find(parentPath);
            if (found != NodeStore.NONE) {
                path = parentPath;
                id = found;
            }
            return found;
        }
    }

    /** Adds one node of a snapshot under {@code parent} (the root when that is NONE). */
    private void restoreNode(int parent, NodeRecord record) {
        String path = record.path();
        if (parent == NodeStore.NONE) {
            if (store.isLinked(NodeStore.ROOT)) {
                throw new IllegalArgumentException("duplicate node " + ROOT);
            }
            NodeStore.Meta fields = NodeStore.Meta.of(record);
            store.createRoot(record.data(), record.acl(), fields, record.czxid(), record.ctime());
            state.digest += store.hash(NodeStore.ROOT, fields);
            return;
        }
        String name = ZnodePaths.name(path);
        if (store.child(parent, name) != NodeStore.NONE) {
            throw new IllegalArgumentException("duplicate node " + path);
        }
        NodeStore.Meta fields = NodeStore.Meta.of(record);
        int id = store.insert(parent, name, path, record.data(), record.acl(), fields, record.czxid(), record.ctime());
        // A node's hash leaves out its child count, the one field that changes while the restore
        // goes on: so each node is summed into the digest as it comes, not in a pass over all after.
        state.digest += store.hash(id, fields);
        state.index(path, record.ephemeralOwner(), true);
        if (name.equals(Quotas.LIMITS) && Quotas.quotaPathOf(path) != null) {
            state.quotas.add(Quotas.quotaPathOf(path));
        }
    }

    /**
     * The tree digest: the sum of every node's hash. It changes with every applied change, and
     * two trees with the same nodes have the same digest.
     */
    public long digest() {
        return state.digest;
    }

    /** Starts a consistent snapshot of the tree as it is now; read it out with its chunks. */
    public TreeSnapshot beginSnapshot() {
        Checks.check(state.snapshot == null, "a snapshot is already in progress");
        TreeSnapshot snapshot = new TreeSnapshot(this, store, state.lastZxid, state.digest, sessionTimeouts);
        state.snapshot = snapshot.hasMore() ? snapshot : null;
        return state.snapshot;
    }

    /**
     * A snapshot of the tree as it is now, for a caller that reads it out completely before the
     * tree changes again (it is not kept consistent across changes). Unlike {@link
     * #beginSnapshot} it may be taken while another snapshot is being read out, which it leaves
     * undisturbed.
     */
    public TreeSnapshot snapshotReadAtOnce() {
        return new TreeSnapshot(this, store, state.lastZxid, state.digest, sessionTimeouts);
    }

    void snapshotDone(TreeSnapshot done) {
        if (state.snapshot == done) {
            state.snapshot = null;
        }
    }

    /** The store's layout in numbers, for measurements. */
    String layoutSummary() {
        return store.layoutSummary();
    }

    private void addBuiltIn(String path, List<Acl> acl, int aversion) {
        NodeStore.Meta fields = NodeStore.Meta.created(0, 0, 0);
        fields.aversion = aversion;
        store.insert(store.find(ZnodePaths.parent(path)), ZnodePaths.name(path), path, new byte[0], acl, fields, 0, 0);
    }

    /** Sets the check that keeps watch events from watchers without READ on the node. */
    public void setWatcherReadCheck(WatcherReadCheck check) {
        state.readCheck = check;
    }

    /** The zxid of the last applied transaction. */
    public long lastZxid() {
        return state.lastZxid;
    }

    public int nodeCount() {
        return store.size();
    }

    /** Applies one committed transaction: its result and the watch events it fires. */
    public TreeResult apply(Txn txn) {
        return writes.apply(txn);
    }

    /** How many applied changes left a quota'd subtree over its soft limit (ZooKeeper logs these). */
    public long quotaLimitExceededCount() {
        return writes.quotaLimitExceededCount();
    }

    /** Transactions that threw while being applied and were undone and failed instead. */
    public long applyFailures() {
        return writes.applyFailures();
    }

    // ---------------------------------------------------------------- reads

    /**
     * getData; registers a data watch for {@code watcher} unless it is {@code null}. The reads
     * answer a {@code null} path with MARSHALLINGERROR, as ZooKeeper does (it fails to process it).
     */
    public OpResult getData(String path, List<Id> identities, Long watcher) {
        if (path == null) {
            return new Failed(ErrorCode.MARSHALLINGERROR);
        }
        int id = store.find(path);
        if (id == NodeStore.NONE) {
            return new Failed(ErrorCode.NONODE);
        }
        NodeStore.Meta node = store.meta(id);
        if (!AclPolicy.allows(store.aclList(node.aclId), Perms.READ, identities)) {
            return new Failed(ErrorCode.NOAUTH);
        }
        if (watcher != null) {
            watches.add(WatchRegistry.Kind.DATA, path, watcher);
        }
        return new DataResult(store.data(id, node), store.stat(id, node));
    }

    /** exists; a watch is registered even for a missing node, and fires when it is created. */
    public OpResult exists(String path, List<Id> identities, Long watcher) {
        if (path == null) {
            return new Failed(ErrorCode.MARSHALLINGERROR);
        }
        if (path.indexOf('\0') >= 0) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        int id = store.find(path);
        NodeStore.Meta node = id == NodeStore.NONE ? null : store.meta(id);
        if (node != null && !AclPolicy.allows(store.aclList(node.aclId), Perms.READ, identities)) {
            return new Failed(ErrorCode.NOAUTH);
        }
        if (watcher != null) {
            watches.add(WatchRegistry.Kind.DATA, path, watcher);
        }
        return node == null ? new Failed(ErrorCode.NONODE) : new StatResult(store.stat(id, node));
    }

    /** getChildren and getChildren2; registers a child watch unless {@code watcher} is null. */
    public OpResult getChildren(String path, List<Id> identities, Long watcher) {
        if (path == null) {
            return new Failed(ErrorCode.MARSHALLINGERROR);
        }
        int id = store.find(path);
        if (id == NodeStore.NONE) {
            return new Failed(ErrorCode.NONODE);
        }
        NodeStore.Meta node = store.meta(id);
        if (!AclPolicy.allows(store.aclList(node.aclId), Perms.READ, identities)) {
            return new Failed(ErrorCode.NOAUTH);
        }
        if (watcher != null) {
            watches.add(WatchRegistry.Kind.CHILD, path, watcher);
        }
        return new ChildrenResult(store.childNames(id, node.childCount), store.stat(id, node));
    }

    /** getACL: needs READ or ADMIN; without ADMIN, digest ids are masked. */
    public OpResult getAcl(String path, List<Id> identities) {
        if (path == null) {
            return new Failed(ErrorCode.MARSHALLINGERROR);
        }
        int id = store.find(path);
        if (id == NodeStore.NONE) {
            return new Failed(ErrorCode.NONODE);
        }
        NodeStore.Meta node = store.meta(id);
        List<Acl> acl = store.aclList(node.aclId);
        boolean admin = AclPolicy.allows(acl, Perms.ADMIN, identities);
        if (!admin && !AclPolicy.allows(acl, Perms.READ, identities)) {
            return new Failed(ErrorCode.NOAUTH);
        }
        return new AclResult(admin ? acl : AclPolicy.redacted(acl), store.stat(id, node));
    }

    /** The number of all descendants of a node. */
    public OpResult getAllChildrenNumber(String path, List<Id> identities) {
        if (path == null) {
            return new Failed(ErrorCode.MARSHALLINGERROR);
        }
        int id = store.find(path);
        if (id == NodeStore.NONE) {
            return new Failed(ErrorCode.NONODE);
        }
        if (!AclPolicy.allows(store.acl(id), Perms.READ, identities)) {
            return new Failed(ErrorCode.NOAUTH);
        }
        return new CountResult(store.descendantCount(id));
    }

    /** The session's ephemerals whose path starts with {@code prefix}; blank or "/" selects all. */
    public OpResult getEphemerals(long sessionId, String prefix) {
        Set<String> owned = ephemerals.getOrDefault(sessionId, Set.of());
        boolean all = prefix == null || prefix.isBlank() || prefix.equals(ROOT);
        List<String> result = new ArrayList<>();
        for (String path : owned) {
            if (all || path.startsWith(prefix)) {
                result.add(path);
            }
        }
        Collections.sort(result);
        return new PathsResult(result);
    }

    /**
     * Containers and TTL nodes due for deletion at {@code nowMs}, in path order, at most
     * {@code limit}: a childless container that once had a child (or that never had one and is
     * older than {@code maxNeverUsedIntervalMs}, when that is not 0), and a childless TTL node not
     * modified for longer than its TTL.
     */
    public List<String> reapCandidates(long nowMs, long maxNeverUsedIntervalMs, int limit) {
        List<String> due = new ArrayList<>();
        for (String path : state.containers) {
            NodeStore.Meta node = store.meta(store.find(path));
            boolean neverUsedTooLong = node.childCreates == 0 && maxNeverUsedIntervalMs > 0
                    && nowMs - node.mtime > maxNeverUsedIntervalMs;
            if (node.childCount == 0 && (node.childCreates > 0 || neverUsedTooLong)) {
                due.add(path);
            }
        }
        for (String path : state.ttlNodes) {
            NodeStore.Meta node = store.meta(store.find(path));
            if (node.childCount == 0 && nowMs - node.mtime > EphemeralOwner.ttlMs(node.ephemeralOwner)) {
                due.add(path);
            }
        }
        Collections.sort(due);
        return due.size() > limit ? new ArrayList<>(due.subList(0, limit)) : due;
    }

    // ---------------------------------------------------------------- sessions and watches

    /** Open sessions and their negotiated timeouts. */
    public Map<Long, Integer> sessions() {
        return Collections.unmodifiableMap(sessionTimeouts);
    }

    /** Paths of a session's ephemerals, sorted. */
    public List<String> ephemeralsOf(long sessionId) {
        return new ArrayList<>(new TreeSet<>(ephemerals.getOrDefault(sessionId, Set.of())));
    }

    /** Number of ephemeral nodes owned by sessions. */
    public int ephemeralCount() {
        int count = 0;
        for (Set<String> paths : ephemerals.values()) {
            count += paths.size();
        }
        return count;
    }

    /** ZooKeeper's approximate data size: path length plus data length, summed over all nodes. */
    public long approximateDataSize() {
        return store.approximateDataSize();
    }

    /**
     * Data and child watches: NodeDeleted now for a missing node, the change event now for a node
     * changed after {@code relativeZxid}, otherwise the watch is registered again.
     */
    private void rearm(List<String> paths, WatchRegistry.Kind kind, int changedType,
            ToLongFunction<NodeStore.Meta> changedAt, long relativeZxid, long watcher, List<WatchEvent> events) {
        for (String path : paths) {
            int id = store.find(path);
            if (id == NodeStore.NONE) {
                events.add(new WatchEvent(watcher, WatchEvent.NODE_DELETED, path, -1));
            } else if (changedAt.applyAsLong(store.meta(id)) > relativeZxid) {
                immediate(events, watcher, changedType, path);
            } else {
                watches.add(kind, path, watcher);
            }
        }
    }

    /**
     * An event setWatches sends at once. As in ZooKeeper 3.9 these go out without the READ check
     * that events fired by changes get (its setWatches path does not check ACLs).
     */
    private void immediate(List<WatchEvent> events, long watcher, int type, String path) {
        events.add(new WatchEvent(watcher, type, path, -1));
    }

    /** Drops every watch of a closed connection. */
    public void removeWatcher(long watcher) {
        watches.removeWatcher(watcher);
    }

    public int watchCount() {
        return watches.watchCount();
    }

    /** The watches one watcher holds, each path and kind counted once. */
    public int watchCount(long watcher) {
        return watches.countFor(watcher);
    }

    /** Whether getData or exists with a watch would give {@code watcher} a data watch it does not hold. */
    public boolean wouldAddDataWatch(String path, long watcher) {
        return !watches.has(WatchRegistry.Kind.DATA, path, watcher);
    }

    /** Whether getChildren with a watch would give {@code watcher} a child watch it does not hold. */
    public boolean wouldAddChildWatch(String path, long watcher) {
        return !watches.has(WatchRegistry.Kind.CHILD, path, watcher);
    }

    /** Whether addWatch in {@code mode} would give {@code watcher} a watch it does not hold. */
    public boolean wouldAddPersistentWatch(String path, int mode, long watcher) {
        return !watches.has(mode == 1 ? WatchRegistry.Kind.RECURSIVE : WatchRegistry.Kind.PERSISTENT, path, watcher);
    }

    public int watchedPathCount() {
        return watches.watchersByPath().size();
    }

    /** WatcherType values of checkWatches and removeWatches. */
    public static final int WATCHER_CHILDREN = 1;
    public static final int WATCHER_DATA = 2;
    public static final int WATCHER_ANY = 3;
    public static final int WATCHER_PERSISTENT = 4;
    public static final int WATCHER_PERSISTENT_RECURSIVE = 5;

    private static List<WatchRegistry.Kind> kinds(int watcherType) {
        return switch (watcherType) {
            case WATCHER_CHILDREN -> List.of(WatchRegistry.Kind.CHILD);
            case WATCHER_DATA -> List.of(WatchRegistry.Kind.DATA);
            case WATCHER_ANY -> List.of(WatchRegistry.Kind.values());
            case WATCHER_PERSISTENT -> List.of(WatchRegistry.Kind.PERSISTENT);
            case WATCHER_PERSISTENT_RECURSIVE -> List.of(WatchRegistry.Kind.RECURSIVE);
            default -> List.of();
        };
    }

    /**
     * addWatch: mode 0 persistent, 1 persistent recursive; no existence or ACL check. A {@code null}
     * path is refused with MARSHALLINGERROR (ZooKeeper registers a watch on it, which no event can
     * ever fire and which breaks its watch listings).
     */
    public OpResult addWatch(String path, int mode, long watcher) {
        if (mode != 0 && mode != 1) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        if (path == null) {
            return new Failed(ErrorCode.MARSHALLINGERROR);
        }
        watches.add(mode == 0 ? WatchRegistry.Kind.PERSISTENT : WatchRegistry.Kind.RECURSIVE, path, watcher);
        return new Checked();
    }

    /** checkWatches: NOWATCHER unless the watcher holds a watch of that type on the path. */
    public OpResult checkWatches(String path, int watcherType, long watcher) {
        for (WatchRegistry.Kind kind : kinds(watcherType)) {
            if (watches.has(kind, path, watcher)) {
                return new Checked();
            }
        }
        return new Failed(ErrorCode.NOWATCHER);
    }

    /** removeWatches: removes the watcher's watches of that type on the path, NOWATCHER if none. */
    public OpResult removeWatches(String path, int watcherType, long watcher) {
        boolean removed = false;
        for (WatchRegistry.Kind kind : kinds(watcherType)) {
            removed |= watches.remove(kind, path, watcher);
        }
        return removed ? new Checked() : new Failed(ErrorCode.NOWATCHER);
    }

    /**
     * Re-registers a reconnecting client's watches. What changed after {@code relativeZxid} fires
     * at once, with zxid -1; the rest is registered.
     */
    public List<WatchEvent> setWatches(long relativeZxid, WatchLists lists, long watcher) {
        List<WatchEvent> events = new ArrayList<>();
        rearm(lists.data(), WatchRegistry.Kind.DATA, WatchEvent.NODE_DATA_CHANGED, n -> n.mzxid, relativeZxid, watcher,
                events);
        for (String path : lists.exist()) {
            if (store.find(path) != NodeStore.NONE) {
                immediate(events, watcher, WatchEvent.NODE_CREATED, path);
            } else {
                watches.add(WatchRegistry.Kind.DATA, path, watcher);
            }
        }
        rearm(lists.child(), WatchRegistry.Kind.CHILD, WatchEvent.NODE_CHILDREN_CHANGED, n -> n.pzxid, relativeZxid,
                watcher, events);
        for (String path : lists.persistent()) {
            watches.add(WatchRegistry.Kind.PERSISTENT, path, watcher);
        }
        for (String path : lists.persistentRecursive()) {
            watches.add(WatchRegistry.Kind.RECURSIVE, path, watcher);
        }
        return events;
    }

    public Map<Long, Set<String>> watchedPathsByWatcher() {
        return watches.pathsByWatcher();
    }

    public Map<String, Set<Long>> watchersByPath() {
        return watches.watchersByPath();
    }

    /**
     * What ZooKeeper's watch listings (wchs, wchc, wchp) show: the paths each watcher watches
     * through data watches (getData, exists) and persistent ones, each path once; child watches
     * are not listed.
     */
    public Map<Long, Set<String>> listedPathsByWatcher() {
        return watches.pathsByWatcher(WatchRegistry.LISTED);
    }

    /** The watchers of each path as ZooKeeper's wchp lists them (see {@link #listedPathsByWatcher}). */
    public Map<String, Set<Long>> listedWatchersByPath() {
        return watches.watchersByPath(WatchRegistry.LISTED);
    }
}
