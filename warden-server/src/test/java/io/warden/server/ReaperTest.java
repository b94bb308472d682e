package io.warden.server;

import static io.warden.server.CoreHarness.notifications;
import static io.warden.server.CoreHarness.proposals;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.warden.server.CoreHarness.Client;
import io.warden.tree.TxnOp;
import io.warden.tree.WatchEvent;
import io.warden.wire.Acl;
import io.warden.wire.OpCode;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.DeleteRequest;
import io.warden.wire.proto.ExistsRequest;

/** The core deletes empty containers through the write path on the reaper's schedule. */
class ReaperTest {

    @Test
    void anEmptiedContainerIsDeletedAtTheNextCheckAndWatchersHearOfIt() {
        CoreHarness h = new CoreHarness();
        Client c = h.connect();
        h.request(c.connId(), 1, OpCode.CREATE_CONTAINER, new CreateRequest("/c", new byte[0], Acl.OPEN_ACL_UNSAFE, 4));
        h.create(c.connId(), 2, "/c/x", 0);
        h.request(c.connId(), 3, OpCode.DELETE, new DeleteRequest("/c/x", -1));
        h.request(c.connId(), 4, OpCode.EXISTS, new ExistsRequest("/c", true));

        long intervalMs = CoreConfig.ReaperSettings.DEFAULTS.checkIntervalMs();
        long stepMs = 10_000;
        for (long elapsed = stepMs; elapsed < intervalMs; elapsed += stepMs) {
            h.ping(c.connId(), -2);
            assertThat(proposals(h.tick(stepMs))).as("at %d ms", elapsed).isEmpty();
        }
        h.ping(c.connId(), -2);
        List<ServerOutput> due = h.tick(stepMs);
        assertThat(proposals(due)).extracting(p -> p.txn().op())
                .containsExactly(new TxnOp.Delete("/c", -1, true));
        assertThat(notifications(due, c.connId())).extracting(n -> n.event().type(), n -> n.event().path())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WatchEvent.NODE_DELETED, "/c"));
    }
}
