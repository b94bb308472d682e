package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;

import io.warden.common.ZnodePaths;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.OpCode;
import io.warden.wire.Stat;

/**
 * A DataTree with a zxid counter and a simulated clock: each applied transaction gets the next
 * zxid and a time 1000 ms after the previous one, so Stat fields are predictable.
 */
final class TreeFixture {
    static final Id CLIENT_IP = new Id("ip", "127.0.0.1");
    static final List<Id> ANONYMOUS = List.of(CLIENT_IP);
    static final List<Id> SUPER = List.of(new Id("super", ""));
    static final long TIME_ZERO = 1_700_000_000_000L;

    final DataTree tree;
    long zxid;
    long timeMs = TIME_ZERO;

    TreeFixture() {
        this(TreeOptions.DEFAULTS);
    }

    TreeFixture(TreeOptions options) {
        this.tree = new DataTree(options);
    }

    /** A fixture around an existing tree, continuing after its last zxid. */
    TreeFixture(DataTree tree) {
        this.tree = tree;
        this.zxid = tree.lastZxid();
    }

    /** The zxid and time the next transaction will carry. */
    long nextZxid() {
        return zxid + 1;
    }

    long nextTime() {
        return timeMs + 1000;
    }

    TreeResult apply(long sessionId, List<Id> identities, TxnOp op) {
        zxid++;
        timeMs += 1000;
        return tree.apply(new Txn(zxid, timeMs, sessionId, (int) zxid, identities, op));
    }

    TreeResult apply(TxnOp op) {
        return apply(0, ANONYMOUS, op);
    }

    OpResult result(TxnOp op) {
        return apply(op).result();
    }

    /** Every record of {@code snapshot}, read in chunks of the sizes {@code chunkNodes} gives. */
    static List<NodeRecord> readAll(TreeSnapshot snapshot, IntSupplier chunkNodes) {
        List<NodeRecord> records = new ArrayList<>();
        while (snapshot.hasMore()) {
            records.addAll(snapshot.nextChunk(chunkNodes.getAsInt()));
        }
        return records;
    }

    static TxnOp.Create create(String path, int flags) {
        return new TxnOp.Create(OpCode.CREATE2, path, new byte[0], Acl.OPEN_ACL_UNSAFE, flags, -1);
    }

    static TxnOp.Create create(String path) {
        return create(path, 0);
    }

    static TxnOp.Create createWithAcl(String path, List<Acl> acl) {
        return new TxnOp.Create(OpCode.CREATE2, path, new byte[0], acl, 0, -1);
    }

    static TxnOp.Create createData(String path, byte[] data) {
        return new TxnOp.Create(OpCode.CREATE2, path, data, Acl.OPEN_ACL_UNSAFE, 0, -1);
    }

    static TxnOp.Delete delete(String path) {
        return new TxnOp.Delete(path, -1, false);
    }

    static TxnOp.SetData setData(String path, byte[] data) {
        return new TxnOp.SetData(path, data, -1);
    }

    /** Creates a persistent node and returns its actual path. */
    String mustCreate(String path) {
        return mustCreate(0, path, 0);
    }

    String mustCreate(long sessionId, String path, int flags) {
        OpResult result = apply(sessionId, ANONYMOUS, create(path, flags)).result();
        assertThat(result).as("create %s", path).isInstanceOf(OpResult.Created.class);
        return ((OpResult.Created) result).path();
    }

    void openSession(long sessionId) {
        assertThat(apply(new TxnOp.CreateSession(sessionId, 30_000)).result())
                .isEqualTo(new OpResult.SessionCreated(sessionId));
    }

    void mustSucceed(TxnOp op) {
        assertThat(result(op)).as("%s", op).matches(OpResult::ok);
    }

    /** The Stat of a node, read past every ACL; null when the node is missing. */
    Stat stat(String path) {
        OpResult result = tree.exists(path, SUPER, null);
        return result instanceof OpResult.StatResult s ? s.stat() : null;
    }

    static ErrorCode code(OpResult result) {
        assertThat(result).isInstanceOf(OpResult.Failed.class);
        return ((OpResult.Failed) result).code();
    }

    List<String> children(String path) {
        OpResult result = tree.getChildren(path, SUPER, null);
        List<String> names = new ArrayList<>(((OpResult.ChildrenResult) result).children());
        names.sort(null);
        return names;
    }

    /**
     * Everything a client could observe of the tree, in a comparable form: for each path its
     * Stat, sorted children, data and ACL; then each open session with its ephemerals.
     */
    Map<String, String> snapshot() {
        Map<String, String> view = new TreeMap<>();
        List<String> pending = new ArrayList<>(List.of("/"));
        while (!pending.isEmpty()) {
            String path = pending.remove(pending.size() - 1);
            OpResult.DataResult data = (OpResult.DataResult) tree.getData(path, SUPER, null);
            OpResult.AclResult acl = (OpResult.AclResult) tree.getAcl(path, SUPER);
            List<String> names = children(path);
            view.put(path, data.stat() + " children=" + names + " data=" + describe(data.data()) + " acl="
                    + acl.acl());
            for (String name : names) {
                pending.add(ZnodePaths.child(path, name));
            }
        }
        for (Map.Entry<Long, Integer> session : new TreeMap<>(tree.sessions()).entrySet()) {
            view.put("session " + session.getKey(), session.getValue() + " ephemerals="
                    + tree.ephemeralsOf(session.getKey()) + " "
                    + ((OpResult.PathsResult) tree.getEphemerals(session.getKey(), "/")).paths());
        }
        view.put("counts", "nodes=" + tree.nodeCount() + " ephemerals=" + tree.ephemeralCount() + " bytes="
                + tree.approximateDataSize() + " watches=" + tree.watchCount());
        Map<String, java.util.Set<Long>> watchers = new TreeMap<>();
        tree.watchersByPath().forEach((path, ids) -> watchers.put(path, new java.util.TreeSet<>(ids)));
        view.put("watchers", watchers.toString());
        return view;
    }

    private static String describe(byte[] data) {
        return data == null ? "null" : java.util.Arrays.toString(data);
    }

    /** A Stat with every field given, in wire order, for exact comparisons. */
    static Stat stat(long czxid, long mzxid, long ctime, long mtime, int version, int cversion, int aversion,
            long ephemeralOwner, int dataLength, int numChildren, long pzxid) {
        return new Stat(czxid, mzxid, ctime, mtime, version, cversion, aversion, ephemeralOwner, dataLength,
                numChildren, pzxid);
    }
}
