package io.warden.wire.proto;

import static io.warden.wire.testing.Zk.acls;
import static io.warden.wire.testing.Zk.stat;

import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.testing.Gen;
import io.warden.wire.testing.Zk;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.OpResult;

/** Random multi requests and responses, and the same values as ZooKeeper's records. */
final class MultiSamples {
    private static final int[] WRITE_TYPES = {OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER,
        OpCode.CREATE_TTL, OpCode.DELETE, OpCode.SET_DATA, OpCode.CHECK};
    private static final int[] READ_TYPES = {OpCode.GET_DATA, OpCode.GET_CHILDREN};

    private MultiSamples() {
    }

    static MultiRequest request(Gen g, boolean readOnly) {
        int[] types = readOnly ? READ_TYPES : WRITE_TYPES;
        List<MultiRequest.Op> ops = new ArrayList<>();
        for (int i = g.nextInt(8); i > 0; i--) {
            int type = types[g.nextInt(types.length)];
            ops.add(new MultiRequest.Op(type, subRequest(g, type)));
        }
        return new MultiRequest(ops);
    }

    static Record subRequest(Gen g, int type) {
        return switch (type) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER ->
                new CreateRequest(g.string(), g.bytes(), nonNull(g.acls()), g.nextInt(7));
            case OpCode.CREATE_TTL -> new CreateTtlRequest(g.string(), g.bytes(), g.acls(), g.anyInt(), g.anyLong());
            case OpCode.DELETE -> new DeleteRequest(g.string(), g.anyInt());
            case OpCode.SET_DATA -> new SetDataRequest(g.string(), g.bytes(), g.anyInt());
            case OpCode.CHECK -> new CheckVersionRequest(g.string(), g.anyInt());
            case OpCode.GET_DATA -> new GetDataRequest(g.string(), g.bool());
            case OpCode.GET_CHILDREN -> new GetChildrenRequest(g.string(), g.bool());
            default -> throw new IllegalArgumentException("type " + type);
        };
    }

    /** A multi create must carry an ACL vector; ZooKeeper's decoder fails on a null one. */
    static <T> List<T> nonNull(List<T> values) {
        return values == null ? List.of() : values;
    }

    /** The multi request's bytes, built from ZooKeeper's MultiHeader and request records. */
    static byte[] zooKeeperBytes(MultiRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MultiRequest.Op op : request.ops()) {
            out.writeBytes(Zk.bytes(new org.apache.zookeeper.proto.MultiHeader(op.type(), false, -1)));
            out.writeBytes(Zk.bytes(theirs(op.request())));
        }
        out.writeBytes(Zk.bytes(new org.apache.zookeeper.proto.MultiHeader(-1, true, -1)));
        return out.toByteArray();
    }

    private static org.apache.jute.Record theirs(Record request) {
        if (request instanceof CreateRequest r) {
            return new org.apache.zookeeper.proto.CreateRequest(r.path(), r.data(), acls(r.acl()), r.flags());
        } else if (request instanceof CreateTtlRequest r) {
            return new org.apache.zookeeper.proto.CreateTTLRequest(r.path(), r.data(), acls(r.acl()), r.flags(),
                    r.ttl());
        } else if (request instanceof DeleteRequest r) {
            return new org.apache.zookeeper.proto.DeleteRequest(r.path(), r.version());
        } else if (request instanceof SetDataRequest r) {
            return new org.apache.zookeeper.proto.SetDataRequest(r.path(), r.data(), r.version());
        } else if (request instanceof CheckVersionRequest r) {
            return new org.apache.zookeeper.proto.CheckVersionRequest(r.path(), r.version());
        } else if (request instanceof GetDataRequest r) {
            return new org.apache.zookeeper.proto.GetDataRequest(r.path(), r.watch());
        } else if (request instanceof GetChildrenRequest r) {
            return new org.apache.zookeeper.proto.GetChildrenRequest(r.path(), r.watch());
        }
        throw new IllegalArgumentException("not a multi sub-op: " + request);
    }

    static MultiResponse response(Gen g) {
        List<MultiResponse.Result> results = new ArrayList<>();
        for (int i = g.nextInt(8); i > 0; i--) {
            results.add(switch (g.nextInt(8)) {
                case 0 -> new MultiResponse.CreateResult(g.string());
                case 1 -> new MultiResponse.Create2Result(g.string(), g.stat());
                case 2 -> new MultiResponse.DeleteResult();
                case 3 -> new MultiResponse.SetDataResult(g.stat());
                case 4 -> new MultiResponse.CheckResult();
                case 5 -> new MultiResponse.GetDataResult(g.bytes(), g.stat());
                case 6 -> new MultiResponse.GetChildrenResult(g.strings());
                default -> new MultiResponse.ErrorResult(g.anyInt());
            });
        }
        return new MultiResponse(results);
    }

    /** The same results as ZooKeeper's MultiResponse. */
    static org.apache.zookeeper.MultiResponse theirs(MultiResponse response) {
        org.apache.zookeeper.MultiResponse theirs = new org.apache.zookeeper.MultiResponse();
        for (MultiResponse.Result result : response.results()) {
            theirs.add(theirs(result));
        }
        return theirs;
    }

    private static OpResult theirs(MultiResponse.Result result) {
        if (result instanceof MultiResponse.CreateResult r) {
            return new OpResult.CreateResult(r.path());
        } else if (result instanceof MultiResponse.Create2Result r) {
            return new OpResult.CreateResult(r.path(), stat(r.stat()));
        } else if (result instanceof MultiResponse.DeleteResult) {
            return new OpResult.DeleteResult();
        } else if (result instanceof MultiResponse.SetDataResult r) {
            return new OpResult.SetDataResult(stat(r.stat()));
        } else if (result instanceof MultiResponse.CheckResult) {
            return new OpResult.CheckResult();
        } else if (result instanceof MultiResponse.GetDataResult r) {
            return new OpResult.GetDataResult(r.data(), stat(r.stat()));
        } else if (result instanceof MultiResponse.GetChildrenResult r) {
            return new OpResult.GetChildrenResult(r.children());
        }
        return new OpResult.ErrorResult(((MultiResponse.ErrorResult) result).err());
    }
}
