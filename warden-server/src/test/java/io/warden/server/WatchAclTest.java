package io.warden.server;

import static io.warden.server.CoreHarness.notifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.warden.server.CoreHarness.Client;
import io.warden.tree.acl.Digests;
import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.OpCode;
import io.warden.wire.Perms;
import io.warden.wire.Xids;
import io.warden.wire.proto.AddWatchRequest;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.ExistsRequest;
import org.junit.jupiter.api.Test;

/** A watch event is delivered only to connections with READ on the node (§5.2). */
class WatchAclTest {
    private static final List<Acl> ALICE_ONLY = List.of(new Acl(Perms.ALL, new Id("digest",
            Digests.idFor("alice:secret"))));

    private static Client alice(CoreHarness h) {
        Client alice = h.connect();
        h.request(alice.connId(), Xids.AUTH, OpCode.AUTH,
                new AuthPacket(0, "digest", "alice:secret".getBytes(StandardCharsets.UTF_8)));
        return alice;
    }

    @Test
    void recursiveWatcherWithoutReadIsNotToldAboutAProtectedNode() {
        CoreHarness h = new CoreHarness();
        Client alice = alice(h);
        Client snoop = h.connect();
        h.request(snoop.connId(), 1, OpCode.ADD_WATCH, new AddWatchRequest("/", 1));

        List<ServerOutput> open = h.create(alice.connId(), 1, "/open", 0);
        assertThat(notifications(open, snoop.connId())).as("control: an open node is reported").hasSize(1);

        List<ServerOutput> secret = h.request(alice.connId(), 2, OpCode.CREATE,
                new CreateRequest("/secret", new byte[0], ALICE_ONLY, 0));
        assertThat(notifications(secret, snoop.connId())).isEmpty();
    }

    @Test
    void existsWatcherWithoutReadIsNotToldAboutAProtectedNode() {
        CoreHarness h = new CoreHarness();
        Client alice = alice(h);
        Client snoop = h.connect();
        h.request(snoop.connId(), 1, OpCode.EXISTS, new ExistsRequest("/secret", true));
        List<ServerOutput> out = h.request(alice.connId(), 1, OpCode.CREATE,
                new CreateRequest("/secret", new byte[0], ALICE_ONLY, 0));
        assertThat(notifications(out, snoop.connId())).isEmpty();
    }
}
