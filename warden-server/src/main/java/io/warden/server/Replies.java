package io.warden.server;

import java.util.ArrayList;
import java.util.List;

import io.warden.tree.OpResult;
import io.warden.tree.TxnOp;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.proto.Create2Response;
import io.warden.wire.proto.CreateResponse;
import io.warden.wire.proto.MultiResponse;
import io.warden.wire.proto.SetAclResponse;
import io.warden.wire.proto.SetDataResponse;

/** Maps the result of an applied write to the reply ZooKeeper sends for its op code. */
final class Replies {
    private Replies() {
    }

    /** A reply's error code and body ({@code null} for header-only replies). */
    record Reply(ErrorCode err, Record body) {
    }

    static Reply forWrite(int opCode, TxnOp op, OpResult result) {
        if (result instanceof OpResult.Failed failed) {
            return new Reply(failed.code(), null);
        }
        return switch (opCode) {
            case OpCode.CREATE -> new Reply(ErrorCode.OK, new CreateResponse(((OpResult.Created) result).path()));
            case OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> {
                OpResult.Created created = (OpResult.Created) result;
                yield new Reply(ErrorCode.OK, new Create2Response(created.path(), created.stat()));
            }
            case OpCode.SET_DATA -> new Reply(ErrorCode.OK, new SetDataResponse(((OpResult.StatResult) result).stat()));
            case OpCode.SET_ACL -> new Reply(ErrorCode.OK, new SetAclResponse(((OpResult.StatResult) result).stat()));
            case OpCode.MULTI -> new Reply(ErrorCode.OK, multi((TxnOp.Multi) op, (OpResult.MultiResult) result));
            default -> new Reply(ErrorCode.OK, null);
        };
    }

    private static MultiResponse multi(TxnOp.Multi multi, OpResult.MultiResult result) {
        List<MultiResponse.Result> results = new ArrayList<>(result.results().size());
        for (int i = 0; i < result.results().size(); i++) {
            results.add(subResult(multi.ops().get(i), result.results().get(i)));
        }
        return new MultiResponse(results);
    }

    private static MultiResponse.Result subResult(TxnOp op, OpResult result) {
        if (result instanceof OpResult.Failed failed) {
            return new MultiResponse.ErrorResult(failed.code().code());
        }
        if (result instanceof OpResult.Created created) {
            return ((TxnOp.Create) op).opCode() == OpCode.CREATE ? new MultiResponse.CreateResult(created.path())
                    : new MultiResponse.Create2Result(created.path(), created.stat());
        }
        if (result instanceof OpResult.StatResult stat) {
            return new MultiResponse.SetDataResult(stat.stat());
        }
        if (result instanceof OpResult.Checked) {
            return new MultiResponse.CheckResult();
        }
        return new MultiResponse.DeleteResult();
    }
}
