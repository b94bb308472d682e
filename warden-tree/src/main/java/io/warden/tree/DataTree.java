package io.warden.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

import io.warden.common.Checks;
import io.warden.tree.OpResult.AclResult;
import io.warden.tree.OpResult.Checked;
import io.warden.tree.OpResult.ChildrenResult;
import io.warden.tree.OpResult.CountResult;
import io.warden.tree.OpResult.Created;
import io.warden.tree.OpResult.DataResult;
import io.warden.tree.OpResult.Deleted;
import io.warden.tree.OpResult.Failed;
import io.warden.tree.OpResult.MultiResult;
import io.warden.tree.OpResult.PathsResult;
import io.warden.tree.OpResult.SessionClosed;
import io.warden.tree.OpResult.SessionCreated;
import io.warden.tree.OpResult.StatResult;
import io.warden.tree.acl.AclPolicy;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.OpCode;
import io.warden.wire.Perms;
import io.warden.wire.Stat;

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
    private static final Set<String> BUILT_IN = Set.of(ROOT, SYSTEM, QUOTA, CONFIG);

    private final TreeOptions options;
    private final Map<String, DataNode> nodes = new HashMap<>();
    private final Map<Long, Integer> sessionTimeouts = new HashMap<>();
    private final Map<Long, Set<String>> ephemerals = new HashMap<>();
    private final Set<String> containers = new HashSet<>();
    private final Set<String> ttlNodes = new HashSet<>();
    private final WatchRegistry watches = new WatchRegistry();
    private final Quotas quotas = new Quotas();
    private long quotaLimitExceededCount;
    private long lastZxid;
    private WatcherReadCheck readCheck = WatcherReadCheck.ALLOW_ALL;
    private long digest;
    private TreeSnapshot snapshot;

    public DataTree(TreeOptions options) {
        this.options = options;
        nodes.put(ROOT, new DataNode(new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0));
        addBuiltIn(SYSTEM, Acl.OPEN_ACL_UNSAFE);
        addBuiltIn(QUOTA, Acl.OPEN_ACL_UNSAFE);
        DataNode config = addBuiltIn(CONFIG, Acl.READ_ACL_UNSAFE);
        config.aversion = -1;
        digest = computeDigest();
    }

    /** An empty tree to fill from a snapshot; see {@link #restore}. */
    private DataTree(TreeOptions options, long lastZxid) {
        this.options = options;
        this.lastZxid = lastZxid;
    }

    /**
     * Rebuilds a tree from a snapshot's content. Children, ephemeral, container, TTL and quota
     * indexes follow from the nodes. Fails with {@link IllegalArgumentException} when the nodes
     * do not form a tree (a missing parent or root, or a duplicate path).
     */
    public static DataTree restore(TreeOptions options, long zxid, Map<Long, Integer> sessions,
            Iterable<NodeRecord> records) {
        DataTree tree = new DataTree(options, zxid);
        tree.sessionTimeouts.putAll(sessions);
        for (NodeRecord record : records) {
            if (tree.nodes.put(record.path(), record.toNode()) != null) {
                throw new IllegalArgumentException("duplicate node " + record.path());
            }
        }
        if (!tree.nodes.containsKey(ROOT)) {
            throw new IllegalArgumentException("no root node");
        }
        for (Map.Entry<String, DataNode> entry : tree.nodes.entrySet()) {
            String path = entry.getKey();
            if (path.equals(ROOT)) {
                continue;
            }
            DataNode parent = tree.nodes.get(Paths.parent(path));
            if (parent == null) {
                throw new IllegalArgumentException("node " + path + " has no parent");
            }
            parent.addChild(Paths.name(path));
            tree.index(path, entry.getValue().ephemeralOwner, true);
            if (Paths.name(path).equals(Quotas.LIMITS) && Quotas.quotaPathOf(path) != null) {
                tree.quotas.add(Quotas.quotaPathOf(path));
            }
        }
        tree.digest = tree.computeDigest();
        return tree;
    }

    private long computeDigest() {
        long sum = 0;
        for (Map.Entry<String, DataNode> entry : nodes.entrySet()) {
            sum += NodeHash.of(entry.getKey(), entry.getValue());
        }
        return sum;
    }

    /**
     * The tree digest: the sum of every node's hash. It changes with every applied change, and
     * two trees with the same nodes have the same digest.
     */
    public long digest() {
        return digest;
    }

    /** Starts a consistent snapshot of the tree as it is now; read it out with its chunks. */
    public TreeSnapshot beginSnapshot() {
        Checks.check(snapshot == null, "a snapshot is already in progress");
        snapshot = new TreeSnapshot(this, lastZxid, digest, sessionTimeouts, nodes.keySet().toArray(new String[0]));
        if (!snapshot.hasMore()) {
            snapshot = null;
        }
        return snapshot;
    }

    void snapshotDone(TreeSnapshot done) {
        if (snapshot == done) {
            snapshot = null;
        }
    }

    DataNode node(String path) {
        return nodes.get(path);
    }

    /** Before an existing node changes: freeze it for a running snapshot, take it out of the digest. */
    private void changing(String path, DataNode node) {
        if (snapshot != null) {
            snapshot.preserve(path, node);
        }
        digest -= NodeHash.of(path, node);
    }

    /** After a node changed or appeared: put it back into the digest. */
    private void changed(String path, DataNode node) {
        digest += NodeHash.of(path, node);
    }

    private DataNode addBuiltIn(String path, List<Acl> acl) {
        DataNode node = new DataNode(new byte[0], acl, 0, 0, 0);
        nodes.put(path, node);
        nodes.get(Paths.parent(path)).addChild(Paths.name(path));
        return node;
    }

    /** Sets the check that keeps watch events from watchers without READ on the node. */
    public void setWatcherReadCheck(WatcherReadCheck check) {
        this.readCheck = check;
    }

    /** The zxid of the last applied transaction. */
    public long lastZxid() {
        return lastZxid;
    }

    public int nodeCount() {
        return nodes.size();
    }

    /** Applies one committed transaction. */
    public TreeResult apply(Txn txn) {
        Checks.check(txn.zxid() > lastZxid, "zxid %x applied after %x", txn.zxid(), lastZxid);
        lastZxid = txn.zxid();
        Change change = new Change(txn);
        TxnOp op = txn.op();
        OpResult result;
        if (op instanceof TxnOp.Multi multi) {
            result = applyMulti(change, multi);
        } else if (op instanceof TxnOp.CreateSession s) {
            sessionTimeouts.put(s.sessionId(), s.timeoutMs());
            result = new SessionCreated(s.sessionId());
        } else if (op instanceof TxnOp.CloseSession s) {
            result = closeSession(change, s.sessionId());
        } else if (op instanceof TxnOp.Error e) {
            result = new Failed(e.code());
        } else {
            result = applyOne(change, op);
        }
        List<WatchEvent> events = new ArrayList<>();
        if (!(result instanceof Failed)) {
            for (Fired fired : change.fired) {
                watches.trigger(fired.path, fired.type, txn.zxid(), fired.acl, readCheck, events);
            }
        }
        return new TreeResult(result, events);
    }

    /** One applied change in progress: what to undo if a multi fails, and what to fire if not. */
    private static final class Change {
        final Txn txn;
        final Deque<Runnable> undo = new ArrayDeque<>();
        final List<Fired> fired = new ArrayList<>();

        Change(Txn txn) {
            this.txn = txn;
        }
    }

    /** A watch trigger; {@code acl} decides who may hear of it. */
    private record Fired(String path, int type, List<Acl> acl) {
    }

    private OpResult applyOne(Change change, TxnOp op) {
        if (op instanceof TxnOp.Create c) {
            return create(change, c);
        } else if (op instanceof TxnOp.Delete d) {
            return delete(change, d);
        } else if (op instanceof TxnOp.SetData s) {
            return setData(change, s);
        } else if (op instanceof TxnOp.SetAcl s) {
            return setAcl(change, s);
        } else if (op instanceof TxnOp.Check c) {
            return check(change, c);
        }
        return new Failed(ErrorCode.BADARGUMENTS);
    }

    private OpResult applyMulti(Change change, TxnOp.Multi multi) {
        List<OpResult> results = new ArrayList<>(multi.ops().size());
        int failedAt = -1;
        for (TxnOp op : multi.ops()) {
            boolean allowed = op instanceof TxnOp.Create || op instanceof TxnOp.Delete
                    || op instanceof TxnOp.SetData || op instanceof TxnOp.Check;
            OpResult result = allowed ? applyOne(change, op) : new Failed(ErrorCode.BADARGUMENTS);
            results.add(result);
            if (result instanceof Failed) {
                failedAt = results.size() - 1;
                break;
            }
        }
        if (failedAt < 0) {
            return new MultiResult(results);
        }
        while (!change.undo.isEmpty()) {
            change.undo.pop().run();
        }
        change.fired.clear();
        List<OpResult> failed = new ArrayList<>(multi.ops().size());
        for (int i = 0; i < multi.ops().size(); i++) {
            ErrorCode code = i < failedAt ? ErrorCode.OK
                    : i == failedAt ? ((Failed) results.get(i)).code() : ErrorCode.RUNTIMEINCONSISTENCY;
            failed.add(new Failed(code));
        }
        return new MultiResult(failed);
    }

    private OpResult create(Change change, TxnOp.Create c) {
        Txn txn = change.txn;
        CreateMode mode = CreateMode.of(c.flags());
        if (mode == null) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        if (mode.isTtl() && !options.extendedTypesEnabled()) {
            return new Failed(ErrorCode.UNIMPLEMENTED);
        }
        boolean ttlOp = c.opCode() == OpCode.CREATE_TTL;
        if (mode.isTtl() ? !ttlOp || c.ttl() < 1 || c.ttl() > EphemeralOwner.TTL_MAX_MS : ttlOp) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        if (mode.isContainer() != (c.opCode() == OpCode.CREATE_CONTAINER)) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        String path = c.path();
        if (path == null || path.lastIndexOf('/') < 0 || path.indexOf('\0') >= 0) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        List<Acl> acl = AclPolicy.fixup(c.acl(), txn.identities());
        if (acl == null) {
            return new Failed(ErrorCode.INVALIDACL);
        }
        String parentPath = Paths.parent(path);
        DataNode parent = nodes.get(parentPath);
        if (parent == null) {
            return new Failed(ErrorCode.NONODE);
        }
        if (!AclPolicy.allows(parent.acl, Perms.CREATE, txn.identities())) {
            return new Failed(ErrorCode.NOAUTH);
        }
        if (mode.sequential) {
            path = path + String.format("%010d", parent.childCreates);
        }
        if (!Paths.isValid(path)) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        if (nodes.containsKey(path)) {
            return new Failed(ErrorCode.NODEEXISTS);
        }
        if (EphemeralOwner.isSession(parent.ephemeralOwner)) {
            return new Failed(ErrorCode.NOCHILDRENFOREPHEMERALS);
        }
        if (exceedsHardQuota(path, c.data() == null ? 0 : c.data().length, 1)) {
            return new Failed(ErrorCode.QUOTAEXCEEDED);
        }
        if (mode.ephemeral && !sessionTimeouts.containsKey(txn.sessionId())) {
            return new Failed(ErrorCode.SESSIONEXPIRED);
        }
        long owner = mode.ephemeral ? txn.sessionId()
                : mode.isContainer() ? EphemeralOwner.CONTAINER
                : mode.isTtl() ? EphemeralOwner.ttl(c.ttl()) : 0;
        DataNode node = new DataNode(c.data(), acl, txn.zxid(), txn.timeMs(), owner);
        insert(change, parentPath, parent, path, node);
        return new Created(path, node.stat());
    }

    private void insert(Change change, String parentPath, DataNode parent, String path, DataNode node) {
        String name = Paths.name(path);
        int oldCreates = parent.childCreates;
        long oldPzxid = parent.pzxid;
        nodes.put(path, node);
        changed(path, node);
        changing(parentPath, parent);
        parent.addChild(name);
        parent.childCreates = oldCreates + 1;
        parent.pzxid = change.txn.zxid();
        changed(parentPath, parent);
        index(path, node.ephemeralOwner, true);
        change.undo.push(() -> {
            changing(path, node);
            nodes.remove(path);
            changing(parentPath, parent);
            parent.removeChild(name);
            parent.childCreates = oldCreates;
            parent.pzxid = oldPzxid;
            changed(parentPath, parent);
            index(path, node.ephemeralOwner, false);
        });
        quotaNodeCreated(change, path);
        adjustUsage(change, path, node.dataLength(), 1);
        change.fired.add(new Fired(path, WatchEvent.NODE_CREATED, node.acl));
        change.fired.add(new Fired(parentPath, WatchEvent.NODE_CHILDREN_CHANGED, parent.acl));
    }

    private void index(String path, long owner, boolean add) {
        if (EphemeralOwner.isSession(owner)) {
            if (add) {
                ephemerals.computeIfAbsent(owner, o -> new HashSet<>()).add(path);
            } else {
                Set<String> paths = ephemerals.get(owner);
                if (paths != null) {
                    paths.remove(path);
                    if (paths.isEmpty()) {
                        ephemerals.remove(owner);
                    }
                }
            }
        } else if (EphemeralOwner.isContainer(owner)) {
            if (add) {
                containers.add(path);
            } else {
                containers.remove(path);
            }
        } else if (EphemeralOwner.isTtl(owner)) {
            if (add) {
                ttlNodes.add(path);
            } else {
                ttlNodes.remove(path);
            }
        }
    }

    private OpResult delete(Change change, TxnOp.Delete d) {
        String path = d.path();
        if (path == null || path.lastIndexOf('/') < 0 || path.indexOf('\0') >= 0 || BUILT_IN.contains(path)) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        String parentPath = Paths.parent(path);
        DataNode parent = nodes.get(parentPath);
        DataNode node = nodes.get(path);
        if (d.container()) {
            if (node == null || parent == null) {
                return new Failed(ErrorCode.NONODE);
            }
            if (node.childCount() > 0) {
                return new Failed(ErrorCode.NOTEMPTY);
            }
            if (EphemeralOwner.isSession(node.ephemeralOwner)) {
                return new Failed(ErrorCode.BADVERSION);
            }
        } else {
            if (parent == null) {
                return new Failed(ErrorCode.NONODE);
            }
            if (!AclPolicy.allows(parent.acl, Perms.DELETE, change.txn.identities())) {
                return new Failed(ErrorCode.NOAUTH);
            }
            if (node == null) {
                return new Failed(ErrorCode.NONODE);
            }
            if (d.version() != -1 && d.version() != node.version) {
                return new Failed(ErrorCode.BADVERSION);
            }
            if (node.childCount() > 0) {
                return new Failed(ErrorCode.NOTEMPTY);
            }
        }
        remove(change, parentPath, parent, path, node);
        return new Deleted();
    }

    private void remove(Change change, String parentPath, DataNode parent, String path, DataNode node) {
        String name = Paths.name(path);
        long oldPzxid = parent.pzxid;
        changing(path, node);
        nodes.remove(path);
        changing(parentPath, parent);
        parent.removeChild(name);
        parent.pzxid = change.txn.zxid();
        changed(parentPath, parent);
        index(path, node.ephemeralOwner, false);
        change.undo.push(() -> {
            nodes.put(path, node);
            changed(path, node);
            changing(parentPath, parent);
            parent.addChild(name);
            parent.pzxid = oldPzxid;
            changed(parentPath, parent);
            index(path, node.ephemeralOwner, true);
        });
        adjustUsage(change, path, -node.dataLength(), -1);
        String quotaPath = Quotas.LIMITS.equals(name) ? Quotas.quotaPathOf(path) : null;
        if (quotaPath != null) {
            quotas.remove(quotaPath);
            change.undo.push(() -> quotas.add(quotaPath));
        }
        change.fired.add(new Fired(path, WatchEvent.NODE_DELETED, node.acl));
        change.fired.add(new Fired(parentPath, WatchEvent.NODE_CHILDREN_CHANGED, parent.acl));
    }

    /** A node that a write may change, or why not. */
    private record Target(DataNode node, Failed failure) {
    }

    /**
     * The checks setData, setACL and check share, in ZooKeeper's order: a valid path, an existing
     * node, the permission, then the expected version (-1 matches any).
     */
    private Target target(String path, int perm, List<Id> identities, int expectedVersion, boolean aclVersion) {
        if (!Paths.isValid(path)) {
            return new Target(null, new Failed(ErrorCode.BADARGUMENTS));
        }
        DataNode node = nodes.get(path);
        if (node == null) {
            return new Target(null, new Failed(ErrorCode.NONODE));
        }
        if (!AclPolicy.allows(node.acl, perm, identities)) {
            return new Target(null, new Failed(ErrorCode.NOAUTH));
        }
        int version = aclVersion ? node.aversion : node.version;
        if (expectedVersion != -1 && expectedVersion != version) {
            return new Target(null, new Failed(ErrorCode.BADVERSION));
        }
        return new Target(node, null);
    }

    private OpResult setData(Change change, TxnOp.SetData s) {
        Target target = target(s.path(), Perms.WRITE, change.txn.identities(), s.version(), false);
        if (target.failure != null) {
            return target.failure;
        }
        DataNode node = target.node;
        int bytesDiff = (s.data() == null ? 0 : s.data().length) - node.dataLength();
        if (exceedsHardQuota(s.path(), bytesDiff, 0)) {
            return new Failed(ErrorCode.QUOTAEXCEEDED);
        }
        byte[] oldData = node.data;
        long oldMzxid = node.mzxid;
        long oldMtime = node.mtime;
        int oldVersion = node.version;
        changing(s.path(), node);
        node.data = s.data();
        node.mzxid = change.txn.zxid();
        node.mtime = change.txn.timeMs();
        node.version = oldVersion + 1;
        changed(s.path(), node);
        change.undo.push(() -> {
            changing(s.path(), node);
            node.data = oldData;
            node.mzxid = oldMzxid;
            node.mtime = oldMtime;
            node.version = oldVersion;
            changed(s.path(), node);
        });
        adjustUsage(change, s.path(), bytesDiff, 0);
        change.fired.add(new Fired(s.path(), WatchEvent.NODE_DATA_CHANGED, node.acl));
        return new StatResult(node.stat());
    }

    private OpResult setAcl(Change change, TxnOp.SetAcl s) {
        if (!Paths.isValid(s.path())) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        List<Acl> acl = AclPolicy.fixup(s.acl(), change.txn.identities());
        if (acl == null) {
            return new Failed(ErrorCode.INVALIDACL);
        }
        Target target = target(s.path(), Perms.ADMIN, change.txn.identities(), s.version(), true);
        if (target.failure != null) {
            return target.failure;
        }
        DataNode node = target.node;
        changing(s.path(), node);
        node.acl = acl;
        node.aversion++;
        changed(s.path(), node);
        return new StatResult(node.stat());
    }

    private OpResult check(Change change, TxnOp.Check c) {
        Target target = target(c.path(), Perms.READ, change.txn.identities(), c.version(), false);
        return target.failure != null ? target.failure : new Checked();
    }

    // ---------------------------------------------------------------- quotas

    /**
     * Whether a change of {@code countDiff} nodes and {@code bytesDiff} bytes under {@code path}
     * breaks a hard limit of the quota governing it, when quotas are enforced. Soft limits never
     * refuse a write.
     */
    private boolean exceedsHardQuota(String path, long bytesDiff, long countDiff) {
        if (!options.enforceQuota()) {
            return false;
        }
        String quotaPath = quotas.governing(path);
        DataNode limitsNode = quotaPath == null ? null : nodes.get(Quotas.limitsPath(quotaPath));
        DataNode statsNode = quotaPath == null ? null : nodes.get(Quotas.statsPath(quotaPath));
        if (limitsNode == null || statsNode == null) {
            return false;
        }
        QuotaStats limits = QuotaStats.parse(limitsNode.data);
        QuotaStats usage = QuotaStats.parse(statsNode.data);
        boolean countBroken = countDiff != 0 && limits.countHardLimit() > -1
                && usage.count() + countDiff > limits.countHardLimit();
        boolean bytesBroken = bytesDiff != 0 && limits.byteHardLimit() > -1
                && usage.bytes() + bytesDiff > limits.byteHardLimit();
        return countBroken || bytesBroken;
    }

    /** A new {@code zookeeper_limits} node starts a quota; a new {@code zookeeper_stats} node is filled in. */
    private void quotaNodeCreated(Change change, String path) {
        String quotaPath = Quotas.quotaPathOf(path);
        if (quotaPath == null) {
            return;
        }
        String name = Paths.name(path);
        if (name.equals(Quotas.LIMITS)) {
            quotas.add(quotaPath);
            change.undo.push(() -> quotas.remove(quotaPath));
        } else if (name.equals(Quotas.STATS)) {
            long[] usage = subtreeUsage(quotaPath);
            DataNode stats = nodes.get(path);
            changing(path, stats);
            stats.data = QuotaStats.usage(usage[0], usage[1]);
            changed(path, stats);
        }
    }

    /** Nodes and data bytes in the subtree at {@code path}, the node itself included. */
    private long[] subtreeUsage(String path) {
        long count = 0;
        long bytes = 0;
        Deque<String> pending = new ArrayDeque<>();
        if (nodes.containsKey(path)) {
            pending.push(path);
        }
        while (!pending.isEmpty()) {
            String current = pending.pop();
            DataNode node = nodes.get(current);
            count++;
            bytes += node.dataLength();
            for (String child : node.children()) {
                pending.push(Paths.child(current, child));
            }
        }
        return new long[] {count, bytes};
    }

    /** Keeps the usage in the governing quota's stats node current; counts soft-limit breaches. */
    private void adjustUsage(Change change, String path, long bytesDiff, long countDiff) {
        String quotaPath = quotas.governing(path);
        String statsPath = quotaPath == null ? null : Quotas.statsPath(quotaPath);
        DataNode statsNode = statsPath == null ? null : nodes.get(statsPath);
        if (statsNode == null || (bytesDiff == 0 && countDiff == 0)) {
            return;
        }
        byte[] oldData = statsNode.data;
        QuotaStats usage = QuotaStats.parse(oldData);
        long count = usage.count() + countDiff;
        long bytes = usage.bytes() + bytesDiff;
        changing(statsPath, statsNode);
        statsNode.data = QuotaStats.usage(count, bytes);
        changed(statsPath, statsNode);
        change.undo.push(() -> {
            changing(statsPath, statsNode);
            statsNode.data = oldData;
            changed(statsPath, statsNode);
        });
        DataNode limitsNode = nodes.get(Quotas.limitsPath(quotaPath));
        QuotaStats limits = limitsNode == null ? null : QuotaStats.parse(limitsNode.data);
        if (limits != null && ((limits.count() > -1 && count > limits.count())
                || (limits.bytes() > -1 && bytes > limits.bytes()))) {
            quotaLimitExceededCount++;
        }
    }

    /** How many applied changes left a quota'd subtree over its soft limit (ZooKeeper logs these). */
    public long quotaLimitExceededCount() {
        return quotaLimitExceededCount;
    }

    private OpResult closeSession(Change change, long sessionId) {
        sessionTimeouts.remove(sessionId);
        Set<String> owned = ephemerals.get(sessionId);
        if (owned != null) {
            for (String path : new TreeSet<>(owned)) {
                String parentPath = Paths.parent(path);
                remove(change, parentPath, nodes.get(parentPath), path, nodes.get(path));
            }
        }
        return new SessionClosed(sessionId);
    }

    // ---------------------------------------------------------------- reads

    /** getData; registers a data watch for {@code watcher} unless it is {@code null}. */
    public OpResult getData(String path, List<Id> identities, Long watcher) {
        DataNode node = nodes.get(path);
        if (node == null) {
            return new Failed(ErrorCode.NONODE);
        }
        if (!AclPolicy.allows(node.acl, Perms.READ, identities)) {
            return new Failed(ErrorCode.NOAUTH);
        }
        if (watcher != null) {
            watches.add(WatchRegistry.Kind.DATA, path, watcher);
        }
        return new DataResult(node.data, node.stat());
    }

    /** exists; a watch is registered even for a missing node, and fires when it is created. */
    public OpResult exists(String path, List<Id> identities, Long watcher) {
        if (path.indexOf('\0') >= 0) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        DataNode node = nodes.get(path);
        if (node != null && !AclPolicy.allows(node.acl, Perms.READ, identities)) {
            return new Failed(ErrorCode.NOAUTH);
        }
        if (watcher != null) {
            watches.add(WatchRegistry.Kind.DATA, path, watcher);
        }
        return node == null ? new Failed(ErrorCode.NONODE) : new StatResult(node.stat());
    }

    /** getChildren and getChildren2; registers a child watch unless {@code watcher} is null. */
    public OpResult getChildren(String path, List<Id> identities, Long watcher) {
        DataNode node = nodes.get(path);
        if (node == null) {
            return new Failed(ErrorCode.NONODE);
        }
        if (!AclPolicy.allows(node.acl, Perms.READ, identities)) {
            return new Failed(ErrorCode.NOAUTH);
        }
        if (watcher != null) {
            watches.add(WatchRegistry.Kind.CHILD, path, watcher);
        }
        return new ChildrenResult(new ArrayList<>(node.children()), node.stat());
    }

    /** getACL: needs READ or ADMIN; without ADMIN, digest ids are masked. */
    public OpResult getAcl(String path, List<Id> identities) {
        DataNode node = nodes.get(path);
        if (node == null) {
            return new Failed(ErrorCode.NONODE);
        }
        boolean admin = AclPolicy.allows(node.acl, Perms.ADMIN, identities);
        if (!admin && !AclPolicy.allows(node.acl, Perms.READ, identities)) {
            return new Failed(ErrorCode.NOAUTH);
        }
        return new AclResult(admin ? node.acl : AclPolicy.redacted(node.acl), node.stat());
    }

    /** The number of all descendants of a node. */
    public OpResult getAllChildrenNumber(String path, List<Id> identities) {
        DataNode node = nodes.get(path);
        if (node == null) {
            return new Failed(ErrorCode.NONODE);
        }
        if (!AclPolicy.allows(node.acl, Perms.READ, identities)) {
            return new Failed(ErrorCode.NOAUTH);
        }
        int count = 0;
        Deque<String> pending = new ArrayDeque<>();
        pending.push(path);
        while (!pending.isEmpty()) {
            String current = pending.pop();
            for (String child : nodes.get(current).children()) {
                count++;
                pending.push(Paths.child(current, child));
            }
        }
        return new CountResult(count);
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
        for (String path : containers) {
            DataNode node = nodes.get(path);
            boolean neverUsedTooLong = node.childCreates == 0 && maxNeverUsedIntervalMs > 0
                    && nowMs - node.mtime > maxNeverUsedIntervalMs;
            if (node.childCount() == 0 && (node.childCreates > 0 || neverUsedTooLong)) {
                due.add(path);
            }
        }
        for (String path : ttlNodes) {
            DataNode node = nodes.get(path);
            if (node.childCount() == 0 && nowMs - node.mtime > EphemeralOwner.ttlMs(node.ephemeralOwner)) {
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
        long total = 0;
        for (Map.Entry<String, DataNode> entry : nodes.entrySet()) {
            total += entry.getKey().length() + entry.getValue().dataLength();
        }
        return total;
    }

    /**
     * Data and child watches: NodeDeleted now for a missing node, the change event now for a node
     * changed after {@code relativeZxid}, otherwise the watch is registered again.
     */
    private void rearm(List<String> paths, WatchRegistry.Kind kind, int changedType, ToLongFunction<DataNode> changedAt,
            long relativeZxid, long watcher, List<WatchEvent> events) {
        for (String path : paths) {
            DataNode node = nodes.get(path);
            if (node == null) {
                events.add(new WatchEvent(watcher, WatchEvent.NODE_DELETED, path, -1));
            } else if (changedAt.applyAsLong(node) > relativeZxid) {
                immediate(events, watcher, changedType, path, node);
            } else {
                watches.add(kind, path, watcher);
            }
        }
    }

    private void immediate(List<WatchEvent> events, long watcher, int type, String path, DataNode node) {
        if (readCheck.mayRead(watcher, node.acl)) {
            events.add(new WatchEvent(watcher, type, path, -1));
        }
    }

    /** Drops every watch of a closed connection. */
    public void removeWatcher(long watcher) {
        watches.removeWatcher(watcher);
    }

    public int watchCount() {
        return watches.watchCount();
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

    /** addWatch: mode 0 persistent, 1 persistent recursive; no existence or ACL check. */
    public OpResult addWatch(String path, int mode, long watcher) {
        if (mode != 0 && mode != 1) {
            return new Failed(ErrorCode.BADARGUMENTS);
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
            DataNode node = nodes.get(path);
            if (node != null) {
                immediate(events, watcher, WatchEvent.NODE_CREATED, path, node);
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
}
