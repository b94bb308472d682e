package io.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.tree.TxnOp;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.RequestHeader;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.SyncRequest;
import org.junit.jupiter.api.Test;

/**
 * A follower's core forwards what only the leader may decide, and a leader's core acts on what is
 * forwarded to it; the ensemble as a whole is in {@code ReplicatedServerTest}.
 */
class ForwardingTest {
    private static final long FORWARD_TIMEOUT_MS = 4_000;

    private static List<ServerOutput.Forward> forwards(List<ServerOutput> outputs) {
        return outputs.stream().filter(o -> o instanceof ServerOutput.Forward)
                .map(o -> (ServerOutput.Forward) o).toList();
    }

    @Test
    void aFollowerForwardsANewSessionAndClosesTheConnectionWhenTheLeaderNeverActs() {
        CoreHarness h = new CoreHarness();
        h.core.forwardWrites(FORWARD_TIMEOUT_MS);
        long conn = h.open();
        List<ServerOutput> out = h.handshake(conn, CoreHarness.newSession(10_000));
        assertThat(forwards(out)).singleElement().satisfies(f -> {
            assertThat(f.request().header().type()).isEqualTo(OpCode.CREATE_SESSION);
            assertThat(f.request().sessionTimeoutMs()).isEqualTo(10_000);
        });
        assertThat(out).noneMatch(o -> o instanceof ServerOutput.Propose || o instanceof ServerOutput.CloseConnection);
        assertThat(h.tick(FORWARD_TIMEOUT_MS)).noneMatch(o -> o instanceof ServerOutput.CloseConnection);
        assertThat(h.tick(1)).contains(new ServerOutput.CloseConnection(conn));
    }

    @Test
    void aLeaderProposesForwardedWritesAsTheirSessionAndFailsThoseOfUnknownSessions() {
        CoreHarness h = new CoreHarness();
        CoreHarness.Client client = h.connect();
        h.autoCommit = false;
        ForwardedRequest create = new ForwardedRequest(client.sessionId(), new RequestHeader(7, OpCode.CREATE),
                new CreateRequest("/via", new byte[0], Acl.OPEN_ACL_UNSAFE, 0), null, List.of(), 0, false);
        List<ServerOutput> out = h.feed(new ServerInput.Forwarded(2, create));
        assertThat(out).singleElement().isInstanceOfSatisfying(ServerOutput.Propose.class, p -> {
            assertThat(p.txn().sessionId()).isEqualTo(client.sessionId());
            assertThat(p.txn().cxid()).isEqualTo(7);
            assertThat(p.txn().op()).isInstanceOf(TxnOp.Create.class);
        });
        ForwardedRequest stranger = new ForwardedRequest(0x7700000000000001L, new RequestHeader(3, OpCode.CREATE),
                new CreateRequest("/x", new byte[0], Acl.OPEN_ACL_UNSAFE, 0), null, List.of(), 0, false);
        assertThat(h.feed(new ServerInput.Forwarded(2, stranger))).singleElement()
                .isInstanceOfSatisfying(ServerOutput.Propose.class,
                        p -> assertThat(p.txn().op()).isEqualTo(new TxnOp.Error(ErrorCode.SESSIONEXPIRED)));
        ForwardedRequest sync = new ForwardedRequest(client.sessionId(), new RequestHeader(8, OpCode.SYNC),
                new SyncRequest("/"), null, List.of(), 0, false);
        assertThat(h.feed(new ServerInput.Forwarded(2, sync))).singleElement()
                .isInstanceOfSatisfying(ServerOutput.Propose.class, p -> {
                    assertThat(p.txn().cxid()).isEqualTo(8);
                    assertThat(p.txn().op()).as("a no-op the quorum must commit")
                            .isEqualTo(new TxnOp.Error(ErrorCode.OK));
                });
    }

    @Test
    void aLateRequestFromTheServerASessionMovedAwayFromGetsSessionMoved() {
        CoreHarness h = new CoreHarness();
        h.feed(new ServerInput.Lead(h.core.lastZxid()));
        h.feed(new ServerInput.Forwarded(2, ForwardedRequest.newSession(0x0200000000000001L, 10_000)));
        long session = 0x0200000000000001L;
        assertThat(h.core.tree().sessions()).containsKey(session);
        h.feed(new ServerInput.Forwarded(3, ForwardedRequest.attach(session))); // the client moved to server 3
        h.autoCommit = false;
        ForwardedRequest late = new ForwardedRequest(session, new RequestHeader(4, OpCode.CREATE),
                new CreateRequest("/late", new byte[0], Acl.OPEN_ACL_UNSAFE, 0), null, List.of(), 0, false);
        assertThat(h.feed(new ServerInput.Forwarded(2, late))).singleElement()
                .isInstanceOfSatisfying(ServerOutput.Propose.class,
                        p -> assertThat(p.txn().op()).isEqualTo(new TxnOp.Error(ErrorCode.SESSIONMOVED)));
        ForwardedRequest current = new ForwardedRequest(session, new RequestHeader(5, OpCode.CREATE),
                new CreateRequest("/current", new byte[0], Acl.OPEN_ACL_UNSAFE, 0), null, List.of(), 0, false);
        assertThat(h.feed(new ServerInput.Forwarded(3, current))).singleElement()
                .isInstanceOfSatisfying(ServerOutput.Propose.class,
                        p -> assertThat(p.txn().op()).isInstanceOf(TxnOp.Create.class));
    }

    @Test
    void aFollowerClosesAResumeOfASessionItHasNotSeenInsteadOfCallingItExpired() {
        CoreHarness leader = new CoreHarness();
        CoreHarness.Client client = leader.connect(); // a session this follower has not applied yet
        CoreHarness h = new CoreHarness();
        h.core.forwardWrites(FORWARD_TIMEOUT_MS);
        long conn = h.open();
        assertThat(h.handshake(conn, CoreHarness.resume(client.sessionId(), client.password(), 0)))
                .containsExactly(new ServerOutput.CloseConnection(conn));
    }

    @Test
    void aFollowerReportsTheSessionsItHeardFromOncePerTick() {
        CoreHarness h = new CoreHarness();
        CoreHarness.Client client = h.connect(); // established before forwarding begins, as after a resume
        h.core.forwardWrites(FORWARD_TIMEOUT_MS);
        h.ping(client.connId(), -2);
        assertThat(h.tick(10)).contains(new ServerOutput.ReportSessions(List.of(client.sessionId())));
        assertThat(h.tick(10)).noneMatch(o -> o instanceof ServerOutput.ReportSessions);
    }
}
