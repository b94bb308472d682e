package io.warden.tree;

import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;

/**
 * The checks of a create that need neither the tree nor the path, in ZooKeeper's order: the flags
 * name a mode, TTL modes are enabled, and the TTL fits the mode and the op code. The prepare stage
 * runs them to answer a create that has no path exactly as ZooKeeper does; applying runs them
 * again for every create.
 */
public final class CreateChecks {
    private CreateChecks() {
    }

    /** The error these checks find, or {@code null} when the create may go on to its path. */
    public static ErrorCode modeProblem(int opCode, int flags, long ttl, TreeOptions options) {
        CreateMode mode = CreateMode.of(flags);
        if (mode == null) {
            return ErrorCode.BADARGUMENTS;
        }
        if (mode.isTtl() && !options.extendedTypesEnabled()) {
            return ErrorCode.UNIMPLEMENTED;
        }
        boolean ttlOp = opCode == OpCode.CREATE_TTL;
        if (mode.isTtl() ? !ttlOp || ttl < 1 || ttl > EphemeralOwner.TTL_MAX_MS : ttlOp) {
            return ErrorCode.BADARGUMENTS;
        }
        return null;
    }
}
