package io.warden.server;

import static io.warden.server.CoreHarness.closes;
import static io.warden.server.CoreHarness.connectResponse;
import static io.warden.server.CoreHarness.notifications;
import static io.warden.server.CoreHarness.proposals;
import static io.warden.server.CoreHarness.replies;
import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.server.CoreHarness.Client;
import io.warden.tree.TxnOp;
import io.warden.wire.OpCode;
import io.warden.wire.proto.ExistsRequest;
import io.warden.wire.proto.WatcherEvent;
import org.junit.jupiter.api.Test;

/** A session with no traffic for its negotiated timeout expires; traffic keeps it alive (§2.4). */
class SessionExpiryTest {
    private static final int TIMEOUT = CoreHarness.MIN_TIMEOUT_MS;

    private static boolean closesSession(List<ServerOutput> out, long sessionId) {
        return proposals(out).stream().anyMatch(p -> p.txn().op().equals(new TxnOp.CloseSession(sessionId)));
    }

    @Test
    void silentSessionExpiresDeletingEphemeralsAndClosingItsConnection() {
        CoreHarness h = new CoreHarness();
        Client owner = h.connect(CoreHarness.ADDRESS, TIMEOUT);
        Client watcher = h.connect(CoreHarness.ADDRESS, CoreHarness.MAX_TIMEOUT_MS);
        h.create(owner.connId(), 1, "/e", 1);
        h.request(watcher.connId(), 1, OpCode.EXISTS, new ExistsRequest("/e", true));

        assertThat(closesSession(h.tick(TIMEOUT / 2), owner.sessionId())).isFalse();
        List<ServerOutput> out = h.tick(TIMEOUT / 2 + CoreHarness.TICK_MS);

        assertThat(closesSession(out, owner.sessionId())).isTrue();
        assertThat(h.core.tree().ephemeralsOf(owner.sessionId())).isEmpty();
        assertThat(h.core.tree().sessions()).doesNotContainKey(owner.sessionId()).containsKey(watcher.sessionId());
        assertThat(notifications(out, watcher.connId())).singleElement().satisfies(n -> {
            assertThat(n.event()).isEqualTo(new WatcherEvent(2, 3, "/e"));
            assertThat(n.zxid()).isEqualTo(h.core.lastZxid());
        });
        assertThat(to(out, owner.connId())).as("closed silently")
                .containsExactly(new ServerOutput.CloseConnection(owner.connId()));
        assertThat(closes(out, watcher.connId())).isFalse();
    }

    @Test
    void expiredSessionCannotBeResumed() {
        CoreHarness h = new CoreHarness();
        Client owner = h.connect(CoreHarness.ADDRESS, TIMEOUT);
        h.tick(TIMEOUT + CoreHarness.TICK_MS);
        long conn = h.open();
        List<ServerOutput> out = h.handshake(conn,
                CoreHarness.resume(owner.sessionId(), owner.password(), h.core.lastZxid()));
        assertThat(connectResponse(out, conn).timeOut()).isZero();
        assertThat(closes(out, conn)).isTrue();
    }

    @Test
    void pingsKeepTheSessionAlive() {
        CoreHarness h = new CoreHarness();
        Client owner = h.connect(CoreHarness.ADDRESS, TIMEOUT);
        for (int i = 0; i < 20; i++) {
            assertThat(closesSession(h.tick(TIMEOUT / 3), owner.sessionId())).as("round %d", i).isFalse();
            assertThat(replies(h.ping(owner.connId(), -2), owner.connId())).hasSize(1);
        }
        assertThat(h.core.tree().sessions()).containsKey(owner.sessionId());
        assertThat(closesSession(h.tick(TIMEOUT + CoreHarness.TICK_MS), owner.sessionId())).isTrue();
    }

    @Test
    void anyRequestCountsAsTraffic() {
        CoreHarness h = new CoreHarness();
        Client owner = h.connect(CoreHarness.ADDRESS, TIMEOUT);
        for (int i = 0; i < 10; i++) {
            h.tick(TIMEOUT / 2);
            h.request(owner.connId(), i + 1, OpCode.EXISTS, new ExistsRequest("/", false));
        }
        assertThat(h.core.tree().sessions()).containsKey(owner.sessionId());
    }

    @Test
    void sessionWithoutAConnectionStillExpires() {
        CoreHarness h = new CoreHarness();
        Client owner = h.connect(CoreHarness.ADDRESS, TIMEOUT);
        h.create(owner.connId(), 1, "/e", 1);
        h.close(owner.connId());
        assertThat(h.core.tree().ephemeralsOf(owner.sessionId())).containsExactly("/e");
        h.tick(TIMEOUT + CoreHarness.TICK_MS);
        assertThat(h.core.tree().ephemeralsOf(owner.sessionId())).isEmpty();
        assertThat(h.core.tree().sessions()).doesNotContainKey(owner.sessionId());
    }

    @Test
    void sessionExpiresOnlyOnce() {
        CoreHarness h = new CoreHarness();
        h.autoCommit = false;
        long conn = h.open();
        h.handshake(conn, CoreHarness.newSession(TIMEOUT));
        long sessionId = connectResponse(h.commitHeld(), conn).sessionId();
        assertThat(closesSession(h.tick(TIMEOUT + CoreHarness.TICK_MS), sessionId)).isTrue();
        assertThat(closesSession(h.tick(CoreHarness.TICK_MS), sessionId)).as("close still in flight").isFalse();
        h.commitHeld();
        assertThat(closesSession(h.tick(TIMEOUT * 3), sessionId)).isFalse();
    }
}
