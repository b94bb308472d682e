package io.warden.server;

import static io.warden.server.CoreHarness.closes;
import static io.warden.server.CoreHarness.connectResponse;
import static io.warden.server.CoreHarness.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.server.CoreHarness.Client;
import io.warden.tree.TxnOp;
import io.warden.wire.Frames;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.ConnectResponse;
import org.junit.jupiter.api.Test;

/** The connect handshake: new sessions, re-attach, refusals (§2.3). */
class HandshakeTest {
    private static final byte[] ZEROES = new byte[16];

    @Test
    void newSessionGetsTheRequestedTimeoutAnIdAndAPassword() {
        CoreHarness h = new CoreHarness();
        long conn = h.open();
        List<ServerOutput> out = h.handshake(conn, CoreHarness.newSession(30000));

        ConnectResponse response = connectResponse(out, conn);
        assertThat(response.protocolVersion()).isZero();
        assertThat(response.timeOut()).isEqualTo(30000);
        assertThat(response.sessionId()).isNotZero();
        assertThat(response.passwd()).hasSize(16).isNotEqualTo(ZEROES);
        assertThat(response.readOnly()).isFalse();
        assertThat(response.oldClient()).isFalse();
        assertThat(closes(out, conn)).isFalse();
    }

    @Test
    void creatingASessionIsATransactionThatUsesAZxid() {
        CoreHarness h = new CoreHarness();
        long conn = h.open();
        List<ServerOutput> out = h.handshake(conn, CoreHarness.newSession(30000));
        ConnectResponse response = connectResponse(out, conn);
        assertThat(CoreHarness.proposals(out)).singleElement().satisfies(p -> {
            assertThat(p.txn().op()).isEqualTo(new TxnOp.CreateSession(response.sessionId(), 30000));
            assertThat(p.txn().zxid()).isEqualTo(1);
        });
        assertThat(h.core.lastZxid()).isEqualTo(1);
    }

    @Test
    void connectResponseWaitsForTheSessionToCommit() {
        CoreHarness h = new CoreHarness();
        h.autoCommit = false;
        long conn = h.open();
        assertThat(to(h.handshake(conn, CoreHarness.newSession(30000)), conn)).isEmpty();
        assertThat(connectResponse(h.commitHeld(), conn).timeOut()).isEqualTo(30000);
    }

    @Test
    void timeoutIsClampedToTheMinimum() {
        CoreHarness h = new CoreHarness();
        long conn = h.open();
        assertThat(connectResponse(h.handshake(conn, CoreHarness.newSession(1)), conn).timeOut())
                .isEqualTo(CoreHarness.MIN_TIMEOUT_MS);
    }

    @Test
    void timeoutIsClampedToTheMaximum() {
        CoreHarness h = new CoreHarness();
        long conn = h.open();
        assertThat(connectResponse(h.handshake(conn, CoreHarness.newSession(1_000_000_000)), conn).timeOut())
                .isEqualTo(CoreHarness.MAX_TIMEOUT_MS);
    }

    @Test
    void oldClientGetsAResponseWithoutTheReadOnlyByte() {
        CoreHarness h = new CoreHarness();
        long conn = h.open();
        ConnectRequest old = new ConnectRequest(0, 0, 30000, 0, new byte[16], false, true);
        ConnectResponse response = connectResponse(h.handshake(conn, old), conn);
        assertThat(response.oldClient()).isTrue();
        assertThat(Frames.connectResponse(response)).hasSize(4 + 36);
    }

    @Test
    void newClientGetsTheFullResponse() {
        CoreHarness h = new CoreHarness();
        long conn = h.open();
        ConnectResponse response = connectResponse(h.handshake(conn, CoreHarness.newSession(30000)), conn);
        assertThat(Frames.connectResponse(response)).hasSize(4 + 37);
    }

    @Test
    void sessionsGetDistinctIdsAndPasswords() {
        CoreHarness h = new CoreHarness();
        Client a = h.connect();
        Client b = h.connect();
        assertThat(a.sessionId()).isNotEqualTo(b.sessionId());
        assertThat(a.password()).isNotEqualTo(b.password());
    }

    @Test
    void reattachWithIdAndPasswordKeepsTheSessionAndClosesTheOldConnection() {
        CoreHarness h = new CoreHarness();
        Client first = h.connect();
        long second = h.open();

        List<ServerOutput> out = h.handshake(second, CoreHarness.resume(first.sessionId(), first.password(),
                h.core.lastZxid()));

        ConnectResponse response = connectResponse(out, second);
        assertThat(response.sessionId()).isEqualTo(first.sessionId());
        assertThat(response.passwd()).isEqualTo(first.password());
        assertThat(response.timeOut()).isPositive();
        assertThat(closes(out, first.connId())).isTrue();
        assertThat(closes(out, second)).isFalse();
    }

    @Test
    void reattachAfterTheConnectionDroppedKeepsEphemerals() {
        CoreHarness h = new CoreHarness();
        Client first = h.connect();
        h.create(first.connId(), 1, "/e", 1);
        h.close(first.connId());
        long second = h.open();
        ConnectResponse response = connectResponse(
                h.handshake(second, CoreHarness.resume(first.sessionId(), first.password(), h.core.lastZxid())),
                second);
        assertThat(response.sessionId()).isEqualTo(first.sessionId());
        assertThat(h.core.tree().ephemeralsOf(first.sessionId())).containsExactly("/e");
    }

    private static void assertRefused(List<ServerOutput> out, long conn) {
        List<ServerOutput> mine = to(out, conn);
        assertThat(mine).hasSize(2);
        ConnectResponse response = ((ServerOutput.SendConnectResponse) mine.get(0)).response();
        assertThat(response.protocolVersion()).isZero();
        assertThat(response.timeOut()).isZero();
        assertThat(response.sessionId()).isZero();
        assertThat(response.passwd()).isEqualTo(ZEROES);
        assertThat(response.readOnly()).isFalse();
        assertThat(mine.get(1)).isEqualTo(new ServerOutput.CloseConnection(conn));
    }

    @Test
    void wrongPasswordIsRefusedAsExpired() {
        CoreHarness h = new CoreHarness();
        Client client = h.connect();
        byte[] wrong = client.password().clone();
        wrong[0] ^= 1;
        long conn = h.open();
        assertRefused(h.handshake(conn, CoreHarness.resume(client.sessionId(), wrong, 0)), conn);
    }

    @Test
    void missingPasswordIsRefusedAsExpired() {
        CoreHarness h = new CoreHarness();
        Client client = h.connect();
        long conn = h.open();
        assertRefused(h.handshake(conn, CoreHarness.resume(client.sessionId(), null, 0)), conn);
    }

    @Test
    void unknownSessionIsRefusedAsExpired() {
        CoreHarness h = new CoreHarness();
        long conn = h.open();
        assertRefused(h.handshake(conn, CoreHarness.resume(0x0100_0000_1234_0000L, new byte[16], 0)), conn);
    }

    @Test
    void anAttemptWithAWrongPasswordStillClosesTheSessionsConnectionAsZooKeeperDoes() {
        CoreHarness h = new CoreHarness();
        Client client = h.connect();
        long conn = h.open();
        List<ServerOutput> out = h.handshake(conn, CoreHarness.resume(client.sessionId(), new byte[16], 0));
        assertThat(closes(out, client.connId())).isTrue();
        assertRefused(out, conn);
    }

    @Test
    void clientAheadOfTheServerIsClosedWithoutAResponse() {
        CoreHarness h = new CoreHarness();
        long conn = h.open();
        ConnectRequest ahead = new ConnectRequest(0, 5, 30000, 0, new byte[16], false, false);
        List<ServerOutput> out = h.handshake(conn, ahead);
        assertThat(to(out, conn)).containsExactly(new ServerOutput.CloseConnection(conn));
        assertThat(CoreHarness.proposals(out)).isEmpty();
    }

    @Test
    void clientThatHasSeenExactlyTheLastZxidIsAccepted() {
        CoreHarness h = new CoreHarness();
        Client client = h.connect();
        long conn = h.open();
        ConnectRequest request = new ConnectRequest(0, h.core.lastZxid(), 30000, 0, new byte[16], false, false);
        assertThat(connectResponse(h.handshake(conn, request), conn).sessionId()).isNotIn(0L, client.sessionId());
    }
}
