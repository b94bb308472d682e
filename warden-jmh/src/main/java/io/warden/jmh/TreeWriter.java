package io.warden.jmh;

import java.util.List;

import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeResult;
import io.warden.tree.Txn;
import io.warden.tree.TxnOp;
import io.warden.wire.Acl;
import io.warden.wire.OpCode;

/**
 * Changes a {@link DataTree} only through {@link DataTree#apply}, with transactions as the server
 * makes them (increasing zxids, one session), so that the benchmarks depend on the tree's public
 * interface alone and survive changes to its insides.
 */
final class TreeWriter {
    static final long SESSION_ID = 0x1000_0000_0000_0001L;
    static final int SESSION_TIMEOUT_MS = 30_000;
    static final long TIME_MS = 1_700_000_000_000L;

    private final DataTree tree;
    private long zxid;

    /** A new empty tree with one open session. */
    TreeWriter() {
        this.tree = new DataTree(TreeOptions.DEFAULTS);
        expectOk(apply(new TxnOp.CreateSession(SESSION_ID, SESSION_TIMEOUT_MS)), "createSession");
    }

    DataTree tree() {
        return tree;
    }

    /** The zxid the next transaction gets. */
    long nextZxid() {
        return zxid + 1;
    }

    TreeResult apply(TxnOp op) {
        zxid++;
        return tree.apply(new Txn(zxid, TIME_MS + zxid, SESSION_ID, (int) zxid, List.of(), op));
    }

    /** Creates a persistent node with an open ACL. */
    TreeResult create(String path, byte[] data) {
        return apply(new TxnOp.Create(OpCode.CREATE, path, data, Acl.OPEN_ACL_UNSAFE, 0, -1));
    }

    /** Creates a node that setup needs; fails loudly if the tree refuses it. */
    void mustCreate(String path, byte[] data) {
        expectOk(create(path, data), "create " + path);
    }

    private static void expectOk(TreeResult result, String what) {
        if (!result.result().ok()) {
            throw new IllegalStateException(what + " failed: " + result.result());
        }
    }

    /** {@code prefix} followed by {@code index} with leading zeros to ten digits, as sequential nodes are named. */
    static String numbered(String prefix, long index) {
        String digits = Long.toString(index);
        StringBuilder name = new StringBuilder(prefix.length() + 10).append(prefix);
        for (int i = digits.length(); i < 10; i++) {
            name.append('0');
        }
        return name.append(digits).toString();
    }

    /** {@code length} bytes of a fixed pattern. */
    static byte[] payload(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        return data;
    }
}
