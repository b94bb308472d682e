package io.warden.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.warden.tree.DataTree;
import io.warden.tree.OpResult;
import io.warden.tree.WatchEvent;
import io.warden.tree.WatchLists;
import io.warden.tree.acl.AclPolicy;
import io.warden.tree.acl.Digests;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.JuteSize;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.RequestHeader;
import io.warden.wire.Xids;
import io.warden.wire.proto.AddWatchRequest;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.CheckWatchesRequest;
import io.warden.wire.proto.ClientInfo;
import io.warden.wire.proto.ErrorResponse;
import io.warden.wire.proto.ExistsRequest;
import io.warden.wire.proto.ExistsResponse;
import io.warden.wire.proto.GetAclRequest;
import io.warden.wire.proto.GetAclResponse;
import io.warden.wire.proto.GetAllChildrenNumberRequest;
import io.warden.wire.proto.GetAllChildrenNumberResponse;
import io.warden.wire.proto.GetChildren2Request;
import io.warden.wire.proto.GetChildren2Response;
import io.warden.wire.proto.GetChildrenRequest;
import io.warden.wire.proto.GetChildrenResponse;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.GetDataResponse;
import io.warden.wire.proto.GetEphemeralsRequest;
import io.warden.wire.proto.GetEphemeralsResponse;
import io.warden.wire.proto.MultiRequest;
import io.warden.wire.proto.MultiResponse;
import io.warden.wire.proto.RemoveWatchesRequest;
import io.warden.wire.proto.SetSaslResponse;
import io.warden.wire.proto.SetWatches;
import io.warden.wire.proto.SetWatches2;
import io.warden.wire.proto.SyncRequest;
import io.warden.wire.proto.SyncResponse;
import io.warden.wire.proto.WhoAmIResponse;

/**
 * Answers the requests that do not change the tree (reads, watch management, auth) for one
 * connection, once that connection's earlier writes are applied.
 */
final class Reads {
    private final DataTree tree;
    private final ConnectionLimits limits;

    Reads(DataTree tree, ConnectionLimits limits) {
        this.tree = tree;
        this.limits = limits;
    }

    /** A reply and the events to send before it. */
    record Answer(int xid, long zxid, ErrorCode err, Record body, List<WatchEvent> events, boolean closeAfter) {
    }

    Answer answer(Connection connection, RequestHeader header, Record body, String superDigest) {
        int xid = header.xid();
        if (exceedsWatches(connection.id, header.type(), body)) {
            return new Answer(xid, tree.lastZxid(), ErrorCode.THROTTLEDOP, null, List.of(), false);
        }
        List<Id> ids = connection.identities;
        Long watcher = connection.id;
        switch (header.type()) {
            case OpCode.PING:
                return new Answer(Xids.PING, tree.lastZxid(), ErrorCode.OK, null, List.of(), false);
            case OpCode.EXISTS: {
                ExistsRequest r = (ExistsRequest) body;
                OpResult result = tree.exists(r.path(), ids, r.watch() ? watcher : null);
                return of(xid, result, () -> new ExistsResponse(((OpResult.StatResult) result).stat()));
            }
            case OpCode.GET_DATA: {
                GetDataRequest r = (GetDataRequest) body;
                OpResult result = tree.getData(r.path(), ids, r.watch() ? watcher : null);
                return of(xid, result, () -> {
                    OpResult.DataResult data = (OpResult.DataResult) result;
                    return new GetDataResponse(data.data(), data.stat());
                });
            }
            case OpCode.GET_CHILDREN: {
                GetChildrenRequest r = (GetChildrenRequest) body;
                OpResult result = tree.getChildren(r.path(), ids, r.watch() ? watcher : null);
                return of(xid, result, () -> new GetChildrenResponse(((OpResult.ChildrenResult) result).children()));
            }
            case OpCode.GET_CHILDREN2: {
                GetChildren2Request r = (GetChildren2Request) body;
                OpResult result = tree.getChildren(r.path(), ids, r.watch() ? watcher : null);
                return of(xid, result, () -> {
                    OpResult.ChildrenResult children = (OpResult.ChildrenResult) result;
                    return new GetChildren2Response(children.children(), children.stat());
                });
            }
            case OpCode.GET_ACL: {
                OpResult result = tree.getAcl(((GetAclRequest) body).path(), ids);
                return of(xid, result, () -> {
                    OpResult.AclResult acl = (OpResult.AclResult) result;
                    return new GetAclResponse(acl.acl(), acl.stat());
                });
            }
            case OpCode.GET_ALL_CHILDREN_NUMBER: {
                OpResult result = tree.getAllChildrenNumber(((GetAllChildrenNumberRequest) body).path(), ids);
                return of(xid, result,
                        () -> new GetAllChildrenNumberResponse(((OpResult.CountResult) result).count()));
            }
            case OpCode.GET_EPHEMERALS: {
                OpResult result = tree.getEphemerals(connection.sessionId, ((GetEphemeralsRequest) body).prefixPath());
                return of(xid, result, () -> new GetEphemeralsResponse(((OpResult.PathsResult) result).paths()));
            }
            case OpCode.SYNC:
                return ok(xid, new SyncResponse(((SyncRequest) body).path()));
            case OpCode.WHO_AM_I:
                return ok(xid, whoAmI(ids));
            case OpCode.MULTI_READ:
                return ok(xid, multiRead((MultiRequest) body, ids));
            case OpCode.SET_WATCHES: {
                SetWatches r = (SetWatches) body;
                WatchLists lists = new WatchLists(r.dataWatches(), r.existWatches(), r.childWatches(), null, null);
                return setWatches(xid, r.relativeZxid(), lists, connection);
            }
            case OpCode.SET_WATCHES2: {
                SetWatches2 r = (SetWatches2) body;
                WatchLists lists = new WatchLists(r.dataWatches(), r.existWatches(), r.childWatches(),
                        r.persistentWatches(), r.persistentRecursiveWatches());
                return setWatches(xid, r.relativeZxid(), lists, connection);
            }
            case OpCode.ADD_WATCH: {
                AddWatchRequest r = (AddWatchRequest) body;
                if (r.mode() != 0 && r.mode() != 1) {
                    return undecodable(xid);
                }
                OpResult result = tree.addWatch(r.path(), r.mode(), connection.id);
                return of(xid, result, () -> new ErrorResponse(0));
            }
            case OpCode.CHECK_WATCHES: {
                CheckWatchesRequest r = (CheckWatchesRequest) body;
                if (!isWatcherType(r.type())) {
                    return undecodable(xid);
                }
                return of(xid, tree.checkWatches(r.path(), r.type(), connection.id), () -> null);
            }
            case OpCode.REMOVE_WATCHES: {
                RemoveWatchesRequest r = (RemoveWatchesRequest) body;
                if (!isWatcherType(r.type())) {
                    return undecodable(xid);
                }
                return of(xid, tree.removeWatches(r.path(), r.type(), connection.id), () -> null);
            }
            case OpCode.AUTH:
                return auth(xid, connection, (AuthPacket) body, superDigest);
            case OpCode.SASL:
                return new Answer(xid, tree.lastZxid(), ErrorCode.AUTHFAILED, new SetSaslResponse(null), List.of(),
                        true);
            default:
                return new Answer(xid, -1, ErrorCode.UNIMPLEMENTED, null, List.of(), true);
        }
    }

    /**
     * Whether the request would give the connection more watches than it may hold. setWatches
     * lists count in full: a client re-registering more watches than the bound gets none of them.
     */
    private boolean exceedsWatches(long watcher, int opCode, Record body) {
        int max = limits.watchesMax();
        return switch (opCode) {
            case OpCode.EXISTS -> ((ExistsRequest) body).watch() && newDataWatchPastMax(((ExistsRequest) body).path(),
                    watcher, max);
            case OpCode.GET_DATA -> ((GetDataRequest) body).watch()
                    && newDataWatchPastMax(((GetDataRequest) body).path(), watcher, max);
            case OpCode.GET_CHILDREN -> ((GetChildrenRequest) body).watch()
                    && newChildWatchPastMax(((GetChildrenRequest) body).path(), watcher, max);
            case OpCode.GET_CHILDREN2 -> ((GetChildren2Request) body).watch()
                    && newChildWatchPastMax(((GetChildren2Request) body).path(), watcher, max);
            case OpCode.ADD_WATCH -> {
                AddWatchRequest r = (AddWatchRequest) body;
                yield tree.wouldAddPersistentWatch(r.path(), r.mode(), watcher) && tree.watchCount(watcher) >= max;
            }
            case OpCode.SET_WATCHES -> {
                SetWatches r = (SetWatches) body;
                yield (long) tree.watchCount(watcher) + r.dataWatches().size() + r.existWatches().size()
                        + r.childWatches().size() > max;
            }
            case OpCode.SET_WATCHES2 -> {
                SetWatches2 r = (SetWatches2) body;
                yield (long) tree.watchCount(watcher) + r.dataWatches().size() + r.existWatches().size()
                        + r.childWatches().size() + r.persistentWatches().size()
                        + r.persistentRecursiveWatches().size() > max;
            }
            default -> false;
        };
    }

    private boolean newDataWatchPastMax(String path, long watcher, int max) {
        return tree.wouldAddDataWatch(path, watcher) && tree.watchCount(watcher) >= max;
    }

    private boolean newChildWatchPastMax(String path, long watcher, int max) {
        return tree.wouldAddChildWatch(path, watcher) && tree.watchCount(watcher) >= max;
    }

    /** WatcherType values run from Children (1) to PersistentRecursive (5). */
    private static boolean isWatcherType(int type) {
        return type >= 1 && type <= 5;
    }

    /**
     * ZooKeeper cannot decode a watcher type or watch mode it does not know, and answers as for
     * any undecodable request: MARSHALLINGERROR, the connection staying open.
     */
    private Answer undecodable(int xid) {
        return new Answer(xid, tree.lastZxid(), ErrorCode.MARSHALLINGERROR, null, List.of(), false);
    }

    private interface Body {
        Record get();
    }

    private Answer of(int xid, OpResult result, Body body) {
        if (result instanceof OpResult.Failed failed) {
            return new Answer(xid, tree.lastZxid(), failed.code(), null, List.of(), false);
        }
        return ok(xid, body.get());
    }

    private Answer ok(int xid, Record body) {
        return new Answer(xid, tree.lastZxid(), ErrorCode.OK, body, List.of(), false);
    }

    private Answer setWatches(int xid, long relativeZxid, WatchLists lists, Connection connection) {
        List<WatchEvent> events = tree.setWatches(relativeZxid, lists, connection.id);
        return new Answer(xid, tree.lastZxid(), ErrorCode.OK, null, events, false);
    }

    private static WhoAmIResponse whoAmI(List<Id> ids) {
        List<ClientInfo> infos = new ArrayList<>(ids.size());
        for (Id id : ids) {
            String user = id.id();
            if (id.scheme().equals("digest")) {
                int colon = user.indexOf(':');
                user = colon < 0 ? user : user.substring(0, colon);
            }
            infos.add(new ClientInfo(id.scheme(), user));
        }
        return new WhoAmIResponse(infos);
    }

    private MultiResponse multiRead(MultiRequest request, List<Id> ids) {
        List<MultiResponse.Result> results = new ArrayList<>(request.ops().size());
        for (MultiRequest.Op op : request.ops()) {
            OpResult result;
            if (op.type() == OpCode.GET_DATA) {
                result = tree.getData(((GetDataRequest) op.request()).path(), ids, null);
            } else {
                result = tree.getChildren(((GetChildrenRequest) op.request()).path(), ids, null);
            }
            if (result instanceof OpResult.DataResult data) {
                results.add(new MultiResponse.GetDataResult(data.data(), data.stat()));
            } else if (result instanceof OpResult.ChildrenResult children) {
                results.add(new MultiResponse.GetChildrenResult(children.children()));
            } else {
                results.add(new MultiResponse.ErrorResult(((OpResult.Failed) result).code().code()));
            }
        }
        return new MultiResponse(results);
    }

    /**
     * An auth packet: digest credentials add a digest identity (and super, when they match the
     * configured super digest); ip adds nothing new; any other scheme fails and closes. So does an
     * identity past the connection's bounds on identities. The reply carries the request's xid
     * (clients send -4), as ZooKeeper's does.
     */
    private Answer auth(int xid, Connection connection, AuthPacket packet, String superDigest) {
        String scheme = packet.scheme() == null ? "" : packet.scheme();
        if (scheme.equals("digest") && packet.auth() != null) {
            String digestId = Digests.idFor(new String(packet.auth(), StandardCharsets.UTF_8));
            List<Id> added = new ArrayList<>(2);
            added.add(new Id("digest", digestId));
            if (superDigest != null && superDigest.equals(digestId)) {
                added.add(new Id(AclPolicy.SUPER, ""));
            }
            added.removeAll(connection.identities);
            if (!withinIdentityBounds(connection.identities, added)) {
                return new Answer(xid, 0, ErrorCode.AUTHFAILED, null, List.of(), true);
            }
            connection.identities.addAll(added);
            return new Answer(xid, 0, ErrorCode.OK, null, List.of(), false);
        }
        if (scheme.equals("ip")) {
            return new Answer(xid, 0, ErrorCode.OK, null, List.of(), false);
        }
        return new Answer(xid, 0, ErrorCode.AUTHFAILED, null, List.of(), true);
    }

    /** Every transaction carries its connection's identities, so their number and size are bounded. */
    private boolean withinIdentityBounds(List<Id> identities, List<Id> added) {
        if (identities.size() + added.size() > limits.identitiesMax()) {
            return false;
        }
        long bytes = 0;
        for (List<Id> list : List.of(identities, added)) {
            for (Id id : list) {
                bytes += JuteSize.of(id);
            }
        }
        return bytes <= limits.identityBytesMax();
    }
}
