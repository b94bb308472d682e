package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The sub-ops multi (14) and multiRead (22) may carry, and the request record of each. */
final class MultiOps {
    /** The highest CreateMode flag value (PERSISTENT_SEQUENTIAL_WITH_TTL). */
    private static final int CREATE_FLAGS_MAX = 6;

    private MultiOps() {
    }

    /** A sub-op of multi (14). */
    static boolean isWrite(int type) {
        return switch (type) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL, OpCode.DELETE,
                    OpCode.SET_DATA, OpCode.CHECK -> true;
            default -> false;
        };
    }

    /** A sub-op of multiRead (22). */
    static boolean isRead(int type) {
        return type == OpCode.GET_DATA || type == OpCode.GET_CHILDREN;
    }

    /** The record class a sub-op of this type carries, or {@code null} when no multi may carry it. */
    static Class<? extends Record> requestClass(int type) {
        return switch (type) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> CreateRequest.class;
            case OpCode.CREATE_TTL -> CreateTtlRequest.class;
            case OpCode.DELETE -> DeleteRequest.class;
            case OpCode.SET_DATA -> SetDataRequest.class;
            case OpCode.CHECK -> CheckVersionRequest.class;
            case OpCode.GET_DATA -> GetDataRequest.class;
            case OpCode.GET_CHILDREN -> GetChildrenRequest.class;
            default -> null;
        };
    }

    /**
     * Decodes the request record of a sub-op whose type is allowed. Like ZooKeeper's decoder, a create
     * sub-op (1, 15, 19) with flags that name no CreateMode is rejected here. (A null ACL vector
     * decodes; the server refuses such a multi before it uses a zxid, as ZooKeeper does.)
     */
    static Record readRequest(int type, JuteInput in) throws WireFormatException {
        switch (type) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> {
                CreateRequest request = CreateRequest.read(in);
                if (request.flags() < 0 || request.flags() > CREATE_FLAGS_MAX) {
                    throw new WireFormatException("multi create with invalid flags " + request.flags());
                }
                return request;
            }
            case OpCode.CREATE_TTL -> {
                return CreateTtlRequest.read(in);
            }
            case OpCode.DELETE -> {
                return DeleteRequest.read(in);
            }
            case OpCode.SET_DATA -> {
                return SetDataRequest.read(in);
            }
            case OpCode.CHECK -> {
                return CheckVersionRequest.read(in);
            }
            case OpCode.GET_DATA -> {
                return GetDataRequest.read(in);
            }
            case OpCode.GET_CHILDREN -> {
                return GetChildrenRequest.read(in);
            }
            default -> throw new WireFormatException("invalid multi sub-op type " + type);
        }
    }
}
