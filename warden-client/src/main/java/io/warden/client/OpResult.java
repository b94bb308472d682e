package io.warden.client;

import io.warden.wire.ErrorCode;
import io.warden.wire.Stat;
import java.util.List;
import java.util.Objects;

/** The outcome of one {@link Op} in a multi or multiRead, in the order of the ops. */
public sealed interface OpResult permits OpResult.CreateResult, OpResult.DeleteResult, OpResult.SetDataResult,
        OpResult.CheckResult, OpResult.GetDataResult, OpResult.GetChildrenResult, OpResult.ErrorResult {

    /** A node was created at {@code path} (without the chroot). */
    record CreateResult(String path, Stat stat) implements OpResult {
        public CreateResult {
            Objects.requireNonNull(path, "path");
        }
    }

    record DeleteResult() implements OpResult {
    }

    record SetDataResult(Stat stat) implements OpResult {
    }

    record CheckResult() implements OpResult {
    }

    record GetDataResult(NodeData node) implements OpResult {
    }

    record GetChildrenResult(List<String> names) implements OpResult {
        public GetChildrenResult {
            names = List.copyOf(names);
        }
    }

    /**
     * The op failed. In a failed multi every result is an ErrorResult: OK for the ops before the one
     * that failed, its code for that one, RUNTIMEINCONSISTENCY for those after it.
     */
    record ErrorResult(ErrorCode code) implements OpResult {
        public ErrorResult {
            Objects.requireNonNull(code, "code");
        }
    }
}
