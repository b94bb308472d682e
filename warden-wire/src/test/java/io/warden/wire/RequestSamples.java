package io.warden.wire;

import io.warden.wire.proto.AddWatchRequest;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.CheckVersionRequest;
import io.warden.wire.proto.CheckWatchesRequest;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.CreateTtlRequest;
import io.warden.wire.proto.DeleteContainerRequest;
import io.warden.wire.proto.DeleteRequest;
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
import io.warden.wire.testing.Gen;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A random request record for every opcode that carries one, keyed by opcode. */
final class RequestSamples {
    private RequestSamples() {
    }

    static Map<Integer, Record> bodies(Gen g) {
        Map<Integer, Record> bodies = new LinkedHashMap<>();
        bodies.put(OpCode.CREATE, new CreateRequest(g.string(), g.bytes(), g.acls(), g.anyInt()));
        bodies.put(OpCode.DELETE, new DeleteRequest(g.string(), g.anyInt()));
        bodies.put(OpCode.EXISTS, new ExistsRequest(g.string(), g.bool()));
        bodies.put(OpCode.GET_DATA, new GetDataRequest(g.string(), g.bool()));
        bodies.put(OpCode.SET_DATA, new SetDataRequest(g.string(), g.bytes(), g.anyInt()));
        bodies.put(OpCode.GET_ACL, new GetAclRequest(g.string()));
        bodies.put(OpCode.SET_ACL, new SetAclRequest(g.string(), g.acls(), g.anyInt()));
        bodies.put(OpCode.GET_CHILDREN, new GetChildrenRequest(g.string(), g.bool()));
        bodies.put(OpCode.SYNC, new SyncRequest(g.string()));
        bodies.put(OpCode.GET_CHILDREN2, new GetChildren2Request(g.string(), g.bool()));
        bodies.put(OpCode.CHECK, new CheckVersionRequest(g.string(), g.anyInt()));
        bodies.put(OpCode.MULTI, new MultiRequest(List.of(
                new MultiRequest.Op(OpCode.CREATE, new CreateRequest(g.string(), g.bytes(), List.of(), g.nextInt(7))),
                new MultiRequest.Op(OpCode.CREATE_TTL,
                        new CreateTtlRequest(g.string(), g.bytes(), g.acls(), g.anyInt(), g.anyLong())),
                new MultiRequest.Op(OpCode.DELETE, new DeleteRequest(g.string(), g.anyInt())),
                new MultiRequest.Op(OpCode.SET_DATA, new SetDataRequest(g.string(), g.bytes(), g.anyInt())),
                new MultiRequest.Op(OpCode.CHECK, new CheckVersionRequest(g.string(), g.anyInt())))));
        bodies.put(OpCode.CREATE2, new CreateRequest(g.string(), g.bytes(), g.acls(), g.anyInt()));
        bodies.put(OpCode.RECONFIG, new ReconfigRequest(g.string(), g.string(), g.string(), g.anyLong()));
        bodies.put(OpCode.CHECK_WATCHES, new CheckWatchesRequest(g.string(), g.anyInt()));
        bodies.put(OpCode.REMOVE_WATCHES, new RemoveWatchesRequest(g.string(), g.anyInt()));
        bodies.put(OpCode.CREATE_CONTAINER, new CreateRequest(g.string(), g.bytes(), g.acls(), g.anyInt()));
        bodies.put(OpCode.DELETE_CONTAINER, new DeleteContainerRequest(g.nonNullString()));
        bodies.put(OpCode.CREATE_TTL, new CreateTtlRequest(g.string(), g.bytes(), g.acls(), g.anyInt(), g.anyLong()));
        bodies.put(OpCode.MULTI_READ, new MultiRequest(List.of(
                new MultiRequest.Op(OpCode.GET_DATA, new GetDataRequest(g.string(), g.bool())),
                new MultiRequest.Op(OpCode.GET_CHILDREN, new GetChildrenRequest(g.string(), g.bool())))));
        bodies.put(OpCode.AUTH, new AuthPacket(g.anyInt(), g.string(), g.bytes()));
        bodies.put(OpCode.SET_WATCHES, new SetWatches(g.anyLong(), g.strings(), g.strings(), g.strings()));
        bodies.put(OpCode.SASL, new GetSaslRequest(g.bytes()));
        bodies.put(OpCode.GET_EPHEMERALS, new GetEphemeralsRequest(g.string()));
        bodies.put(OpCode.GET_ALL_CHILDREN_NUMBER, new GetAllChildrenNumberRequest(g.string()));
        bodies.put(OpCode.SET_WATCHES2, new SetWatches2(g.anyLong(), g.strings(), g.strings(), g.strings(),
                g.strings(), g.strings()));
        bodies.put(OpCode.ADD_WATCH, new AddWatchRequest(g.string(), g.anyInt()));
        bodies.put(OpCode.WARDEN_TRANSFER_LEADERSHIP,
                new io.warden.wire.proto.TransferLeadershipRequest(g.anyLong()));
        return bodies;
    }
}
