package io.warden.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.warden.common.Checks;
import io.warden.common.ZnodePaths;
import io.warden.tree.OpResult.Checked;
import io.warden.tree.OpResult.Created;
import io.warden.tree.OpResult.Deleted;
import io.warden.tree.OpResult.Failed;
import io.warden.tree.OpResult.MultiResult;
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
 * How a committed transaction changes the tree: every tree-dependent check in ZooKeeper's order,
 * the change itself with its undo (a multi is all or nothing), quota usage, and the watch triggers
 * it fires once it stands.
 */
final class Writes {
    private static final Set<String> BUILT_IN = Set.of(DataTree.ROOT, DataTree.SYSTEM, DataTree.QUOTA,
            DataTree.CONFIG);

    private final TreeState state;
    private final TreeOptions options;
    private final WatchRegistry watches;
    private final NodeStore store;
    private final Map<Long, Integer> sessionTimeouts;
    private final Map<Long, Set<String>> ephemerals;
    private final Quotas quotas;
    private long quotaLimitExceededCount;
    private long applyFailures;

    Writes(TreeState state, TreeOptions options, WatchRegistry watches) {
        this.state = state;
        this.options = options;
        this.watches = watches;
        this.store = state.store;
        this.sessionTimeouts = state.sessionTimeouts;
        this.ephemerals = state.ephemerals;
        this.quotas = state.quotas;
    }

    /**
     * Applies one committed transaction. A transaction that cannot be applied, because applying it
     * threw, is undone and fails with MARSHALLINGERROR (the error ZooKeeper gives a request it
     * cannot process); applying is deterministic, so every replica and every replay of the log
     * fails it the same way, and the store stays usable. The result carries the exception so
     * that the host can report it.
     */
    TreeResult apply(Txn txn) {
        Checks.check(txn.zxid() > state.lastZxid, "zxid %x applied after %x", txn.zxid(), state.lastZxid);
        state.lastZxid = txn.zxid();
        Change change = new Change(txn);
        OpResult result;
        try {
            result = applyTop(change, txn.op());
        } catch (RuntimeException e) {
            rollBack(change);
            applyFailures++;
            return new TreeResult(new Failed(ErrorCode.MARSHALLINGERROR), List.of(), e);
        } finally {
            // nodes the transaction removed for good give back their ids and room only now
            store.releaseRemoved();
        }
        List<WatchEvent> events = new ArrayList<>();
        if (!(result instanceof Failed)) {
            for (Fired fired : change.fired) {
                watches.trigger(fired.path, fired.type, txn.zxid(), fired.acl, state.readCheck, events);
            }
        }
        return new TreeResult(result, events, null);
    }

    private OpResult applyTop(Change change, TxnOp op) {
        if (op instanceof TxnOp.Multi multi) {
            return applyMulti(change, multi);
        } else if (op instanceof TxnOp.CreateSession s) {
            Integer before = sessionTimeouts.put(s.sessionId(), s.timeoutMs());
            change.undo.push(() -> restoreSession(s.sessionId(), before));
            return new SessionCreated(s.sessionId());
        } else if (op instanceof TxnOp.CloseSession s) {
            return closeSession(change, s.sessionId());
        } else if (op instanceof TxnOp.Error e) {
            return new Failed(e.code());
        }
        return applyOne(change, op);
    }

    private void restoreSession(long sessionId, Integer timeoutMs) {
        if (timeoutMs == null) {
            sessionTimeouts.remove(sessionId);
        } else {
            sessionTimeouts.put(sessionId, timeoutMs);
        }
    }

    /**
     * Undoes what a transaction that threw had changed. The digest is computed again from the
     * nodes, since the exception may have come between taking a node out of it and putting it back.
     */
    private void rollBack(Change change) {
        while (!change.undo.isEmpty()) {
            change.undo.pop().run();
        }
        state.digest = state.computeDigest();
    }

    /** Transactions that threw while being applied and were failed instead. */
    long applyFailures() {
        return applyFailures;
    }

    /** One applied change in progress: what to undo if a multi fails, and what to fire if not. */
    private static final class Change {
        final Txn txn;
        final Deque<Runnable> undo = new ArrayDeque<>();
        final List<Fired> fired = new ArrayList<>();
        /**
         * Quota usage as it was before this transaction: as in ZooKeeper, hard limits are checked
         * against committed usage, so the ops of one multi do not see each other's usage.
         */
        final Map<String, byte[]> usageBefore = new HashMap<>();

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
        } else if (op instanceof TxnOp.DeleteContainer d) {
            return deleteContainer(change, d);
        } else if (op instanceof TxnOp.SetData s) {
            return setData(change, s);
        } else if (op instanceof TxnOp.SetAcl s) {
            return setAcl(change, s);
        } else if (op instanceof TxnOp.Check c) {
            return check(change, c);
        }
        throw new IllegalArgumentException("no rule applies " + op);
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
        if (((Failed) results.get(failedAt)).code() == ErrorCode.MARSHALLINGERROR) {
            // ZooKeeper cannot process such an op at all, and fails the whole multi with no results.
            return new Failed(ErrorCode.MARSHALLINGERROR);
        }
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
        ErrorCode modeProblem = CreateChecks.modeProblem(c.opCode(), c.flags(), c.ttl(), options);
        if (modeProblem != null) {
            return new Failed(modeProblem);
        }
        CreateMode mode = CreateMode.of(c.flags());
        if (mode.isContainer() != (c.opCode() == OpCode.CREATE_CONTAINER)) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        String path = c.path();
        if (path == null) {
            return new Failed(ErrorCode.MARSHALLINGERROR);
        }
        if (path.lastIndexOf('/') < 0 || path.indexOf('\0') >= 0) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        AclPolicy.Fixup fixup = AclPolicy.fixup(c.acl(), txn.identities());
        if (fixup.error() != null) {
            return new Failed(fixup.error());
        }
        List<Acl> acl = fixup.acl();
        String parentPath = ZnodePaths.parent(path);
        int parent = store.find(parentPath);
        if (parent == NodeStore.NONE) {
            return new Failed(ErrorCode.NONODE);
        }
        NodeStore.Meta parentFields = store.meta(parent);
        if (!AclPolicy.allows(store.aclList(parentFields.aclId), Perms.CREATE, txn.identities())) {
            return new Failed(ErrorCode.NOAUTH);
        }
        if (mode.sequential) {
            path = path + SequenceSuffix.of(parentFields.childCreates);
        }
        if (!ZnodePaths.isValid(path)) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        if (store.child(parent, ZnodePaths.name(path)) != NodeStore.NONE) {
            return new Failed(ErrorCode.NODEEXISTS);
        }
        if (EphemeralOwner.isSession(parentFields.ephemeralOwner)) {
            return new Failed(ErrorCode.NOCHILDRENFOREPHEMERALS);
        }
        if (exceedsHardQuota(change, path, c.data() == null ? 0 : c.data().length, 1)) {
            return new Failed(ErrorCode.QUOTAEXCEEDED);
        }
        if (mode.ephemeral && !sessionTimeouts.containsKey(txn.sessionId())) {
            return new Failed(ErrorCode.SESSIONEXPIRED);
        }
        long owner = mode.ephemeral ? txn.sessionId()
                : mode.isContainer() ? EphemeralOwner.CONTAINER
                : mode.isTtl() ? EphemeralOwner.ttl(c.ttl()) : 0;
        Stat stat = insert(change, parentPath, parent, path, c.data(), acl, owner);
        return new Created(path, stat);
    }

    /** Adds a node; returns its Stat as created, before the server fills in a quota stats node. */
    private Stat insert(Change change, String parentPath, int parent, String path, byte[] data, List<Acl> acl,
            long owner) {
        long zxid = change.txn.zxid();
        NodeStore.Meta parentBefore = store.meta(parent).copy();
        state.changing(parent);
        int node = store.insert(parent, ZnodePaths.name(path), path, data, acl,
                NodeStore.Meta.created(zxid, change.txn.timeMs(), owner), zxid, change.txn.timeMs());
        state.changed(node);
        NodeStore.Meta parentFields = store.meta(parent);
        parentFields.childCreates = parentBefore.childCreates + 1;
        parentFields.pzxid = zxid;
        store.update(parent, parentFields);
        state.changed(parent);
        state.index(path, owner, true);
        change.undo.push(() -> {
            state.changing(node);
            store.unlink(node);
            state.changing(parent);
            NodeStore.Meta undone = store.meta(parent);
            undone.childCreates = parentBefore.childCreates;
            undone.pzxid = parentBefore.pzxid;
            store.update(parent, undone);
            state.changed(parent);
            state.index(path, owner, false);
        });
        Stat created = store.stat(node);
        quotaNodeCreated(change, path, node);
        adjustUsage(change, path, data == null ? 0 : data.length, 1);
        change.fired.add(new Fired(path, WatchEvent.NODE_CREATED, acl));
        change.fired.add(new Fired(parentPath, WatchEvent.NODE_CHILDREN_CHANGED, store.acl(parent)));
        return created;
    }

    private OpResult delete(Change change, TxnOp.Delete d) {
        return delete(change, d.path(), d.version(), d.container() ? DeleteRules.REAPER : DeleteRules.NODE);
    }

    private OpResult deleteContainer(Change change, TxnOp.DeleteContainer d) {
        return delete(change, d.path(), -1, DeleteRules.CLIENT_CONTAINER);
    }

    /** Whose delete it is, which decides its checks. */
    private enum DeleteRules {
        /** A client's delete (op 2): the parent's DELETE permission, the version, no children. */
        NODE,
        /** The reaper's deleteContainer: no permission, no children, not a session's ephemeral. */
        REAPER,
        /**
         * A client's deleteContainer (op 20): ZooKeeper's rules for it (no children, not a session's
         * ephemeral) after the parent's DELETE permission, which ZooKeeper does not check.
         */
        CLIENT_CONTAINER
    }

    private OpResult delete(Change change, String path, int version, DeleteRules rules) {
        if (path == null) {
            return new Failed(ErrorCode.MARSHALLINGERROR);
        }
        if (path.lastIndexOf('/') < 0 || path.indexOf('\0') >= 0 || BUILT_IN.contains(path)) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        String parentPath = ZnodePaths.parent(path);
        int parent = store.find(parentPath);
        int node = store.find(path);
        if (rules == DeleteRules.REAPER) {
            if (node == NodeStore.NONE || parent == NodeStore.NONE) {
                return new Failed(ErrorCode.NONODE);
            }
        } else {
            if (parent == NodeStore.NONE) {
                return new Failed(ErrorCode.NONODE);
            }
            if (!AclPolicy.allows(store.acl(parent), Perms.DELETE, change.txn.identities())) {
                return new Failed(ErrorCode.NOAUTH);
            }
            if (node == NodeStore.NONE) {
                return new Failed(ErrorCode.NONODE);
            }
        }
        NodeStore.Meta fields = store.meta(node);
        if (rules == DeleteRules.NODE && version != -1 && version != fields.version) {
            return new Failed(ErrorCode.BADVERSION);
        }
        if (fields.childCount > 0) {
            return new Failed(ErrorCode.NOTEMPTY);
        }
        if (rules != DeleteRules.NODE && EphemeralOwner.isSession(fields.ephemeralOwner)) {
            return new Failed(ErrorCode.BADVERSION);
        }
        remove(change, parentPath, parent, path, node);
        return new Deleted();
    }

    private void remove(Change change, String parentPath, int parent, String path, int node) {
        String name = ZnodePaths.name(path);
        NodeStore.Meta fields = store.meta(node);
        long owner = fields.ephemeralOwner;
        List<Acl> acl = store.aclList(fields.aclId);
        long oldPzxid = store.meta(parent).pzxid;
        state.changing(node);
        state.changing(parent);
        store.unlink(node);
        NodeStore.Meta parentFields = store.meta(parent);
        parentFields.pzxid = change.txn.zxid();
        store.update(parent, parentFields);
        state.changed(parent);
        state.index(path, owner, false);
        change.undo.push(() -> {
            store.relink(node);
            state.changed(node);
            state.changing(parent);
            NodeStore.Meta undone = store.meta(parent);
            undone.pzxid = oldPzxid;
            store.update(parent, undone);
            state.changed(parent);
            state.index(path, owner, true);
        });
        adjustUsage(change, path, -fields.dataLength, -1);
        String quotaPath = Quotas.LIMITS.equals(name) ? Quotas.quotaPathOf(path) : null;
        if (quotaPath != null) {
            quotas.remove(quotaPath);
            change.undo.push(() -> quotas.add(quotaPath));
        }
        change.fired.add(new Fired(path, WatchEvent.NODE_DELETED, acl));
        change.fired.add(new Fired(parentPath, WatchEvent.NODE_CHILDREN_CHANGED, store.acl(parent)));
    }

    /** A node that a write may change, or why not. */
    private record Target(int node, NodeStore.Meta fields, Failed failure) {
    }

    /**
     * The checks setData, setACL and check share, in ZooKeeper's order: a valid path, an existing
     * node, the permission, then the expected version (-1 matches any).
     */
    private Target target(String path, int perm, List<Id> identities, int expectedVersion, boolean aclVersion) {
        if (!ZnodePaths.isValid(path)) {
            return new Target(NodeStore.NONE, null, new Failed(ErrorCode.BADARGUMENTS));
        }
        int node = store.find(path);
        if (node == NodeStore.NONE) {
            return new Target(node, null, new Failed(ErrorCode.NONODE));
        }
        NodeStore.Meta fields = store.meta(node);
        if (!AclPolicy.allows(store.aclList(fields.aclId), perm, identities)) {
            return new Target(node, null, new Failed(ErrorCode.NOAUTH));
        }
        int version = aclVersion ? fields.aversion : fields.version;
        if (expectedVersion != -1 && expectedVersion != version) {
            return new Target(node, null, new Failed(ErrorCode.BADVERSION));
        }
        return new Target(node, fields, null);
    }

    private OpResult setData(Change change, TxnOp.SetData s) {
        Target target = target(s.path(), Perms.WRITE, change.txn.identities(), -1, false);
        if (target.failure != null) {
            return target.failure;
        }
        int node = target.node;
        NodeStore.Meta fields = target.fields;
        int bytesDiff = (s.data() == null ? 0 : s.data().length) - fields.dataLength;
        if (exceedsHardQuota(change, s.path(), bytesDiff, 0)) {
            return new Failed(ErrorCode.QUOTAEXCEEDED);
        }
        if (s.version() != -1 && s.version() != fields.version) {
            return new Failed(ErrorCode.BADVERSION);
        }
        byte[] oldData = store.data(node, fields);
        NodeStore.Meta before = fields.copy();
        state.changing(node);
        fields.mzxid = change.txn.zxid();
        fields.mtime = change.txn.timeMs();
        fields.version = before.version + 1;
        store.setData(node, s.path(), s.data(), fields);
        state.changed(node);
        change.undo.push(() -> {
            state.changing(node);
            store.setData(node, s.path(), oldData, before.copy());
            state.changed(node);
        });
        adjustUsage(change, s.path(), bytesDiff, 0);
        change.fired.add(new Fired(s.path(), WatchEvent.NODE_DATA_CHANGED, store.aclList(fields.aclId)));
        return new StatResult(store.stat(node));
    }

    private OpResult setAcl(Change change, TxnOp.SetAcl s) {
        if (!ZnodePaths.isValid(s.path())) {
            return new Failed(ErrorCode.BADARGUMENTS);
        }
        AclPolicy.Fixup fixup = AclPolicy.fixup(s.acl(), change.txn.identities());
        if (fixup.error() != null) {
            return new Failed(fixup.error());
        }
        List<Acl> acl = fixup.acl();
        Target target = target(s.path(), Perms.ADMIN, change.txn.identities(), s.version(), true);
        if (target.failure != null) {
            return target.failure;
        }
        int node = target.node;
        NodeStore.Meta fields = target.fields;
        state.changing(node);
        fields.aversion++;
        store.setAcl(node, acl, fields);
        state.changed(node);
        return new StatResult(store.stat(node));
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
    private boolean exceedsHardQuota(Change change, String path, long bytesDiff, long countDiff) {
        if (!options.enforceQuota()) {
            return false;
        }
        String quotaPath = quotas.governing(path);
        int limitsNode = quotaPath == null ? NodeStore.NONE : store.find(Quotas.limitsPath(quotaPath));
        int statsNode = quotaPath == null ? NodeStore.NONE : store.find(Quotas.statsPath(quotaPath));
        if (limitsNode == NodeStore.NONE || statsNode == NodeStore.NONE) {
            return false;
        }
        QuotaStats limits = QuotaStats.parse(store.data(limitsNode));
        String statsPath = Quotas.statsPath(quotaPath);
        QuotaStats usage = QuotaStats.parse(change.usageBefore.getOrDefault(statsPath, store.data(statsNode)));
        boolean countBroken = countDiff != 0 && limits.countHardLimit() > -1
                && usage.count() + countDiff > limits.countHardLimit();
        boolean bytesBroken = bytesDiff != 0 && limits.byteHardLimit() > -1
                && usage.bytes() + bytesDiff > limits.byteHardLimit();
        return countBroken || bytesBroken;
    }

    /** A new {@code zookeeper_limits} node starts a quota; a new {@code zookeeper_stats} node is filled in. */
    private void quotaNodeCreated(Change change, String path, int node) {
        String quotaPath = Quotas.quotaPathOf(path);
        if (quotaPath == null) {
            return;
        }
        String name = ZnodePaths.name(path);
        if (name.equals(Quotas.LIMITS)) {
            quotas.add(quotaPath);
            change.undo.push(() -> quotas.remove(quotaPath));
        } else if (name.equals(Quotas.STATS)) {
            long[] usage = subtreeUsage(quotaPath);
            state.changing(node);
            store.setData(node, path, QuotaStats.usage(usage[0], usage[1]), store.meta(node));
            state.changed(node);
        }
    }

    /** Nodes and data bytes in the subtree at {@code path}, the node itself included. */
    private long[] subtreeUsage(String path) {
        long count = 0;
        long bytes = 0;
        int top = store.find(path);
        if (top == NodeStore.NONE) {
            return new long[] {0, 0};
        }
        Deque<Integer> pending = new ArrayDeque<>();
        pending.push(top);
        while (!pending.isEmpty()) {
            int current = pending.pop();
            count++;
            bytes += store.meta(current).dataLength;
            for (int child = store.firstChild(current); child != NodeStore.NONE; child = store.nextSibling(child)) {
                pending.push(child);
            }
        }
        return new long[] {count, bytes};
    }

    /** Keeps the usage in the governing quota's stats node current; counts soft-limit breaches. */
    private void adjustUsage(Change change, String path, long bytesDiff, long countDiff) {
        String quotaPath = quotas.governing(path);
        String statsPath = quotaPath == null ? null : Quotas.statsPath(quotaPath);
        int statsNode = statsPath == null ? NodeStore.NONE : store.find(statsPath);
        if (statsNode == NodeStore.NONE || (bytesDiff == 0 && countDiff == 0)) {
            return;
        }
        byte[] oldData = store.data(statsNode);
        QuotaStats usage = QuotaStats.parse(oldData);
        long count = usage.count() + countDiff;
        long bytes = usage.bytes() + bytesDiff;
        change.usageBefore.putIfAbsent(statsPath, oldData);
        state.changing(statsNode);
        store.setData(statsNode, statsPath, QuotaStats.usage(count, bytes), store.meta(statsNode));
        state.changed(statsNode);
        change.undo.push(() -> {
            state.changing(statsNode);
            store.setData(statsNode, statsPath, oldData, store.meta(statsNode));
            state.changed(statsNode);
        });
        int limitsNode = store.find(Quotas.limitsPath(quotaPath));
        QuotaStats limits = limitsNode == NodeStore.NONE ? null : QuotaStats.parse(store.data(limitsNode));
        if (limits != null && ((limits.count() > -1 && count > limits.count())
                || (limits.bytes() > -1 && bytes > limits.bytes()))) {
            quotaLimitExceededCount++;
        }
    }

    /** How many applied changes left a quota'd subtree over its soft limit (ZooKeeper logs these). */
    long quotaLimitExceededCount() {
        return quotaLimitExceededCount;
    }

    private OpResult closeSession(Change change, long sessionId) {
        Integer timeoutMs = sessionTimeouts.remove(sessionId);
        change.undo.push(() -> restoreSession(sessionId, timeoutMs));
        Set<String> owned = ephemerals.get(sessionId);
        if (owned != null) {
            for (String path : new TreeSet<>(owned)) {
                String parentPath = ZnodePaths.parent(path);
                remove(change, parentPath, store.find(parentPath), path, store.find(path));
            }
        }
        return new SessionClosed(sessionId);
    }
}
