package io.warden.server;

import static io.warden.server.CoreHarness.onlyReply;
import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.server.CoreHarness.Client;
import io.warden.server.ServerOutput.SendReply;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.ReplyHeader;
import io.warden.wire.proto.CreateResponse;
import io.warden.wire.proto.ExistsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests that cannot be served: UNIMPLEMENTED closes, MARSHALLINGERROR does not (§1.2, §4.1). */
class BadRequestTest {

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {0, 10, 13, 999, -10, -1})
    void unimplementedIsAnsweredWithZxidMinusOneThenClosed(int opCode) {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        List<ServerOutput> out = h.bad(c.connId(), 7, opCode, ErrorCode.UNIMPLEMENTED);
        assertThat(to(out, c.connId())).containsExactly(
                new SendReply(c.connId(), new ReplyHeader(7, -1, ErrorCode.UNIMPLEMENTED.code()), null),
                new ServerOutput.CloseConnection(c.connId()));
    }

    @Test
    void requestsAfterUnimplementedAreIgnored() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.bad(c.connId(), 7, 10, ErrorCode.UNIMPLEMENTED);
        assertThat(to(h.create(c.connId(), 8, "/a", 0), c.connId())).isEmpty();
        assertThat(h.core.tree().nodeCount()).isEqualTo(4);
    }

    @Test
    void marshallingErrorIsAnsweredAndTheConnectionStaysUsable() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        long zxid = h.core.lastZxid();
        List<ServerOutput> out = h.bad(c.connId(), 7, OpCode.CREATE, ErrorCode.MARSHALLINGERROR);
        assertThat(to(out, c.connId())).containsExactly(
                new SendReply(c.connId(), new ReplyHeader(7, zxid, ErrorCode.MARSHALLINGERROR.code()), null));

        SendReply next = onlyReply(h.create(c.connId(), 8, "/a", 0), c.connId());
        assertThat(next.header().err()).isZero();
        assertThat(next.body()).isEqualTo(new CreateResponse("/a"));
    }

    @Test
    void marshallingErrorKeepsItsPlaceInTheQueue() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.autoCommit = false;
        h.create(c.connId(), 1, "/a", 0);
        h.bad(c.connId(), 2, OpCode.SET_DATA, ErrorCode.MARSHALLINGERROR);
        h.request(c.connId(), 3, OpCode.EXISTS, new ExistsRequest("/a", false));
        List<SendReply> replies = CoreHarness.replies(h.commitHeld(), c.connId());
        assertThat(replies).extracting(r -> r.header().xid()).containsExactly(1, 2, 3);
        assertThat(replies).extracting(r -> r.header().err()).containsExactly(0, -5, 0);
    }
}
