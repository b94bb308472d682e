package io.warden.server;

import java.util.Collection;
import java.util.List;

import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.CreateTtlRequest;
import io.warden.wire.proto.GetChildrenRequest;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.MultiRequest;
import io.warden.wire.proto.MultiResponse;
import io.warden.wire.proto.SetWatches;
import io.warden.wire.proto.SetWatches2;

/**
 * Requests refused before they are served, for fields ZooKeeper cannot process at all: it answers
 * them MARSHALLINGERROR without using a zxid. What is refused while a write is prepared or applied
 * (a {@code null} path in a write, a malformed ACL) is decided there, in ZooKeeper's order.
 */
final class RequestChecks {
    private RequestChecks() {
    }

    /** A refusal: the error, and the body ZooKeeper sends with it ({@code null} for none). */
    record Refusal(ErrorCode code, Record body) {
    }

    private static final Refusal UNPROCESSABLE = new Refusal(ErrorCode.MARSHALLINGERROR, null);

    /** Why this request is refused before it is served, or {@code null} when it is not. */
    static Refusal refusal(int opCode, Record body) {
        return switch (opCode) {
            case OpCode.SET_WATCHES -> {
                SetWatches r = (SetWatches) body;
                yield wellFormed(r.dataWatches(), r.existWatches(), r.childWatches()) ? null : UNPROCESSABLE;
            }
            case OpCode.SET_WATCHES2 -> {
                // ZooKeeper accepts a null path in the persistent lists and registers a watch no
                // event can fire; Warden refuses it like a null path in the other lists.
                SetWatches2 r = (SetWatches2) body;
                yield wellFormed(r.dataWatches(), r.existWatches(), r.childWatches(), r.persistentWatches(),
                        r.persistentRecursiveWatches()) ? null : UNPROCESSABLE;
            }
            case OpCode.MULTI_READ -> multiReadWithoutPath((MultiRequest) body)
                    ? new Refusal(ErrorCode.MARSHALLINGERROR, new MultiResponse(List.of())) : null;
            case OpCode.MULTI -> multiCreateWithoutAcl((MultiRequest) body) ? UNPROCESSABLE : null;
            default -> null;
        };
    }

    @SafeVarargs
    private static boolean wellFormed(List<String>... lists) {
        for (List<String> list : lists) {
            if (list == null || containsNull(list)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsNull(Collection<String> values) {
        for (String value : values) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }

    private static boolean multiReadWithoutPath(MultiRequest multi) {
        for (MultiRequest.Op op : multi.ops()) {
            String path = op.request() instanceof GetDataRequest r ? r.path() : ((GetChildrenRequest) op.request()).path();
            if (path == null) {
                return true;
            }
        }
        return false;
    }

    private static boolean multiCreateWithoutAcl(MultiRequest multi) {
        for (MultiRequest.Op op : multi.ops()) {
            if (op.request() instanceof CreateRequest c && c.acl() == null
                    || op.request() instanceof CreateTtlRequest t && t.acl() == null) {
                return true;
            }
        }
        return false;
    }
}
