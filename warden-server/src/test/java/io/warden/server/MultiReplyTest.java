package io.warden.server;

import static io.warden.server.CoreHarness.onlyReply;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.server.CoreHarness.Client;
import io.warden.server.ServerOutput.SendReply;
import io.warden.wire.Acl;
import io.warden.wire.OpCode;
import io.warden.wire.proto.CheckVersionRequest;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.DeleteRequest;
import io.warden.wire.proto.GetChildrenRequest;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.MultiRequest;
import io.warden.wire.proto.MultiResponse;
import io.warden.wire.proto.SetDataRequest;
import org.junit.jupiter.api.Test;

/** multi (14) and multiRead (22) replies through the core (§4.4). */
class MultiReplyTest {

    private static CreateRequest create(String path) {
        return new CreateRequest(path, new byte[0], Acl.OPEN_ACL_UNSAFE, 0);
    }

    private static MultiResponse multi(CoreHarness h, long conn, int xid, int opCode, MultiRequest.Op... ops) {
        SendReply reply = onlyReply(h.request(conn, xid, opCode, new MultiRequest(List.of(ops))), conn);
        assertThat(reply.header().err()).as("a multi reply always has err 0").isZero();
        return (MultiResponse) reply.body();
    }

    @Test
    void successfulMultiHasOneTypedResultPerOp() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        MultiResponse response = multi(h, c.connId(), 1, OpCode.MULTI,
                new MultiRequest.Op(OpCode.CREATE, create("/m")),
                new MultiRequest.Op(OpCode.CREATE2, create("/m/c")),
                new MultiRequest.Op(OpCode.SET_DATA, new SetDataRequest("/m", new byte[] {1}, 0)),
                new MultiRequest.Op(OpCode.CHECK, new CheckVersionRequest("/m", 1)),
                new MultiRequest.Op(OpCode.DELETE, new DeleteRequest("/m/c", 0)));
        List<MultiResponse.Result> results = response.results();
        assertThat(results).extracting(MultiResponse.Result::type).containsExactly(1, 15, 5, 13, 2);
        assertThat(results.get(0)).isEqualTo(new MultiResponse.CreateResult("/m"));
        assertThat(((MultiResponse.Create2Result) results.get(1)).path()).isEqualTo("/m/c");
        assertThat(((MultiResponse.Create2Result) results.get(1)).stat().czxid()).isEqualTo(h.core.lastZxid());
        assertThat(((MultiResponse.SetDataResult) results.get(2)).stat().version()).isEqualTo(1);
        assertThat(h.core.tree().getChildren("/m", List.of(), null)).isInstanceOf(io.warden.tree.OpResult.ChildrenResult.class);
    }

    @Test
    void failedMultiReportsEveryOpAsAnErrorAndChangesNothing() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.create(c.connId(), 1, "/a", 0);
        long zxid = h.core.lastZxid();
        MultiResponse response = multi(h, c.connId(), 2, OpCode.MULTI,
                new MultiRequest.Op(OpCode.CREATE, create("/m1")),
                new MultiRequest.Op(OpCode.DELETE, new DeleteRequest("/missing", -1)),
                new MultiRequest.Op(OpCode.SET_DATA, new SetDataRequest("/a", null, -1)));
        assertThat(response.results()).containsExactly(new MultiResponse.ErrorResult(0),
                new MultiResponse.ErrorResult(-101), new MultiResponse.ErrorResult(-2));
        assertThat(h.core.lastZxid()).as("a failed multi still uses a zxid").isEqualTo(zxid + 1);
        assertThat(h.core.tree().exists("/m1", List.of(), null)).isNotInstanceOf(io.warden.tree.OpResult.StatResult.class);
    }

    @Test
    void multiReadAnswersEachOpOnItsOwnAndSetsNoWatch() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.create(c.connId(), 1, "/a", 0);
        long zxid = h.core.lastZxid();
        MultiResponse response = multi(h, c.connId(), 2, OpCode.MULTI_READ,
                new MultiRequest.Op(OpCode.GET_DATA, new GetDataRequest("/a", true)),
                new MultiRequest.Op(OpCode.GET_CHILDREN, new GetChildrenRequest("/missing", true)),
                new MultiRequest.Op(OpCode.GET_CHILDREN, new GetChildrenRequest("/", true)));
        assertThat(response.results()).extracting(MultiResponse.Result::type).containsExactly(4, -1, 8);
        assertThat(((MultiResponse.GetDataResult) response.results().get(0)).stat().czxid()).isEqualTo(zxid);
        assertThat(response.results().get(1)).isEqualTo(new MultiResponse.ErrorResult(-101));
        assertThat(((MultiResponse.GetChildrenResult) response.results().get(2)).children())
                .containsExactlyInAnyOrder("a", "zookeeper");
        assertThat(h.core.tree().watchCount()).isZero();
        assertThat(h.core.lastZxid()).as("multiRead is not a transaction").isEqualTo(zxid);
    }
}
