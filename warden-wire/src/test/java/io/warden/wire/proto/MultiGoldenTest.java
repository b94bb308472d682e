package io.warden.wire.proto;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.wire.JuteInput;
import io.warden.wire.OpCode;
import io.warden.wire.Stat;
import io.warden.wire.testing.Hex;
import io.warden.wire.testing.Seeds;
import io.warden.wire.testing.Zk;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.MultiOperationRecord;
import org.apache.zookeeper.Op;
import org.junit.jupiter.api.Test;

/** multi (14) and multiRead (22) bodies against ZooKeeper's records and its MultiOperationRecord/MultiResponse. */
class MultiGoldenTest {
    private static final int ITERATIONS = 400;

    @Test
    void writeMultiMatchesZooKeeperRecords() {
        Seeds.repeat("multi", ITERATIONS, g -> {
            MultiRequest ours = MultiSamples.request(g, false);
            byte[] expected = MultiSamples.zooKeeperBytes(ours);
            assertThat(Hex.of(ours.toBytes())).isEqualTo(Hex.of(expected));
            JuteInput in = new JuteInput(expected);
            assertThat(MultiRequest.read(in, false)).isEqualTo(ours);
            assertThat(in.remaining()).isZero();
        });
    }

    @Test
    void readMultiMatchesZooKeeperRecords() {
        Seeds.repeat("multiRead", ITERATIONS, g -> {
            MultiRequest ours = MultiSamples.request(g, true);
            byte[] expected = MultiSamples.zooKeeperBytes(ours);
            assertThat(Hex.of(ours.toBytes())).isEqualTo(Hex.of(expected));
            assertThat(MultiRequest.read(new JuteInput(expected), true)).isEqualTo(ours);
        });
    }

    @Test
    void zooKeeperClientMultiReadsBack() {
        Seeds.repeat("MultiOperationRecord", ITERATIONS, g -> {
            List<Op> theirs = new ArrayList<>();
            List<MultiRequest.Op> ours = new ArrayList<>();
            boolean reads = g.bool();
            for (int i = g.nextInt(6); i > 0; i--) {
                String path = g.nonNullString();
                byte[] data = g.bytes();
                int version = g.anyInt();
                List<io.warden.wire.Acl> acl = MultiSamples.nonNull(g.acls());
                int choice = g.nextInt(reads ? 2 : 6);
                if (reads) {
                    theirs.add(choice == 0 ? Op.getData(path) : Op.getChildren(path));
                    ours.add(choice == 0 ? new MultiRequest.Op(OpCode.GET_DATA, new GetDataRequest(path, false))
                            : new MultiRequest.Op(OpCode.GET_CHILDREN, new GetChildrenRequest(path, false)));
                } else if (choice == 0) {
                    int flags = g.nextInt(4);
                    theirs.add(Op.create(path, data, Zk.acls(acl), flags));
                    ours.add(new MultiRequest.Op(OpCode.CREATE, new CreateRequest(path, data, acl, flags)));
                } else if (choice == 1) {
                    long ttl = 1 + g.nextInt(1_000_000);
                    int flags = g.pick(5, 6);
                    theirs.add(Op.create(path, data, Zk.acls(acl), flags, ttl));
                    ours.add(new MultiRequest.Op(OpCode.CREATE_TTL, new CreateTtlRequest(path, data, acl, flags, ttl)));
                } else if (choice == 2) {
                    theirs.add(Op.create(path, data, Zk.acls(acl), 4));
                    ours.add(new MultiRequest.Op(OpCode.CREATE_CONTAINER, new CreateRequest(path, data, acl, 4)));
                } else if (choice == 3) {
                    theirs.add(Op.delete(path, version));
                    ours.add(new MultiRequest.Op(OpCode.DELETE, new DeleteRequest(path, version)));
                } else if (choice == 4) {
                    theirs.add(Op.setData(path, data, version));
                    ours.add(new MultiRequest.Op(OpCode.SET_DATA, new SetDataRequest(path, data, version)));
                } else {
                    theirs.add(Op.check(path, version));
                    ours.add(new MultiRequest.Op(OpCode.CHECK, new CheckVersionRequest(path, version)));
                }
            }
            byte[] bytes = Zk.bytes(new MultiOperationRecord(theirs));
            MultiRequest expected = new MultiRequest(ours);
            assertThat(Hex.of(expected.toBytes())).isEqualTo(Hex.of(bytes));
            assertThat(MultiRequest.read(new JuteInput(bytes), reads)).isEqualTo(expected);
            // ZooKeeper's server-side decoder reads our bytes back to the same ops.
            MultiOperationRecord decoded = Zk.decode(expected.toBytes(), new MultiOperationRecord());
            assertThat(Hex.of(Zk.bytes(decoded))).isEqualTo(Hex.of(bytes));
        });
    }

    @Test
    void responseMatchesZooKeeperMultiResponse() {
        Seeds.repeat("MultiResponse", ITERATIONS, g -> {
            MultiResponse ours = MultiSamples.response(g);
            byte[] expected = Zk.bytes(MultiSamples.theirs(ours));
            assertThat(Hex.of(ours.toBytes())).isEqualTo(Hex.of(expected));
            JuteInput in = new JuteInput(expected);
            assertThat(MultiResponse.read(in)).isEqualTo(ours);
            assertThat(in.remaining()).isZero();
            // ZooKeeper's client decodes our bytes to the same results.
            org.apache.zookeeper.MultiResponse decoded = Zk.decode(ours.toBytes(),
                    new org.apache.zookeeper.MultiResponse());
            assertThat(Hex.of(Zk.bytes(decoded))).isEqualTo(Hex.of(expected));
        });
    }

    @Test
    void atomicFailureProbeExample() throws Exception {
        MultiResponse failed = new MultiResponse(List.of(new MultiResponse.ErrorResult(0),
                new MultiResponse.ErrorResult(-101), new MultiResponse.ErrorResult(-2)));
        byte[] expected = Hex.parse("ffffffff 00 00000000 00000000 · ffffffff 00 ffffff9b ffffff9b"
                + " · ffffffff 00 fffffffe fffffffe · ffffffff 01 ffffffff");
        assertThat(Hex.of(failed.toBytes())).isEqualTo(Hex.of(expected));
        assertThat(MultiResponse.read(new JuteInput(expected))).isEqualTo(failed);
    }

    @Test
    void emptyMultiIsJustTheTerminator() throws Exception {
        assertThat(Hex.of(new MultiRequest(List.of()).toBytes())).isEqualTo("ffffffff01ffffffff");
        assertThat(Hex.of(new MultiResponse(List.of()).toBytes())).isEqualTo("ffffffff01ffffffff");
        assertThat(MultiRequest.read(new JuteInput(Hex.parse("ffffffff01ffffffff")), false).ops()).isEmpty();
        assertThat(MultiRequest.read(new JuteInput(Hex.parse("ffffffff01ffffffff")), true).ops()).isEmpty();
    }

    @Test
    void resultTypesAreThoseOfTheReference() {
        Stat stat = new Stat(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(List.of(new MultiResponse.CreateResult("/a"), new MultiResponse.Create2Result("/a", stat),
                new MultiResponse.DeleteResult(), new MultiResponse.SetDataResult(stat),
                new MultiResponse.CheckResult(), new MultiResponse.GetDataResult(null, stat),
                new MultiResponse.GetChildrenResult(List.of()), new MultiResponse.ErrorResult(-101)))
                .extracting(MultiResponse.Result::type)
                .containsExactly(1, 15, 2, 5, 13, 4, 8, -1);
    }

    @Test
    void terminatorIsRecognisedByDoneAlone() throws Exception {
        byte[] body = Hex.parse("00000002 00 ffffffff 00000002 2f61 00000007 · 00000005 01 00000000");
        MultiRequest read = MultiRequest.read(new JuteInput(body), false);
        assertThat(read.ops()).containsExactly(new MultiRequest.Op(OpCode.DELETE, new DeleteRequest("/a", 7)));
    }
}
