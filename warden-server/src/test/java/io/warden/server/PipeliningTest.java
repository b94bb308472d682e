package io.warden.server;

import static io.warden.server.CoreHarness.replies;
import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.warden.server.CoreHarness.Client;
import io.warden.server.ServerOutput.SendReply;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.ReplyHeader;
import io.warden.wire.Xids;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.ClientInfo;
import io.warden.wire.proto.CreateResponse;
import io.warden.wire.proto.EmptyBody;
import io.warden.wire.proto.ExistsRequest;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.GetDataResponse;
import io.warden.wire.proto.SetDataRequest;
import io.warden.wire.proto.WhoAmIResponse;
import org.junit.jupiter.api.Test;

/** Requests that arrive before the handshake completes, and FIFO order per connection (§2.4, §3.2). */
class PipeliningTest {

    private static List<Integer> xids(List<SendReply> replies) {
        return replies.stream().map(r -> r.header().xid()).toList();
    }

    @Test
    void requestsPipelinedBehindTheHandshakeAreAnsweredInOrderAfterIt() {
        CoreHarness h = new CoreHarness();
        h.autoCommit = false;
        long conn = h.open();
        h.handshake(conn, CoreHarness.newSession(30000));
        h.request(conn, Xids.AUTH, OpCode.AUTH,
                new AuthPacket(0, "digest", "u:p".getBytes(StandardCharsets.UTF_8)));
        h.create(conn, 1, "/a", 0);
        h.request(conn, 2, OpCode.GET_DATA, new GetDataRequest("/a", false));
        h.request(conn, 3, OpCode.WHO_AM_I, EmptyBody.INSTANCE);
        assertThat(to(h.log, conn)).as("nothing answered before the session exists").isEmpty();

        List<ServerOutput> out = h.commitHeld();

        List<ServerOutput> mine = to(out, conn);
        assertThat(mine.get(0)).isInstanceOf(ServerOutput.SendConnectResponse.class);
        List<SendReply> replies = replies(out, conn);
        assertThat(xids(replies)).containsExactly(Xids.AUTH, 1, 2, 3);
        assertThat(replies).allMatch(r -> r.header().err() == 0);
        assertThat(replies.get(1).body()).isEqualTo(new CreateResponse("/a"));
        assertThat(((WhoAmIResponse) replies.get(3).body()).clientInfo()).contains(new ClientInfo("digest", "u"));
    }

    @Test
    void unimplementedRequestBehindTheHandshakeIsAnsweredAfterTheConnectResponse() {
        CoreHarness h = new CoreHarness();
        h.autoCommit = false;
        long conn = h.open();
        h.handshake(conn, CoreHarness.newSession(30000));
        h.bad(conn, 5, 10, ErrorCode.UNIMPLEMENTED);
        h.commitHeld();

        List<ServerOutput> mine = to(h.log, conn);
        assertThat(mine).as("outputs to the connection, in order").hasSize(3);
        assertThat(mine.get(0)).isInstanceOf(ServerOutput.SendConnectResponse.class);
        assertThat(mine.get(1)).isEqualTo(new SendReply(conn, new ReplyHeader(5, -1, -6), null));
        assertThat(mine.get(2)).isEqualTo(new ServerOutput.CloseConnection(conn));
    }

    @Test
    void readQueuedBehindAWriteSeesTheWrite() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.autoCommit = false;
        h.create(c.connId(), 1, "/a", 0);
        List<ServerOutput> early = h.request(c.connId(), 2, OpCode.GET_DATA, new GetDataRequest("/a", false));
        h.request(c.connId(), 3, OpCode.EXISTS, new ExistsRequest("/a", false));
        assertThat(replies(early, c.connId())).as("the read waits for the write").isEmpty();

        List<SendReply> replies = replies(h.commitHeld(), c.connId());

        assertThat(xids(replies)).containsExactly(1, 2, 3);
        assertThat(replies).allMatch(r -> r.header().err() == 0);
        assertThat(((GetDataResponse) replies.get(1).body()).stat().czxid()).isEqualTo(replies.get(0).header().zxid());
    }

    @Test
    void pipelinedWritesAndReadsAreAnsweredInRequestOrder() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.autoCommit = false;
        h.create(c.connId(), 1, "/a", 0);
        h.request(c.connId(), 2, OpCode.GET_DATA, new GetDataRequest("/a", false));
        h.create(c.connId(), 3, "/b", 0);
        h.request(c.connId(), 4, OpCode.SET_DATA, new SetDataRequest("/a", new byte[] {1}, 0));
        h.request(c.connId(), 5, OpCode.GET_DATA, new GetDataRequest("/a", false));

        List<SendReply> replies = replies(h.commitHeld(), c.connId());

        assertThat(xids(replies)).containsExactly(1, 2, 3, 4, 5);
        assertThat(replies).allMatch(r -> r.header().err() == 0);
        assertThat(((GetDataResponse) replies.get(1).body()).stat().version()).isZero();
        assertThat(((GetDataResponse) replies.get(4).body()).data()).containsExactly(1);
        assertThat(replies.get(2).header().zxid()).isLessThan(replies.get(3).header().zxid());
    }

    @Test
    void readWithNothingInFlightIsAnsweredAtOnce() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.autoCommit = false;
        List<ServerOutput> out = h.request(c.connId(), 1, OpCode.EXISTS, new ExistsRequest("/zookeeper", false));
        assertThat(replies(out, c.connId())).singleElement().satisfies(r -> assertThat(r.header().err()).isZero());
    }

    @Test
    void anotherConnectionsWriteInFlightDoesNotBlockReads() {
        CoreHarness h = new CoreHarness();
        Client writer = h.connect();
        Client reader = h.connect();
        h.autoCommit = false;
        h.create(writer.connId(), 1, "/a", 0);
        List<ServerOutput> out = h.request(reader.connId(), 1, OpCode.EXISTS, new ExistsRequest("/a", false));
        assertThat(replies(out, reader.connId())).singleElement()
                .satisfies(r -> assertThat(r.header().err()).isEqualTo(ErrorCode.NONODE.code()));
    }
}
