package io.warden.server;

import java.util.ArrayList;
import java.util.List;

import io.warden.tree.CreateChecks;
import io.warden.tree.TxnOp;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.proto.CheckVersionRequest;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.CreateTtlRequest;
import io.warden.wire.proto.DeleteContainerRequest;
import io.warden.wire.proto.DeleteRequest;
import io.warden.wire.proto.MultiRequest;
import io.warden.wire.proto.SetAclRequest;
import io.warden.wire.proto.SetDataRequest;

/**
 * The prepare stage: turns a client's write request into the operation of a transaction. Checks
 * that need the tree run when the transaction is applied, so that every replica agrees. A write
 * without a path never reaches the log as such: it becomes an {@link TxnOp.Error} with the code
 * ZooKeeper answers (it still uses a zxid, as in ZooKeeper).
 */
final class Preparer {
    private final CoreConfig config;

    Preparer(CoreConfig config) {
        this.config = config;
    }

    static boolean isWrite(int opCode) {
        return switch (opCode) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL, OpCode.DELETE,
                    OpCode.DELETE_CONTAINER, OpCode.SET_DATA, OpCode.SET_ACL, OpCode.MULTI, OpCode.RECONFIG,
                    OpCode.CLOSE_SESSION, OpCode.CREATE_SESSION -> true;
            default -> false;
        };
    }

    TxnOp prepare(int opCode, Record body, long sessionId) {
        if (opCode == OpCode.CLOSE_SESSION) {
            return new TxnOp.CloseSession(sessionId);
        }
        if (opCode == OpCode.CREATE_SESSION) {
            // A client may not create a session after its handshake; ZooKeeper fails to decode the
            // missing body and answers MARSHALLINGERROR, using up a zxid.
            return new TxnOp.Error(ErrorCode.MARSHALLINGERROR);
        }
        if (opCode == OpCode.RECONFIG) {
            return new TxnOp.Error(config.reconfigEnabled() ? ErrorCode.UNIMPLEMENTED : ErrorCode.RECONFIGDISABLED);
        }
        if (opCode == OpCode.MULTI) {
            List<MultiRequest.Op> subOps = ((MultiRequest) body).ops();
            List<TxnOp> ops = new ArrayList<>(subOps.size());
            for (MultiRequest.Op subOp : subOps) {
                TxnOp op = single(subOp.type(), subOp.request());
                if (lacksPath(op)) {
                    // ZooKeeper reads every sub-op's path before it prepares any, and fails the
                    // whole multi when one is missing.
                    return new TxnOp.Error(ErrorCode.MARSHALLINGERROR);
                }
                ops.add(op);
            }
            return new TxnOp.Multi(ops);
        }
        TxnOp op = single(opCode, body);
        return lacksPath(op) ? new TxnOp.Error(pathlessError(op)) : op;
    }

    private static boolean lacksPath(TxnOp op) {
        return op instanceof TxnOp.OnPath onPath && onPath.path() == null;
    }

    /**
     * What ZooKeeper answers a write without a path: a create is first checked for its mode (bad
     * flags, TTL), then fails to be processed; setData and setACL fail path validation; the others
     * fail to be processed.
     */
    private ErrorCode pathlessError(TxnOp op) {
        if (op instanceof TxnOp.Create c) {
            ErrorCode mode = CreateChecks.modeProblem(c.opCode(), c.flags(), c.ttl(), config.treeOptions());
            return mode != null ? mode : ErrorCode.MARSHALLINGERROR;
        }
        if (op instanceof TxnOp.SetData || op instanceof TxnOp.SetAcl) {
            return ErrorCode.BADARGUMENTS;
        }
        return ErrorCode.MARSHALLINGERROR;
    }

    private static TxnOp single(int opCode, Record body) {
        if (body instanceof CreateTtlRequest c) {
            return new TxnOp.Create(opCode, c.path(), c.data(), c.acl(), c.flags(), c.ttl());
        } else if (body instanceof CreateRequest c) {
            return new TxnOp.Create(opCode, c.path(), c.data(), c.acl(), c.flags(), -1);
        } else if (body instanceof DeleteRequest d) {
            return new TxnOp.Delete(d.path(), d.version(), false);
        } else if (body instanceof DeleteContainerRequest d) {
            return new TxnOp.DeleteContainer(d.path());
        } else if (body instanceof SetDataRequest s) {
            return new TxnOp.SetData(s.path(), s.data(), s.version());
        } else if (body instanceof SetAclRequest s) {
            return new TxnOp.SetAcl(s.path(), s.acl(), s.version());
        } else if (body instanceof CheckVersionRequest c) {
            return new TxnOp.Check(c.path(), c.version());
        }
        throw new IllegalArgumentException("no transaction for " + body);
    }
}
