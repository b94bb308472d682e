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

/** Creates the bench's nodes before a run and deletes them after, one blocking call at a time. */
final class BenchTree {
    static final String ROOT = "/warden-bench";
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

    /** Deletes {@code path} and everything under it; a node that is already gone is fine. */
    void deleteTree(String path) throws BenchException, InterruptedException {
        Reply listed = connection.await(OpCode.GET_CHILDREN, new GetChildrenRequest(path, false));
        if (listed.err() == ErrorCode.NONODE.code()) {
            return;
        }
        expectOk(listed, "getChildren " + path);
        List<String> children;
        try {
            children = GetChildrenResponse.read(listed.body()).children();
        } catch (WireFormatException e) {
            throw new BenchException("getChildren " + path + ": malformed reply: " + e.getMessage(), e);
        }
        for (String child : children == null ? List.<String>of() : children) {
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
