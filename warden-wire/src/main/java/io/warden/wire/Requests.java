package io.warden.wire;

import io.warden.wire.proto.AddWatchRequest;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.CheckVersionRequest;
import io.warden.wire.proto.CheckWatchesRequest;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.CreateTtlRequest;
import io.warden.wire.proto.DeleteContainerRequest;
import io.warden.wire.proto.DeleteRequest;
import io.warden.wire.proto.EmptyBody;
import io.warden.wire.proto.ExistsRequest;
import io.warden.wire.proto.GetAclRequest;
import io.warden.wire.proto.GetAllChildrenNumberRequest;
import io.warden.wire.proto.GetChildren2Request;
import io.warden.wire.proto.GetChildrenRequest;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.GetEphemeralsRequest;
import io.warden.wire.proto.GetSaslRequest;
import io.warden.wire.proto.MultiRequest;
import io.warden.wire.proto.ReconfigRequest;
import io.warden.wire.proto.RemoveWatchesRequest;
import io.warden.wire.proto.SetAclRequest;
import io.warden.wire.proto.SetDataRequest;
import io.warden.wire.proto.SetWatches;
import io.warden.wire.proto.SetWatches2;
import io.warden.wire.proto.SyncRequest;
import io.warden.wire.proto.TransferLeadershipRequest;

/** Which opcodes a client may send after the handshake, and the request record each one carries. */
public final class Requests {
    private Requests() {
    }

    /**
     * True for the opcodes a server accepts from a client. Everything else (0, 10, check 13 outside a
     * multi, createSession -10, error -1, unknown numbers) gets UNIMPLEMENTED and the connection closes.
     */
    public static boolean isClientOpCode(int opCode) {
        return switch (opCode) {
            case OpCode.CREATE, OpCode.DELETE, OpCode.EXISTS, OpCode.GET_DATA, OpCode.SET_DATA, OpCode.GET_ACL,
                    OpCode.SET_ACL, OpCode.GET_CHILDREN, OpCode.SYNC, OpCode.PING, OpCode.GET_CHILDREN2,
                    OpCode.MULTI, OpCode.CREATE2, OpCode.RECONFIG, OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES,
                    OpCode.CREATE_CONTAINER, OpCode.DELETE_CONTAINER, OpCode.CREATE_TTL, OpCode.MULTI_READ,
                    OpCode.AUTH, OpCode.SET_WATCHES, OpCode.SASL, OpCode.GET_EPHEMERALS,
                    OpCode.GET_ALL_CHILDREN_NUMBER, OpCode.SET_WATCHES2, OpCode.ADD_WATCH, OpCode.WHO_AM_I,
                    OpCode.CLOSE_SESSION, OpCode.CREATE_SESSION, OpCode.WARDEN_TRANSFER_LEADERSHIP -> true;
            default -> false;
        };
    }

    /**
     * Decodes the request record that follows a {@link RequestHeader} of this type; {@link EmptyBody}
     * for ops without one (ping, closeSession, whoAmI). Bytes after the record are ignored, as
     * ZooKeeper ignores them. An opcode without a request record is a {@link WireFormatException}.
     */
    public static Record readBody(int opCode, JuteInput in) throws WireFormatException {
        return switch (opCode) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> CreateRequest.read(in);
            case OpCode.CREATE_TTL -> CreateTtlRequest.read(in);
            case OpCode.DELETE -> DeleteRequest.read(in);
            case OpCode.DELETE_CONTAINER -> DeleteContainerRequest.read(in);
            case OpCode.EXISTS -> ExistsRequest.read(in);
            case OpCode.GET_DATA -> GetDataRequest.read(in);
            case OpCode.SET_DATA -> SetDataRequest.read(in);
            case OpCode.GET_ACL -> GetAclRequest.read(in);
            case OpCode.SET_ACL -> SetAclRequest.read(in);
            case OpCode.GET_CHILDREN -> GetChildrenRequest.read(in);
            case OpCode.GET_CHILDREN2 -> GetChildren2Request.read(in);
            case OpCode.SYNC -> SyncRequest.read(in);
            case OpCode.CHECK -> CheckVersionRequest.read(in);
            case OpCode.MULTI -> MultiRequest.read(in, false);
            case OpCode.MULTI_READ -> MultiRequest.read(in, true);
            case OpCode.RECONFIG -> ReconfigRequest.read(in);
            case OpCode.CHECK_WATCHES -> CheckWatchesRequest.read(in);
            case OpCode.REMOVE_WATCHES -> RemoveWatchesRequest.read(in);
            case OpCode.AUTH -> AuthPacket.read(in);
            case OpCode.SET_WATCHES -> SetWatches.read(in);
            case OpCode.SET_WATCHES2 -> SetWatches2.read(in);
            case OpCode.SASL -> GetSaslRequest.read(in);
            case OpCode.GET_EPHEMERALS -> GetEphemeralsRequest.read(in);
            case OpCode.GET_ALL_CHILDREN_NUMBER -> GetAllChildrenNumberRequest.read(in);
            case OpCode.ADD_WATCH -> AddWatchRequest.read(in);
            case OpCode.WARDEN_TRANSFER_LEADERSHIP -> TransferLeadershipRequest.read(in);
            case OpCode.PING, OpCode.CLOSE_SESSION, OpCode.WHO_AM_I, OpCode.CREATE_SESSION -> EmptyBody.INSTANCE;
            default -> throw new WireFormatException("no request record for opcode " + opCode);
        };
    }
}
