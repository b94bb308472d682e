package io.warden.server;

import static io.warden.server.CoreHarness.connectResponse;
import static io.warden.server.CoreHarness.notifications;
import static io.warden.server.CoreHarness.replies;
import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.server.CoreHarness.Client;
import io.warden.server.ServerOutput.SendReply;
import io.warden.wire.OpCode;
import io.warden.wire.ReplyHeader;
import io.warden.wire.proto.EmptyBody;
import io.warden.wire.proto.ExistsRequest;
import io.warden.wire.proto.WatcherEvent;
import org.junit.jupiter.api.Test;

/** closeSession (-11): header-only reply with err 0, then the close; ephemerals go (§2.4). */
class CloseSessionRequestTest {

    @Test
    void closeSessionRepliesThenClosesAndDeletesEphemerals() {
        CoreHarness h = new CoreHarness();
        Client owner = h.connect();
        Client watcher = h.connect();
        h.create(owner.connId(), 1, "/e", 1);
        h.request(watcher.connId(), 1, OpCode.EXISTS, new ExistsRequest("/e", true));

        List<ServerOutput> out = h.request(owner.connId(), 9, OpCode.CLOSE_SESSION, EmptyBody.INSTANCE);

        long zxid = h.core.lastZxid();
        assertThat(to(out, owner.connId())).containsExactly(
                new SendReply(owner.connId(), new ReplyHeader(9, zxid, 0), null),
                new ServerOutput.CloseConnection(owner.connId()));
        assertThat(notifications(out, watcher.connId())).singleElement()
                .satisfies(n -> assertThat(n.event()).isEqualTo(new WatcherEvent(2, 3, "/e")));
        assertThat(h.core.tree().ephemeralsOf(owner.sessionId())).isEmpty();
        assertThat(h.core.tree().sessions()).doesNotContainKey(owner.sessionId());
    }

    @Test
    void closedSessionCannotBeResumed() {
        CoreHarness h = new CoreHarness();
        Client owner = h.connect();
        h.request(owner.connId(), 1, OpCode.CLOSE_SESSION, EmptyBody.INSTANCE);
        long conn = h.open();
        ServerOutput.SendConnectResponse refused = (ServerOutput.SendConnectResponse) to(h.handshake(conn,
                CoreHarness.resume(owner.sessionId(), owner.password(), h.core.lastZxid())), conn).get(0);
        assertThat(refused.response().timeOut()).isZero();
    }

    @Test
    void closeSessionWaitsForEarlierWritesAndKeepsReplyOrder() {
        CoreHarness h = new CoreHarness();
        Client owner = h.connect();
        h.autoCommit = false;
        h.create(owner.connId(), 1, "/a", 0);
        h.request(owner.connId(), 2, OpCode.EXISTS, new ExistsRequest("/a", false));
        h.request(owner.connId(), 3, OpCode.CLOSE_SESSION, EmptyBody.INSTANCE);
        List<SendReply> replies = replies(h.commitHeld(), owner.connId());
        assertThat(replies).extracting(r -> r.header().xid()).containsExactly(1, 2, 3);
        assertThat(replies).allMatch(r -> r.header().err() == 0);
    }

    @Test
    void requestBehindCloseSessionIsNotAnsweredBeforeTheCloseReply() {
        CoreHarness h = new CoreHarness();
        Client owner = h.connect();
        h.autoCommit = false;
        h.request(owner.connId(), 5, OpCode.CLOSE_SESSION, EmptyBody.INSTANCE);
        h.create(owner.connId(), 6, "/late", 0);
        h.commitHeld();
        List<SendReply> replies = replies(h.log, owner.connId());
        assertThat(replies).as("the first reply after closeSession is sent must be its own").isNotEmpty();
        assertThat(replies.get(0).header().xid()).isEqualTo(5);
        assertThat(h.core.tree().sessions()).doesNotContainKey(owner.sessionId());
        assertThat(connectResponse(h.log, owner.connId()).sessionId()).isEqualTo(owner.sessionId());
    }
}
