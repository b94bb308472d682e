package io.warden.client;

import io.warden.common.ZnodePaths;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Frames;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.RequestHeader;
import io.warden.wire.Stat;
import io.warden.wire.proto.AddWatchRequest;
import io.warden.wire.proto.CheckVersionRequest;
import io.warden.wire.proto.CheckWatchesRequest;
import io.warden.wire.proto.ClientInfo;
import io.warden.wire.proto.Create2Response;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.CreateTtlRequest;
import io.warden.wire.proto.DeleteRequest;
import io.warden.wire.proto.ExistsRequest;
import io.warden.wire.proto.ExistsResponse;
import io.warden.wire.proto.GetAclRequest;
import io.warden.wire.proto.GetAclResponse;
import io.warden.wire.proto.GetAllChildrenNumberRequest;
import io.warden.wire.proto.GetAllChildrenNumberResponse;
import io.warden.wire.proto.GetChildren2Request;
import io.warden.wire.proto.GetChildren2Response;
import io.warden.wire.proto.GetChildrenRequest;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.GetDataResponse;
import io.warden.wire.proto.GetEphemeralsRequest;
import io.warden.wire.proto.GetEphemeralsResponse;
import io.warden.wire.proto.MultiRequest;
import io.warden.wire.proto.MultiResponse;
import io.warden.wire.proto.ReconfigRequest;
import io.warden.wire.proto.RemoveWatchesRequest;
import io.warden.wire.proto.SetAclRequest;
import io.warden.wire.proto.SetAclResponse;
import io.warden.wire.proto.SetDataRequest;
import io.warden.wire.proto.SetDataResponse;
import io.warden.wire.proto.SyncRequest;
import io.warden.wire.proto.TransferLeadershipRequest;
import io.warden.wire.proto.WhoAmIResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds the {@link Spec} of every operation: validates the arguments the way ZooKeeper's client
 * does (an invalid path is an {@link IllegalArgumentException}, and nothing is sent), adds the
 * chroot to outgoing paths and strips it from paths that come back, and turns replies into the
 * values of the public API.
 */
final class Operations {
    /** The node ZooKeeper keeps the ensemble configuration in; never chrooted. */
    static final String CONFIG_NODE = "/zookeeper/config";

    private final Chroot chroot;
    private final List<Acl> defaultAcl;
    private final int maxFrameBytes;

    Operations(Chroot chroot, List<Acl> defaultAcl, int maxFrameBytes) {
        this.chroot = chroot;
        this.defaultAcl = List.copyOf(defaultAcl);
        this.maxFrameBytes = maxFrameBytes;
    }

    Spec<Created> create(Op.Create op) {
        validate(op.path(), op.mode().isSequential());
        Record request = createRecord(op);
        return spec(createOpCode(op.mode()), request, op.path(), Create2Response::read, null, null, false,
                value -> {
                    Create2Response response = (Create2Response) value;
                    return new Created(chroot.toClient(response.path()), response.stat());
                });
    }

    Spec<Void> delete(String path, int version) {
        validate(path, false);
        return spec(OpCode.DELETE, new DeleteRequest(chroot.toServer(path), version), path, ReplyReader.NONE, null,
                null, false, value -> null);
    }

    Spec<Stat> exists(String path, Watcher watcherOrNull) {
        validate(path, false);
        String serverPath = chroot.toServer(path);
        WatchRegistration registration = watcherOrNull == null ? null
                : new WatchRegistration(WatchRegistration.Request.EXISTS, serverPath, watcherOrNull);
        return new Spec<>(OpCode.EXISTS, new ExistsRequest(serverPath, watcherOrNull != null), path,
                ExistsResponse::read, registration, null, true, outcome -> {
                    if (outcome.code() == ErrorCode.NONODE) {
                        return null;
                    }
                    return ((ExistsResponse) valueOrThrow(outcome, path)).stat();
                });
    }

    Spec<NodeData> getData(String path, Watcher watcherOrNull) {
        validate(path, false);
        return getDataAt(path, chroot.toServer(path), watcherOrNull);
    }

    /** getData of the ensemble configuration, which ZooKeeper keeps outside any chroot. */
    Spec<NodeData> getConfig(Watcher watcherOrNull) {
        return getDataAt(CONFIG_NODE, CONFIG_NODE, watcherOrNull);
    }

    private Spec<NodeData> getDataAt(String path, String serverPath, Watcher watcherOrNull) {
        WatchRegistration registration = watcherOrNull == null ? null
                : new WatchRegistration(WatchRegistration.Request.GET_DATA, serverPath, watcherOrNull);
        return spec(OpCode.GET_DATA, new GetDataRequest(serverPath, watcherOrNull != null), path,
                GetDataResponse::read, registration, null, true, value -> {
                    GetDataResponse response = (GetDataResponse) value;
                    return new NodeData(response.data(), response.stat());
                });
    }

    Spec<Stat> setData(String path, byte[] data, int version) {
        validate(path, false);
        return spec(OpCode.SET_DATA, new SetDataRequest(chroot.toServer(path), data, version), path,
                SetDataResponse::read, null, null, false, value -> ((SetDataResponse) value).stat());
    }

    Spec<NodeAcl> getAcl(String path) {
        validate(path, false);
        return spec(OpCode.GET_ACL, new GetAclRequest(chroot.toServer(path)), path, GetAclResponse::read, null,
                null, true, value -> {
                    GetAclResponse response = (GetAclResponse) value;
                    return new NodeAcl(response.acl(), response.stat());
                });
    }

    Spec<Stat> setAcl(String path, List<Acl> acl, int version) {
        validate(path, false);
        Objects.requireNonNull(acl, "acl");
        return spec(OpCode.SET_ACL, new SetAclRequest(chroot.toServer(path), acl, version), path,
                SetAclResponse::read, null, null, false, value -> ((SetAclResponse) value).stat());
    }

    Spec<Children> getChildren(String path, Watcher watcherOrNull) {
        validate(path, false);
        String serverPath = chroot.toServer(path);
        WatchRegistration registration = watcherOrNull == null ? null
                : new WatchRegistration(WatchRegistration.Request.GET_CHILDREN, serverPath, watcherOrNull);
        return spec(OpCode.GET_CHILDREN2, new GetChildren2Request(serverPath, watcherOrNull != null), path,
                GetChildren2Response::read, registration, null, true, value -> {
                    GetChildren2Response response = (GetChildren2Response) value;
                    return new Children(response.children(), response.stat());
                });
    }

    Spec<Void> sync(String path) {
        validate(path, false);
        return spec(OpCode.SYNC, new SyncRequest(chroot.toServer(path)), path, ReplyReader.NONE, null, null, true,
                value -> null);
    }

    Spec<Void> addWatch(String path, Watcher watcher, AddWatchMode mode) {
        validate(path, false);
        Objects.requireNonNull(watcher, "watcher");
        String serverPath = chroot.toServer(path);
        WatchRegistration.Request request = mode == AddWatchMode.PERSISTENT
                ? WatchRegistration.Request.PERSISTENT : WatchRegistration.Request.PERSISTENT_RECURSIVE;
        return spec(OpCode.ADD_WATCH, new AddWatchRequest(serverPath, mode.code()), path, ReplyReader.NONE,
                new WatchRegistration(request, serverPath, watcher), null, true, value -> null);
    }

    /**
     * Removes one watcher's watches of a type. As ZooKeeper's client does, the server is only
     * asked whether it holds such a watch (checkWatches): other watchers of this client may share
     * the server's watch.
     */
    Spec<Void> removeWatches(String path, Watcher watcher, WatcherType type, boolean local) {
        validate(path, false);
        Objects.requireNonNull(watcher, "watcher");
        String serverPath = chroot.toServer(path);
        return spec(OpCode.CHECK_WATCHES, new CheckWatchesRequest(serverPath, type.code()), path, ReplyReader.NONE,
                null, new WatchRemoval(serverPath, watcher, type, local), false, value -> null);
    }

    /** Removes every watch of a type on the path, on the server and here. */
    Spec<Void> removeAllWatches(String path, WatcherType type, boolean local) {
        validate(path, false);
        String serverPath = chroot.toServer(path);
        return spec(OpCode.REMOVE_WATCHES, new RemoveWatchesRequest(serverPath, type.code()), path,
                ReplyReader.NONE, null, new WatchRemoval(serverPath, null, type, local), false, value -> null);
    }

    /**
     * The paths of this session's ephemeral nodes that start with {@code prefix} (a plain string
     * prefix, as the server applies it; "" or "/" for all). Unlike ZooKeeper's client, the chroot
     * applies: the prefix is taken below it and the paths come back without it.
     */
    Spec<List<String>> getEphemerals(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String serverPrefix;
        if (chroot.isNone()) {
            serverPrefix = prefix;
        } else {
            serverPrefix = prefix.isBlank() || prefix.equals("/") ? chroot.toServer("/") : chroot.toServer(prefix);
        }
        String chrootPath = chroot.toServer("/");
        return spec(OpCode.GET_EPHEMERALS, new GetEphemeralsRequest(serverPrefix), prefix,
                GetEphemeralsResponse::read, null, null, true, value -> {
                    List<String> paths = new ArrayList<>();
                    for (String serverPath : ((GetEphemeralsResponse) value).ephemerals()) {
                        if (chroot.isNone()) {
                            paths.add(serverPath);
                        } else if (serverPath.equals(chrootPath) || serverPath.startsWith(chrootPath + "/")) {
                            paths.add(chroot.toClient(serverPath));
                        }
                    }
                    return paths;
                });
    }

    Spec<Integer> getAllChildrenNumber(String path) {
        validate(path, false);
        return spec(OpCode.GET_ALL_CHILDREN_NUMBER, new GetAllChildrenNumberRequest(chroot.toServer(path)), path,
                GetAllChildrenNumberResponse::read, null, null, true,
                value -> ((GetAllChildrenNumberResponse) value).totalNumber());
    }

    Spec<List<ClientInfo>> whoAmI() {
        return spec(OpCode.WHO_AM_I, null, null, WhoAmIResponse::read, null, null, true,
                value -> ((WhoAmIResponse) value).clientInfo());
    }

    /**
     * Warden's transferLeadership extension: the leader hands leadership to {@code serverId}. Not
     * idempotent (a second one while the first runs is refused), so never retried.
     */
    Spec<Void> transferLeadership(long serverId) {
        return spec(OpCode.WARDEN_TRANSFER_LEADERSHIP, new TransferLeadershipRequest(serverId), null,
                ReplyReader.NONE, null, null, false, value -> null);
    }

    /** reconfig (ZooKeeperAdmin): the new configuration and the Stat of {@code /zookeeper/config}. */
    Spec<NodeData> reconfig(String joiningServers, String leavingServers, String newMembers, long fromConfigId) {
        return spec(OpCode.RECONFIG, new ReconfigRequest(joiningServers, leavingServers, newMembers, fromConfigId),
                CONFIG_NODE, GetDataResponse::read, null, null, false, value -> {
                    GetDataResponse response = (GetDataResponse) value;
                    return new NodeData(response.data(), response.stat());
                });
    }

    /**
     * A multi (all writes, atomic) or a multiRead (all reads, each on its own). A failed multi is a
     * WardenException with the first failing op's code and every op's result.
     */
    Spec<List<OpResult>> multi(List<Op> ops) {
        Objects.requireNonNull(ops, "ops");
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("a multi needs at least one op");
        }
        boolean reads = ops.get(0).isRead();
        List<MultiRequest.Op> wireOps = new ArrayList<>();
        for (Op op : ops) {
            if (op.isRead() != reads) {
                throw new IllegalArgumentException("a multi is all writes or all reads, not both: " + ops);
            }
            wireOps.add(wireOp(op));
        }
        int opCode = reads ? OpCode.MULTI_READ : OpCode.MULTI;
        return new Spec<>(opCode, new MultiRequest(wireOps), null, MultiResponse::read, null, null, reads,
                outcome -> {
                    MultiResponse response = (MultiResponse) valueOrThrow(outcome, null);
                    List<OpResult> results = new ArrayList<>();
                    for (MultiResponse.Result result : response.results()) {
                        results.add(opResult(result));
                    }
                    if (!reads) {
                        throwIfMultiFailed(ops, results);
                    }
                    return results;
                });
    }

    /** Fails fast, before anything is sent, when the request is larger than a server accepts. */
    <T> Spec<T> checkedSize(Spec<T> spec) {
        long bytes = Frames.requestSize(new RequestHeader(0, spec.opCode()), spec.request()) - 4;
        if (bytes > maxFrameBytes) {
            throw new WardenException(ErrorCode.BADARGUMENTS, spec.path(), "the request is " + bytes
                    + " bytes, more than the " + maxFrameBytes + " a server accepts (maxFrameBytes, jute.maxbuffer)");
        }
        return spec;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private <T> Spec<T> spec(int opCode, Record request, String path, ReplyReader reader,
            WatchRegistration registration, WatchRemoval removal, boolean idempotent, Function<Object, T> convert) {
        return new Spec<>(opCode, request, path, reader, registration, removal, idempotent,
                outcome -> convert.apply(valueOrThrow(outcome, path)));
    }

    private static Object valueOrThrow(Outcome outcome, String path) {
        if (!outcome.isOk()) {
            throw new WardenException(outcome.code(), path, outcome.detail());
        }
        return outcome.value();
    }

    private static void validate(String path, boolean sequential) {
        String problem = ZnodePaths.problem(sequential && path != null ? path + "1" : path);
        if (problem != null) {
            throw new IllegalArgumentException("invalid path " + path + ": " + problem);
        }
    }

    private static int createOpCode(CreateMode mode) {
        if (mode.isContainer()) {
            return OpCode.CREATE_CONTAINER;
        }
        return mode.isTtl() ? OpCode.CREATE_TTL : OpCode.CREATE2;
    }

    private Record createRecord(Op.Create op) {
        String serverPath = chroot.toServer(op.path());
        List<Acl> acl = op.acl() == null ? defaultAcl : op.acl();
        if (op.mode().isTtl()) {
            return new CreateTtlRequest(serverPath, op.data(), acl, op.mode().flag(), op.ttlMs());
        }
        return new CreateRequest(serverPath, op.data(), acl, op.mode().flag());
    }

    private MultiRequest.Op wireOp(Op op) {
        if (op instanceof Op.Create create) {
            validate(create.path(), create.mode().isSequential());
            return new MultiRequest.Op(createOpCode(create.mode()), createRecord(create));
        }
        validate(op.path(), false);
        String serverPath = chroot.toServer(op.path());
        if (op instanceof Op.Delete delete) {
            return new MultiRequest.Op(OpCode.DELETE, new DeleteRequest(serverPath, delete.version()));
        } else if (op instanceof Op.SetData setData) {
            return new MultiRequest.Op(OpCode.SET_DATA, new SetDataRequest(serverPath, setData.data(),
                    setData.version()));
        } else if (op instanceof Op.Check check) {
            return new MultiRequest.Op(OpCode.CHECK, new CheckVersionRequest(serverPath, check.version()));
        } else if (op instanceof Op.GetData) {
            return new MultiRequest.Op(OpCode.GET_DATA, new GetDataRequest(serverPath, false));
        } else if (op instanceof Op.GetChildren) {
            return new MultiRequest.Op(OpCode.GET_CHILDREN, new GetChildrenRequest(serverPath, false));
        }
        throw new IllegalStateException("an Op this client does not know: " + op);
    }

    private OpResult opResult(MultiResponse.Result result) {
        if (result instanceof MultiResponse.CreateResult created) {
            return new OpResult.CreateResult(chroot.toClient(created.path()), null);
        } else if (result instanceof MultiResponse.Create2Result created) {
            return new OpResult.CreateResult(chroot.toClient(created.path()), created.stat());
        } else if (result instanceof MultiResponse.DeleteResult) {
            return new OpResult.DeleteResult();
        } else if (result instanceof MultiResponse.SetDataResult set) {
            return new OpResult.SetDataResult(set.stat());
        } else if (result instanceof MultiResponse.CheckResult) {
            return new OpResult.CheckResult();
        } else if (result instanceof MultiResponse.GetDataResult data) {
            return new OpResult.GetDataResult(new NodeData(data.data(), data.stat()));
        } else if (result instanceof MultiResponse.GetChildrenResult children) {
            return new OpResult.GetChildrenResult(children.children());
        } else if (result instanceof MultiResponse.ErrorResult error) {
            ErrorCode code = ErrorCode.of(error.err());
            return new OpResult.ErrorResult(code == null ? ErrorCode.SYSTEMERROR : code);
        }
        throw new IllegalStateException("a multi result this client does not know: " + result);
    }

    private static void throwIfMultiFailed(List<Op> ops, List<OpResult> results) {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof OpResult.ErrorResult error && error.code() != ErrorCode.OK) {
                String path = i < ops.size() ? ops.get(i).path() : null;
                throw new WardenException(error.code(), path, "op " + i + " of the multi failed; nothing was applied",
                        results);
            }
        }
    }
}
