package io.warden.cli.bench;

import java.util.List;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.WireFormatException;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.DeleteRequest;
import io.warden.wire.proto.GetChildrenRequest;
import io.warden.wire.proto.GetChildrenResponse;
import io.warden.wire.proto.SetDataRequest;

/**
 * Creates the bench's nodes before a run and deletes them after, one blocking call at a time. The
 * populate scenario's subtree ({@link #POPULATE_ROOT}) may hold millions of nodes kept on purpose;
 * the other scenarios' clean-up ({@link #deleteAllButPopulated}) leaves it alone.
 */
final class BenchTree {
    static final String ROOT = "/warden-bench";
    static final String POPULATE_NAME = "populate";
    static final String POPULATE_ROOT = ROOT + "/" + POPULATE_NAME;
    /** Bounds the clean-up, should some other client keep adding nodes under the root. */
    static final int DELETED_NODES_MAX = 100_000;

    private final BenchConnection connection;
    private int deleted;

    BenchTree(BenchConnection connection) {
        this.connection = connection;
    }

    static String clientPath(int index) {
        return ROOT + "/client-" + index;
    }

    static String fanoutPath() {
        return ROOT + "/fanout";
    }

    /** Creates a persistent node with {@code data}, or sets its data when it is left from an earlier run. */
    void put(String path, byte[] data) throws BenchException, InterruptedException {
        Reply created = connection.await(OpCode.CREATE, new CreateRequest(path, data, Acl.OPEN_ACL_UNSAFE, 0));
        if (created.err() == ErrorCode.NODEEXISTS.code()) {
            expectOk(connection.await(OpCode.SET_DATA, new SetDataRequest(path, data, -1)), "setData " + path);
        } else {
            expectOk(created, "create " + path);
        }
    }

    /**
     * Deletes everything under {@link #ROOT} but {@link #POPULATE_ROOT}, and the root itself when
     * nothing is left under it.
     */
    void deleteAllButPopulated() throws BenchException, InterruptedException {
        List<String> children = children(ROOT);
        if (children == null) {
            return;
        }
        boolean keptSome = false;
        for (String child : children) {
            if (child.equals(POPULATE_NAME)) {
                keptSome = true;
            } else {
                deleteTree(ROOT + "/" + child);
            }
        }
        if (!keptSome) {
            deleteIfEmpty(ROOT);
        }
    }

    /** Deletes {@code path} unless it has children (NOTEMPTY) or is gone already; true when it was deleted. */
    boolean deleteIfEmpty(String path) throws BenchException, InterruptedException {
        Reply removed = connection.await(OpCode.DELETE, new DeleteRequest(path, -1));
        if (removed.err() == ErrorCode.NOTEMPTY.code() || removed.err() == ErrorCode.NONODE.code()) {
            return false;
        }
        expectOk(removed, "delete " + path);
        return true;
    }

    /** The names of {@code path}'s children, or {@code null} when it does not exist. */
    private List<String> children(String path) throws BenchException, InterruptedException {
        Reply listed = connection.await(OpCode.GET_CHILDREN, new GetChildrenRequest(path, false));
        if (listed.err() == ErrorCode.NONODE.code()) {
            return null;
        }
        expectOk(listed, "getChildren " + path);
        try {
            List<String> children = GetChildrenResponse.read(listed.body()).children();
            return children == null ? List.of() : children;
        } catch (WireFormatException e) {
            throw new BenchException("getChildren " + path + ": malformed reply: " + e.getMessage(), e);
        }
    }

    /** Deletes {@code path} and everything under it; a node that is already gone is fine. */
    void deleteTree(String path) throws BenchException, InterruptedException {
        List<String> children = children(path);
        if (children == null) {
            return;
        }
        for (String child : children) {
            deleteTree(path + "/" + child);
        }
        if (++deleted > DELETED_NODES_MAX) {
            throw new BenchException("clean-up of " + ROOT + " stopped after " + DELETED_NODES_MAX + " nodes");
        }
        Reply removed = connection.await(OpCode.DELETE, new DeleteRequest(path, -1));
        if (removed.err() != ErrorCode.NONODE.code()) {
            expectOk(removed, "delete " + path);
        }
    }

    private static void expectOk(Reply reply, String what) throws BenchException {
        if (!reply.ok()) {
            throw new BenchException(what + " failed: " + ErrorCounts.nameOf(reply.err()));
        }
    }
}
