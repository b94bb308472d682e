package io.warden.storage.zookeeper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.warden.tree.NodeRecord;
import io.warden.wire.Acl;

/**
 * The tree being rebuilt from a ZooKeeper snapshot and the log after it, changed the way
 * ZooKeeper changes its own tree when it replays its log at startup. Transactions carry their
 * results (the final path of a create, the new version of a setData or setACL, the parent's new
 * child counter), so applying one sets values rather than computing them, and no check can fail
 * for reasons of permissions or versions: a transaction is in the log because it succeeded.
 *
 * <p>Because ZooKeeper's snapshots are fuzzy (written while the tree goes on changing), a replayed
 * transaction may find its change already made: a create finds the node there, a delete finds
 * it gone. Such a transaction leaves the node as it is, except that a create still raises its
 * parent's child counter and pzxid to the transaction's values when they are behind; setting
 * values rather than adding to them makes every later change land correctly.
 */
final class ZkTree {
    private static final String QUOTA_ROOT = "/zookeeper/quota";
    private static final String LIMITS = "zookeeper_limits";
    private static final String STATS = "zookeeper_stats";
    static final long CONTAINER_OWNER = 0x8000_0000_0000_0000L;
    static final long TTL_OWNER = 0xFF00_0000_0000_0000L;

    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<Long, Integer> sessions = new LinkedHashMap<>();
    private final Map<Long, Set<String>> ephemerals = new HashMap<>();
    private long lastZxid;

    /** One mutable znode. */
    private static final class Node {
        byte[] data;
        List<Acl> acl;
        long czxid;
        long mzxid;
        long ctime;
        long mtime;
        long pzxid;
        int version;
        int aversion;
        int childCreates;
        long ephemeralOwner;
    }

    ZkTree(long zxid, Map<Long, Integer> sessions, List<NodeRecord> records) {
        this.lastZxid = zxid;
        this.sessions.putAll(sessions);
        for (NodeRecord record : records) {
            Node node = new Node();
            node.data = record.data();
            node.acl = record.acl();
            node.czxid = record.czxid();
            node.mzxid = record.mzxid();
            node.ctime = record.ctime();
            node.mtime = record.mtime();
            node.pzxid = record.pzxid();
            node.version = record.version();
            node.aversion = record.aversion();
            node.childCreates = record.childCreates();
            node.ephemeralOwner = record.ephemeralOwner();
            nodes.put(record.path(), node);
            index(record.path(), node.ephemeralOwner);
        }
    }

    long lastZxid() {
        return lastZxid;
    }

    int nodeCount() {
        return nodes.size();
    }

    /** Applies one transaction; zxids must increase. */
    void apply(ZkTxn txn) {
        if (txn.zxid() <= lastZxid) {
            throw new IllegalArgumentException("zxid 0x" + Long.toHexString(txn.zxid()) + " after 0x"
                    + Long.toHexString(lastZxid));
        }
        lastZxid = txn.zxid();
        ZkOp op = txn.op();
        if (op instanceof ZkOp.Multi multi) {
            if (!multi.failed()) {
                for (ZkOp sub : multi.ops()) {
                    applyOne(txn, sub);
                }
            }
        } else {
            applyOne(txn, op);
        }
    }

    private void applyOne(ZkTxn txn, ZkOp op) {
        if (op instanceof ZkOp.Create c) {
            create(txn, c);
        } else if (op instanceof ZkOp.Delete d) {
            delete(d.path(), txn.zxid());
        } else if (op instanceof ZkOp.SetData s) {
            Node node = nodes.get(s.path());
            if (node != null) {
                node.data = s.data();
                node.version = s.version();
                node.mzxid = txn.zxid();
                node.mtime = txn.timeMs();
            }
        } else if (op instanceof ZkOp.SetAcl s) {
            Node node = nodes.get(s.path());
            if (node != null) {
                node.acl = s.acl();
                node.aversion = s.version();
            }
        } else if (op instanceof ZkOp.CreateSession s) {
            sessions.put(txn.sessionId(), s.timeoutMs());
        } else if (op instanceof ZkOp.CloseSession) {
            closeSession(txn.sessionId(), txn.zxid());
        }
        // Check and Error change nothing.
    }

    private void create(ZkTxn txn, ZkOp.Create c) {
        String parentPath = parentOf(c.path());
        Node parent = parentPath == null ? null : nodes.get(parentPath);
        if (parent == null) {
            return;
        }
        if (nodes.containsKey(c.path())) {
            if (c.parentCVersion() > parent.childCreates) {
                parent.childCreates = c.parentCVersion();
                parent.pzxid = Math.max(parent.pzxid, txn.zxid());
            }
            return;
        }
        Node node = new Node();
        node.data = c.data();
        node.acl = c.acl();
        node.czxid = txn.zxid();
        node.mzxid = txn.zxid();
        node.pzxid = txn.zxid();
        node.ctime = txn.timeMs();
        node.mtime = txn.timeMs();
        node.ephemeralOwner = ownerOf(txn, c);
        nodes.put(c.path(), node);
        index(c.path(), node.ephemeralOwner);
        parent.childCreates = c.parentCVersion() == -1 ? parent.childCreates + 1
                : Math.max(parent.childCreates, c.parentCVersion());
        parent.pzxid = Math.max(parent.pzxid, txn.zxid());
    }

    private static long ownerOf(ZkTxn txn, ZkOp.Create c) {
        if (c.type() == ZkTxnDecoder.CREATE_CONTAINER) {
            return CONTAINER_OWNER;
        }
        if (c.type() == ZkTxnDecoder.CREATE_TTL) {
            return TTL_OWNER | c.ttlMs();
        }
        return c.ephemeral() ? txn.sessionId() : 0;
    }

    private void delete(String path, long zxid) {
        Node node = nodes.remove(path);
        if (node == null) {
            return;
        }
        unindex(path, node.ephemeralOwner);
        Node parent = nodes.get(parentOf(path));
        if (parent != null) {
            parent.pzxid = Math.max(parent.pzxid, zxid);
        }
    }

    private void closeSession(long sessionId, long zxid) {
        sessions.remove(sessionId);
        Set<String> owned = ephemerals.get(sessionId);
        if (owned != null) {
            for (String path : new ArrayList<>(owned)) {
                delete(path, zxid);
            }
        }
    }

    private void index(String path, long owner) {
        if (isSessionOwner(owner)) {
            ephemerals.computeIfAbsent(owner, o -> new HashSet<>()).add(path);
        }
    }

    private void unindex(String path, long owner) {
        Set<String> owned = ephemerals.get(owner);
        if (owned != null) {
            owned.remove(path);
            if (owned.isEmpty()) {
                ephemerals.remove(owner);
            }
        }
    }

    /** True for an owner that is a session, not a container or TTL marker. */
    static boolean isSessionOwner(long owner) {
        return owner != 0 && owner != CONTAINER_OWNER && (owner & 0xFFFF_FF00_0000_0000L) != TTL_OWNER;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || path.equals("/")) {
            return null;
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    Map<Long, Integer> sessions() {
        return sessions;
    }

    /**
     * The nodes in path order, with every quota's {@code zookeeper_stats} holding the usage of its
     * subtree as ZooKeeper keeps it ({@code count=<nodes>,bytes=<data bytes>}, the quota's own
     * node included): ZooKeeper updates those nodes in place without a transaction.
     */
    List<NodeRecord> records() {
        TreeMap<String, Node> sorted = new TreeMap<>(nodes);
        refreshQuotaStats(sorted);
        List<NodeRecord> records = new ArrayList<>(sorted.size());
        for (Map.Entry<String, Node> entry : sorted.entrySet()) {
            Node n = entry.getValue();
            records.add(new NodeRecord(entry.getKey(), n.data, n.acl, n.czxid, n.mzxid, n.ctime, n.mtime, n.pzxid,
                    n.version, n.aversion, n.childCreates, n.ephemeralOwner));
        }
        return records;
    }

    private static void refreshQuotaStats(TreeMap<String, Node> sorted) {
        for (String path : new ArrayList<>(sorted.subMap(QUOTA_ROOT + "/", QUOTA_ROOT + "0").keySet())) {
            String suffix = "/" + LIMITS;
            if (!path.endsWith(suffix)) {
                continue;
            }
            String quotaNode = path.substring(0, path.length() - suffix.length());
            Node stats = sorted.get(quotaNode + "/" + STATS);
            if (stats == null || quotaNode.length() <= QUOTA_ROOT.length()) {
                continue;
            }
            String target = quotaNode.substring(QUOTA_ROOT.length());
            long count = 0;
            long bytes = 0;
            Node root = sorted.get(target);
            if (root != null) {
                List<Node> subtree = new ArrayList<>(sorted.subMap(target + "/", target + "0").values());
                subtree.add(root);
                for (Node node : subtree) {
                    count++;
                    bytes += node.data == null ? 0 : node.data.length;
                }
            }
            stats.data = ("count=" + count + ",bytes=" + bytes).getBytes(StandardCharsets.UTF_8);
        }
    }
}
