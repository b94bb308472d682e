package io.warden.server;

import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.EmptyBody;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.SyncRequest;
import org.junit.jupiter.api.Test;

/** A read-only core (an ensemble member cut off from its quorum): reads for clients that allow it. */
class ReadOnlyModeTest {

    private static ServerOutput.SendReply reply(List<ServerOutput> out, long connId) {
        return to(out, connId).stream().filter(o -> o instanceof ServerOutput.SendReply)
                .map(o -> (ServerOutput.SendReply) o).findFirst().orElseThrow();
    }

    @Test
    void clientsThatAllowItReadAndEveryWriteGetsNotReadOnly() {
        CoreHarness h = new CoreHarness();
        CoreHarness.Client writer = h.connect();
        h.create(writer.connId(), 1, "/kept", 0);
        h.core.serveReadOnly();

        long strict = h.open();
        assertThat(h.handshake(strict, CoreHarness.newSession(10_000)))
                .as("a client that needs a writable server is refused")
                .contains(new ServerOutput.CloseConnection(strict));

        long reader = h.open();
        List<ServerOutput> out = h.handshake(reader, new ConnectRequest(0, 0, 10_000, 0, new byte[16], true, false));
        ServerOutput.SendConnectResponse response = (ServerOutput.SendConnectResponse) to(out, reader).get(0);
        assertThat(response.response().readOnly()).isTrue();
        assertThat(response.response().sessionId()).isNotZero();
        assertThat(out).noneMatch(o -> o instanceof ServerOutput.Propose);

        assertThat(reply(h.request(reader, 2, OpCode.GET_DATA, new GetDataRequest("/kept", false)), reader)
                .header().err()).isZero();
        assertThat(reply(h.request(reader, 3, OpCode.CREATE,
                new CreateRequest("/new", new byte[0], Acl.OPEN_ACL_UNSAFE, 0)), reader).header().err())
                .isEqualTo(ErrorCode.NOTREADONLY.code());
        assertThat(reply(h.request(reader, 4, OpCode.SYNC, new SyncRequest("/")), reader).header().err())
                .isEqualTo(ErrorCode.NOTREADONLY.code());
        List<ServerOutput> closed = h.request(reader, 5, OpCode.CLOSE_SESSION, EmptyBody.INSTANCE);
        assertThat(reply(closed, reader).header().err()).isZero();
        assertThat(closed).contains(new ServerOutput.CloseConnection(reader)).noneMatch(o -> o instanceof ServerOutput.Propose);
        assertThat(h.core.tree().sessions()).as("nothing was written").doesNotContainKey(response.response().sessionId());
    }
}
