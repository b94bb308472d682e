package io.warden.server;

import static io.warden.server.CoreHarness.onlyReply;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.warden.server.CoreHarness.Client;
import io.warden.server.ServerOutput.SendReply;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.ReplyHeader;
import io.warden.wire.Xids;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.SetDataRequest;
import org.junit.jupiter.api.Test;

/** ReplyHeader.zxid and the ping reply (§3.1, §4.3 ping). */
class ReplyZxidTest {

    @Test
    void pingIsAnsweredWithXidMinusTwoAndTheLastZxid() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.create(c.connId(), 1, "/a", 0);
        SendReply reply = onlyReply(h.ping(c.connId(), Xids.PING), c.connId());
        assertThat(reply).isEqualTo(new SendReply(c.connId(), new ReplyHeader(-2, h.core.lastZxid(), 0), null));
        assertThat(h.core.lastZxid()).isEqualTo(2);
    }

    @Test
    void pingWithAnotherXidIsStillAnsweredWithMinusTwo() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        SendReply reply = onlyReply(h.ping(c.connId(), 77), c.connId());
        assertThat(reply.header()).isEqualTo(new ReplyHeader(-2, h.core.lastZxid(), 0));
    }

    @Test
    void writeReplyCarriesItsOwnZxid() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        long before = h.core.lastZxid();
        SendReply reply = onlyReply(h.create(c.connId(), 1, "/a", 0), c.connId());
        assertThat(reply.header()).isEqualTo(new ReplyHeader(1, before + 1, 0));
    }

    @Test
    void failedWriteUsesUpAZxid() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        long first = onlyReply(h.create(c.connId(), 1, "/a", 0), c.connId()).header().zxid();

        SendReply exists = onlyReply(h.create(c.connId(), 2, "/a", 0), c.connId());
        assertThat(exists.header()).isEqualTo(new ReplyHeader(2, first + 1, ErrorCode.NODEEXISTS.code()));
        assertThat(exists.body()).isNull();

        SendReply badVersion = onlyReply(h.request(c.connId(), 3, OpCode.SET_DATA,
                new SetDataRequest("/a", null, 9)), c.connId());
        assertThat(badVersion.header()).isEqualTo(new ReplyHeader(3, first + 2, ErrorCode.BADVERSION.code()));

        SendReply next = onlyReply(h.create(c.connId(), 4, "/b", 0), c.connId());
        assertThat(next.header()).isEqualTo(new ReplyHeader(4, first + 3, 0));
    }

    @Test
    void readRepliesCarryTheLastZxidSuccessOrNot() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.create(c.connId(), 1, "/a", 0);
        long last = h.core.lastZxid();
        assertThat(onlyReply(h.request(c.connId(), 2, OpCode.GET_DATA, new GetDataRequest("/a", false)),
                c.connId()).header()).isEqualTo(new ReplyHeader(2, last, 0));
        SendReply missing = onlyReply(h.request(c.connId(), 3, OpCode.GET_DATA, new GetDataRequest("/nope", false)),
                c.connId());
        assertThat(missing.header()).isEqualTo(new ReplyHeader(3, last, ErrorCode.NONODE.code()));
        assertThat(missing.body()).as("no body on error").isNull();
    }

    @Test
    void authReplyHasZxidZero() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.create(c.connId(), 1, "/a", 0);
        SendReply reply = onlyReply(h.request(c.connId(), Xids.AUTH, OpCode.AUTH,
                new AuthPacket(0, "digest", "u:p".getBytes(StandardCharsets.UTF_8))), c.connId());
        assertThat(reply).isEqualTo(new SendReply(c.connId(), new ReplyHeader(-4, 0, 0), null));
    }

    @Test
    void createSessionAfterTheHandshakeIsAMarshallingErrorThatUsesAZxid() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        long before = h.core.lastZxid();
        SendReply reply = onlyReply(h.request(c.connId(), 4, OpCode.CREATE_SESSION,
                io.warden.wire.proto.EmptyBody.INSTANCE), c.connId());
        assertThat(reply.header()).isEqualTo(new ReplyHeader(4, before + 1, ErrorCode.MARSHALLINGERROR.code()));
        assertThat(h.closes(h.log, c.connId())).isFalse();
    }

    @Test
    void aMultiThatDoesNotDecodeUsesAZxidButOtherBodiesDoNot() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        long before = h.core.lastZxid();
        SendReply create = onlyReply(h.bad(c.connId(), 5, OpCode.CREATE, ErrorCode.MARSHALLINGERROR), c.connId());
        assertThat(create.header()).isEqualTo(new ReplyHeader(5, before, ErrorCode.MARSHALLINGERROR.code()));
        SendReply multi = onlyReply(h.bad(c.connId(), 6, OpCode.MULTI, ErrorCode.MARSHALLINGERROR), c.connId());
        assertThat(multi.header()).isEqualTo(new ReplyHeader(6, before + 1, ErrorCode.MARSHALLINGERROR.code()));
    }
}
