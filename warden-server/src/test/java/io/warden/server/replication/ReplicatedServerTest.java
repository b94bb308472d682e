package io.warden.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.common.Zxid;
import io.warden.server.ServerInput;
import io.warden.server.ServerOutput;
import io.warden.tree.DataTree;
import io.warden.zab.PeerMessage;
import io.warden.zab.ZabCore;
import io.warden.zab.ZabInput;
import io.warden.wire.Acl;
import io.warden.wire.OpCode;
import io.warden.wire.RequestHeader;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.ConnectResponse;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.SetDataRequest;
import io.warden.wire.proto.DeleteRequest;
import io.warden.wire.proto.ExistsRequest;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.GetDataResponse;
import io.warden.wire.proto.SyncRequest;
import io.warden.wire.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.TransferLeadershipRequest;
import org.junit.jupiter.api.Test;

/** The request pipeline over ZAB: writes commit on a quorum, every replica holds the same tree. */
class ReplicatedServerTest {
    private static final Set<Long> THREE = Set.of(1L, 2L, 3L);
    private long nextConnId = 1;

    @Test
    void writesAtTheLeaderReachEveryReplicaAndAreAnsweredAfterAQuorumHasThem() {
        Ensemble e = new Ensemble(THREE);
        e.startAll();
        assertThat(e.tickUntil(e::allUpToDate, 100)).as("a leader and two followers up to date").isTrue();
        long leader = e.leader();
        long conn = connect(e, leader);
        ConnectResponse session = connectResponse(e, leader, conn);
        assertThat(session.sessionId()).isNotZero();

        request(e, leader, conn, 1, OpCode.CREATE, new CreateRequest("/a", bytes("one"), Acl.OPEN_ACL_UNSAFE, 0));
        request(e, leader, conn, 2, OpCode.SET_DATA, new SetDataRequest("/a", bytes("two"), 0));
        assertThat(replyErrors(e, leader, conn)).containsExactly(0, 0);
        e.tick(); // the last commit reaches the followers
        assertSameTreeEverywhere(e);
        assertThat(Zxid.epoch(e.servers.get(leader).tree().lastZxid())).isEqualTo(1);
    }

    @Test
    void noReplyWithoutAQuorumAndTheWriteOutlivesTheLeadersStepDown() {
        Ensemble e = upToDate();
        long leader = e.leader();
        long conn = connect(e, leader);
        connectResponse(e, leader, conn);
        List<Long> followers = new ArrayList<>(THREE);
        followers.remove(leader);
        e.stop(followers.get(0));
        e.stop(followers.get(1));
        request(e, leader, conn, 1, OpCode.CREATE, new CreateRequest("/x", bytes(""), Acl.OPEN_ACL_UNSAFE, 0));
        assertThat(replyErrors(e, leader, conn)).as("no reply before a quorum holds the write").isEmpty();
        // Without a quorum the leader steps down and closes its clients (they see CONNECTIONLOSS
        // and must find out whether the write happened); the write itself is in its log, the
        // newest history, so the next epoch commits it.
        e.start(followers.get(0));
        assertThat(e.tickUntil(e::allUpToDate, 200)).isTrue();
        assertThat(replyErrors(e, leader, conn)).isEmpty();
        assertThat(e.clientOutputs.get(leader)).contains(new ServerOutput.CloseConnection(conn));
        assertSameTreeEverywhere(e);
        assertThat(e.servers.get(followers.get(0)).tree().exists("/x", List.of(), null))
                .isInstanceOf(io.warden.tree.OpResult.StatResult.class);
    }

    @Test
    void aNewLeaderKeepsTheSessionsAndTheTreeAndAFollowerFarBehindGetsASnapshot() {
        Ensemble e = upToDate();
        long first = e.leader();
        long conn = connect(e, first);
        ConnectResponse session = connectResponse(e, first, conn);
        long lagging = first == 1 ? 2 : 1;
        e.stop(lagging);
        request(e, first, conn, 1, OpCode.CREATE, new CreateRequest("/kept", bytes("v"), Acl.OPEN_ACL_UNSAFE, 0));
        assertThat(replyErrors(e, first, conn)).containsExactly(0);
        e.compact(first); // the leader forgets the log: the lagging follower needs a snapshot
        e.start(lagging);
        assertThat(e.tickUntil(e::allUpToDate, 100)).isTrue();
        assertSameTreeEverywhere(e);

        e.stop(first);
        assertThat(e.tickUntil(() -> e.leader() != 0 && e.leader() != first, 200)).as("a new leader").isTrue();
        long second = e.leader();
        long conn2 = nextConnId++;
        e.client(second, new ServerInput.ConnectionOpened(conn2, "10.0.0.1", "/10.0.0.1:5000"));
        e.client(second, new ServerInput.ConnectReceived(conn2, new ConnectRequest(0,
                e.servers.get(second).tree().lastZxid(), 2000, session.sessionId(), session.passwd(), false, false)));
        ConnectResponse resumed = connectResponse(e, second, conn2);
        assertThat(resumed.sessionId()).as("the session survived the leader").isEqualTo(session.sessionId());
        request(e, second, conn2, 5, OpCode.SET_DATA, new SetDataRequest("/kept", bytes("w"), 0));
        assertThat(replyErrors(e, second, conn2)).containsExactly(0);
        assertThat(Zxid.epoch(e.servers.get(second).tree().lastZxid())).isEqualTo(2);
        e.tick();
        assertSameTreeEverywhere(e);
    }

    @Test
    void aFollowerServesASessionItsWritesAndReadsInOrderThroughTheLeader() {
        Ensemble e = upToDate();
        long leader = e.leader();
        long follower = leader == 1 ? 2 : 1;
        long conn = connect(e, follower);
        ConnectResponse session = connectResponse(e, follower, conn);
        assertThat(session.sessionId()).as("a session the leader committed").isNotZero();
        assertThat(e.servers.get(leader).tree().sessions()).containsKey(session.sessionId());

        request(e, follower, conn, 1, OpCode.CREATE, new CreateRequest("/f", bytes("one"), Acl.OPEN_ACL_UNSAFE, 0));
        request(e, follower, conn, 2, OpCode.SYNC, new SyncRequest("/f"));
        request(e, follower, conn, 3, OpCode.GET_DATA, new GetDataRequest("/f", false));
        request(e, follower, conn, 4, OpCode.DELETE, new DeleteRequest("/missing", -1));
        assertThat(replies(e, follower, conn)).as("answered in the order sent, the failed write too")
                .containsExactly("1:0", "2:0", "3:0", "4:" + ErrorCode.NONODE.code());
        GetDataResponse read = (GetDataResponse) replyBody(e, follower, conn, 3);
        assertThat(read.data()).isEqualTo(bytes("one"));
        e.tick();
        assertSameTreeEverywhere(e);
    }

    @Test
    void aSyncAtTheLeaderIsAnsweredOnlyOnceAQuorumStillFollowsIt() {
        Ensemble e = upToDate();
        long leader = e.leader();
        long conn = connect(e, leader);
        connectResponse(e, leader, conn);
        request(e, leader, conn, 1, OpCode.SYNC, new SyncRequest("/"));
        assertThat(replies(e, leader, conn)).containsExactly("1:0");
        for (long id : THREE) {
            if (id != leader) {
                e.stop(id);
            }
        }
        request(e, leader, conn, 2, OpCode.SYNC, new SyncRequest("/"));
        request(e, leader, conn, 3, OpCode.GET_DATA, new GetDataRequest("/", false));
        assertThat(replies(e, leader, conn)).as("a leader nobody follows answers neither the sync nor the read"
                + " behind it").containsExactly("1:0");
    }

    @Test
    void aFollowerWhoseLeaderIsGoneAnswersNoSyncButWithThePlantedBugItAnswersSyncsFromItsOwnState() {
        for (boolean planted : new boolean[] {false, true}) {
            Ensemble e = upToDate(planted ? ReplicatedServer::plantFollowerLocalSync : server -> { });
            long leader = e.leader();
            long follower = leader == 1 ? 2 : 1;
            long conn = connect(e, follower);
            connectResponse(e, follower, conn);
            request(e, follower, conn, 1, OpCode.CREATE, new CreateRequest("/x", bytes("1"), Acl.OPEN_ACL_UNSAFE, 0));
            assertThat(replies(e, follower, conn)).containsExactly("1:0");
            e.stop(leader); // the follower will not notice for syncLimit ticks, and no tick comes
            request(e, follower, conn, 2, OpCode.SYNC, new SyncRequest("/x"));
            request(e, follower, conn, 3, OpCode.GET_DATA, new GetDataRequest("/x", false));
            if (planted) {
                assertThat(replies(e, follower, conn)).as("the planted bug answers the sync and the read behind it")
                        .containsExactly("1:0", "2:0", "3:0");
                assertThat(((GetDataResponse) replyBody(e, follower, conn, 3)).data()).isEqualTo(bytes("1"));
            } else {
                assertThat(replies(e, follower, conn))
                        .as("the sync waits for a leader that is gone, and the read behind it waits too")
                        .containsExactly("1:0");
            }
        }
    }

    @Test
    void thePlantedBugLeavesTheLeadersSyncsAQuorumRound() {
        Ensemble e = upToDate(ReplicatedServer::plantFollowerLocalSync);
        long leader = e.leader();
        long conn = connect(e, leader);
        connectResponse(e, leader, conn);
        for (long id : THREE) {
            if (id != leader) {
                e.stop(id);
            }
        }
        request(e, leader, conn, 1, OpCode.SYNC, new SyncRequest("/"));
        assertThat(replies(e, leader, conn)).as("a leader nobody follows does not answer a sync").isEmpty();
    }

    @Test
    void withReadOnlyModeAServerCutOffFromItsQuorumServesReadsToClientsThatAllowIt() {
        Ensemble e = upToDate();
        long leader = e.leader();
        long conn = connect(e, leader);
        connectResponse(e, leader, conn);
        request(e, leader, conn, 1, OpCode.CREATE, new CreateRequest("/kept", bytes("v"), Acl.OPEN_ACL_UNSAFE, 0));
        e.tick();
        long survivor = leader == 1 ? 2 : 1;
        e.servers.get(survivor).enableReadOnlyMode();
        for (long id : THREE) {
            if (id != survivor) {
                e.stop(id);
            }
        }
        e.tickUntil(() -> !e.servers.get(survivor).zab().isUpToDate(), 100);
        assertThat(srvr(e, survivor)).contains("Mode: read-only\n");
        assertThat(fourLetterWord(e, survivor, "isro")).isEqualTo("ro");

        long reader = nextConnId++;
        e.client(survivor, new ServerInput.ConnectionOpened(reader, "10.0.0.3", "/10.0.0.3:1"));
        e.client(survivor, new ServerInput.ConnectReceived(reader, new ConnectRequest(0, 0, 2000, 0, new byte[16],
                true, false)));
        assertThat(connectResponse(e, survivor, reader).readOnly()).isTrue();
        request(e, survivor, reader, 2, OpCode.GET_DATA, new GetDataRequest("/kept", false));
        request(e, survivor, reader, 3, OpCode.SET_DATA, new SetDataRequest("/kept", bytes("w"), -1));
        assertThat(replies(e, survivor, reader)).containsExactly("2:0", "3:" + ErrorCode.NOTREADONLY.code());
    }

    @Test
    void aLostRelayStopsTheFollowersLaterRequestsUntilItStartsOverAndNothingIsAppliedOutOfOrder() {
        Ensemble e = upToDate();
        long leader = e.leader();
        long follower = leader == 1 ? 2 : 1;
        long conn = connect(e, follower);
        ConnectResponse session = connectResponse(e, follower, conn);
        boolean[] dropped = {false};
        e.drop = (from, m) -> {
            if (from == follower && m instanceof PeerMessage.Relay && !dropped[0]) {
                dropped[0] = true;
                return true;
            }
            return false;
        };
        request(e, follower, conn, 1, OpCode.CREATE, new CreateRequest("/first", bytes(""), Acl.OPEN_ACL_UNSAFE, 0));
        request(e, follower, conn, 2, OpCode.CREATE, new CreateRequest("/second", bytes(""), Acl.OPEN_ACL_UNSAFE, 0));
        assertThat(dropped[0]).isTrue();
        assertThat(e.tickUntil(() -> e.clientOutputs.get(follower).contains(new ServerOutput.CloseConnection(conn)),
                100)).as("the unanswered requests' connection is closed").isTrue();
        assertThat(replies(e, follower, conn)).isEmpty();
        assertThat(e.servers.get(leader).tree().exists("/second", List.of(), null))
                .as("never applied without /first").isInstanceOf(io.warden.tree.OpResult.Failed.class);

        e.client(follower, new ServerInput.ConnectionClosed(conn));
        long again = nextConnId++;
        e.client(follower, new ServerInput.ConnectionOpened(again, "10.0.0.1", "/10.0.0.1:2"));
        e.client(follower, new ServerInput.ConnectReceived(again, new ConnectRequest(0,
                e.servers.get(follower).tree().lastZxid(), 2000, session.sessionId(), session.passwd(), false, false)));
        request(e, follower, again, 3, OpCode.CREATE, new CreateRequest("/third", bytes(""), Acl.OPEN_ACL_UNSAFE, 0));
        assertThat(replies(e, follower, again)).as("a new stream is taken").containsExactly("3:0");
    }

    @Test
    void aSessionMovesFromAFollowerToTheLeaderWithItsEphemeral() {
        Ensemble e = upToDate();
        long leader = e.leader();
        long follower = leader == 1 ? 2 : 1;
        long conn = connect(e, follower);
        ConnectResponse session = connectResponse(e, follower, conn);
        request(e, follower, conn, 1, OpCode.CREATE, new CreateRequest("/mine", bytes(""), Acl.OPEN_ACL_UNSAFE, 1));
        assertThat(replies(e, follower, conn)).containsExactly("1:0");

        long moved = nextConnId++;
        e.client(leader, new ServerInput.ConnectionOpened(moved, "10.0.0.2", "/10.0.0.2:1"));
        e.client(leader, new ServerInput.ConnectReceived(moved, new ConnectRequest(0,
                e.servers.get(follower).tree().lastZxid(), 2000, session.sessionId(), session.passwd(), false, false)));
        assertThat(connectResponse(e, leader, moved).sessionId()).isEqualTo(session.sessionId());
        request(e, leader, moved, 2, OpCode.EXISTS, new ExistsRequest("/mine", false));
        assertThat(replies(e, leader, moved)).containsExactly("2:0");
        assertThat(e.servers.get(leader).tree().ephemeralCount()).isEqualTo(1);
    }

    @Test
    void everyServerAnswersFourLetterWordsWithItsRoleAndALookingOneSaysItServesNobody() {
        Ensemble e = upToDate();
        long leader = e.leader();
        long follower = leader == 1 ? 2 : 1;
        assertThat(srvr(e, leader)).contains("Mode: leader\n");
        assertThat(srvr(e, follower)).contains("Mode: follower\n");
        assertThat(fourLetterWord(e, leader, "mntr")).contains("zk_server_state\tleader\n", "zk_learners\t2\n",
                "zk_synced_followers\t2\n", "zk_synced_observers\t0\n");
        assertThat(fourLetterWord(e, follower, "mntr")).contains("zk_server_state\tfollower\n")
                .doesNotContain("zk_synced_followers");
        long uptimeMs = leaderUptimeMs(e, leader);
        assertThat(e.tickUntil(() -> leaderUptimeMs(e, leader) > uptimeMs, 10))
                .as("zk_leader_uptime counts up while the leader leads").isTrue();
        assertThat(fourLetterWord(e, follower, "mntr")).doesNotContain("zk_leader_uptime");
        List<Long> others = new ArrayList<>(THREE);
        others.remove(follower);
        others.forEach(e::stop);
        e.tickUntil(() -> !e.servers.get(follower).zab().isUpToDate(), 100);
        assertThat(srvr(e, follower)).isEqualTo("This ZooKeeper instance is not currently serving requests\n");
    }

    private long leaderUptimeMs(Ensemble e, long leader) {
        String mntr = fourLetterWord(e, leader, "mntr");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("zk_leader_uptime\t(\\d+)\n").matcher(mntr);
        assertThat(m.find()).as("zk_leader_uptime in %s", mntr).isTrue();
        return Long.parseLong(m.group(1));
    }

    private String srvr(Ensemble e, long server) {
        return fourLetterWord(e, server, "srvr");
    }

    private String fourLetterWord(Ensemble e, long server, String word) {
        long conn = nextConnId++;
        e.client(server, new ServerInput.ConnectionOpened(conn, "10.0.0.7", "/10.0.0.7:" + conn));
        e.client(server, new ServerInput.FourLetterWord(conn, word));
        return e.clientOutputs.get(server).stream()
                .filter(o -> o instanceof ServerOutput.SendText t && t.connId() == conn)
                .map(o -> ((ServerOutput.SendText) o).text())
                .findFirst().orElseThrow();
    }

    @Test
    void connectionsTheServerClosesAreReleasedWhenTheTransportReportsThem() {
        Ensemble e = upToDate();
        long leader = e.leader();
        for (long conn = 1; conn <= 60; conn++) { // maxClientCnxns is 60 per address
            e.client(leader, new ServerInput.ConnectionOpened(conn, "10.0.0.9", "/10.0.0.9:" + conn));
            e.client(leader, new ServerInput.FourLetterWord(conn, "srvr"));
            assertThat(e.clientOutputs.get(leader)).contains(new ServerOutput.CloseConnection(conn));
            e.client(leader, new ServerInput.ConnectionClosed(conn));
        }
        assertThat(e.servers.get(leader).server().connectionCount()).isZero();
        e.client(leader, new ServerInput.ConnectionOpened(61, "10.0.0.9", "/10.0.0.9:61"));
        assertThat(e.clientOutputs.get(leader)).doesNotContain(new ServerOutput.CloseConnection(61));
    }

    @Test
    void sessionsGetTheirTimeoutAgainWhenANewLeaderIsEstablishedNotWhenItStartsLeading() {
        Ensemble e = upToDate();
        long first = e.leader();
        long conn = nextConnId++;
        e.client(first, new ServerInput.ConnectionOpened(conn, "10.0.0.1", "/10.0.0.1:1"));
        e.client(first, new ServerInput.ConnectReceived(conn, new ConnectRequest(0, 0, 800, 0, new byte[16], false,
                false)));
        long sessionId = connectResponse(e, first, conn).sessionId();
        e.tick();
        e.stop(first);
        boolean[] slow = {true}; // the next leader takes several session timeouts to be established
        e.drop = (from, m) -> slow[0] && m instanceof io.warden.zab.PeerMessage.AckEpoch;
        e.tickUntil(() -> e.servers.values().stream()
                .anyMatch(x -> x.zab().state() == io.warden.zab.ServerState.LEADING), 30);
        for (int i = 0; i < 7; i++) {
            e.tick();
        }
        slow[0] = false;
        assertThat(e.tickUntil(() -> e.leader() != 0, 100)).isTrue();
        long second = e.leader();
        e.tick();
        e.tick();
        assertThat(e.servers.get(second).tree().sessions()).as("the client still has time to come back")
                .containsKey(sessionId);
    }

    @Test
    void theHostCannotCommitBehindTheConsensusCoresBack() {
        Ensemble e = upToDate();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.client(e.leader(), new ServerInput.Committed(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers ----

    /** Three servers, a leader elected and both followers up to date. */
    private static Ensemble upToDate() {
        return upToDate(server -> { });
    }

    /** The same, each server set up by {@code beforeStart} first. */
    private static Ensemble upToDate(java.util.function.Consumer<ReplicatedServer> beforeStart) {
        return upToDate(beforeStart, config -> config);
    }

    /** The same, each server's consensus configuration adjusted by {@code configure}. */
    private static Ensemble upToDate(java.util.function.Consumer<ReplicatedServer> beforeStart,
            java.util.function.UnaryOperator<io.warden.zab.ZabConfig> configure) {
        Ensemble e = new Ensemble(THREE);
        e.beforeStart = beforeStart;
        e.configure = configure;
        e.startAll();
        assertThat(e.tickUntil(e::allUpToDate, 100)).as("a leader and two followers up to date").isTrue();
        return e;
    }

    /**
     * A host that proposes once per turn (the daemon) hands the proposals of several requests to
     * the consensus core together: none leaves before the turn ends, then each follower gets them
     * in one message, and each request is answered once a quorum holds it.
     */
    @Test
    void proposalsOfATurnGoToTheFollowersAsOneBatch() {
        Ensemble e = upToDate(ReplicatedServer::proposeOncePerTurn);
        long leader = e.leader();
        long conn = connect(e, leader);
        e.endTurn(leader);
        connectResponse(e, leader, conn);
        List<Integer> batchSizes = new ArrayList<>();
        e.drop = (from, m) -> {
            if (m instanceof PeerMessage.Proposals p) {
                batchSizes.add(p.entries().size());
            }
            return false;
        };
        for (int xid = 1; xid <= 3; xid++) {
            request(e, leader, conn, xid, OpCode.CREATE, new CreateRequest("/b" + xid, bytes("v"), Acl.OPEN_ACL_UNSAFE,
                    0));
        }
        assertThat(batchSizes).as("nothing proposed before the turn ends").isEmpty();
        assertThat(replyErrors(e, leader, conn)).isEmpty();

        e.endTurn(leader);
        assertThat(batchSizes).as("one message per follower with the three").containsExactly(3, 3);
        assertThat(replyErrors(e, leader, conn)).containsExactly(0, 0, 0);
        e.tick(); // the last commit reaches the followers
        assertSameTreeEverywhere(e);
    }

    /**
     * A leader holding its consensus core's {@code retainedBytesMax} hands over no more proposals
     * (a batch stops once it fills the byte room), and those waiting go once a snapshot, reported
     * with {@code Compacted}, makes room: the requests are answered late, none is lost or refused.
     */
    @Test
    void proposalsWaitWhileTheLeaderHoldsItsRetainedBytesMaxAndGoOnceASnapshotMakesRoom() {
        Ensemble e = upToDate(ReplicatedServer::proposeOncePerTurn, config -> config.withRetainedBytesMax(250));
        long leader = e.leader();
        long conn = connect(e, leader);
        e.endTurn(leader);
        connectResponse(e, leader, conn);
        ZabCore zab = e.servers.get(leader).zab();
        long before = zab.retainedBytes();
        assertThat(before).as("the session's creation").isLessThan(250);
        for (int xid = 1; xid <= 3; xid++) {
            request(e, leader, conn, xid, OpCode.CREATE, new CreateRequest("/big" + xid, new byte[100],
                    Acl.OPEN_ACL_UNSAFE, 0));
        }
        e.endTurn(leader);
        assertThat(zab.proposalBytesRoom()).as("the bound is reached").isZero();
        List<Integer> answered = replyErrors(e, leader, conn);
        assertThat(answered).as("fewer than three proposed").hasSizeLessThan(3).isNotEmpty().containsOnly(0);
        assertThat(zab.retainedBytes() - 250).as("one proposal past the bound at most").isLessThan(200);

        e.endTurn(leader);
        e.tick();
        assertThat(replyErrors(e, leader, conn)).as("still waiting for room").isEqualTo(answered);

        e.zab(leader, new ZabInput.Compacted(zab.committedZxid()));
        e.endTurn(leader);
        assertThat(replyErrors(e, leader, conn)).as("answered once the snapshot made room").containsExactly(0, 0, 0);
        e.tick();
        assertSameTreeEverywhere(e);
    }

    /**
     * While the leader holds proposals back, what waits for room is bounded in bytes too: past the
     * consensus core's {@code retainedBytesMax}, a follower's forwarded request is refused (its
     * stream dies, so nothing of it is applied out of order) and the follower closes that
     * connection once its requests time out.
     */
    @Test
    void aForwardedRequestIsRefusedWhileTheWaitingProposalsHoldRetainedBytesMax() {
        Ensemble e = upToDate(ReplicatedServer::proposeOncePerTurn, config -> config.withRetainedBytesMax(250));
        long leader = e.leader();
        long follower = leader == 1 ? 2 : 1;
        long atFollower = connect(e, follower);
        e.endTurn(follower);
        e.endTurn(leader);
        connectResponse(e, follower, atFollower);
        long atLeader = connect(e, leader);
        e.endTurn(leader);
        connectResponse(e, leader, atLeader);
        for (int xid = 1; xid <= 5; xid++) {
            request(e, leader, atLeader, xid, OpCode.CREATE, new CreateRequest("/big" + xid, new byte[100],
                    Acl.OPEN_ACL_UNSAFE, 0));
        }
        e.endTurn(leader);
        assertThat(replyErrors(e, leader, atLeader)).as("some wait for room").hasSizeLessThan(5);

        request(e, follower, atFollower, 1, OpCode.CREATE, new CreateRequest("/forwarded", bytes(""),
                Acl.OPEN_ACL_UNSAFE, 0));
        e.endTurn(follower);
        e.endTurn(leader);
        ServerOutput closed = new ServerOutput.CloseConnection(atFollower);
        for (int tick = 0; tick < 100 && !e.clientOutputs.get(follower).contains(closed); tick++) {
            // a snapshot at every tick: room for anything still waiting
            e.zab(leader, new ZabInput.Compacted(e.servers.get(leader).zab().committedZxid()));
            e.endTurn(leader);
            e.endTurn(follower);
            e.tick();
        }
        assertThat(replyErrors(e, leader, atLeader)).as("the leader's own go once snapshots make room")
                .containsExactly(0, 0, 0, 0, 0);
        assertThat(e.clientOutputs.get(follower)).as("the refused request's connection is closed").contains(closed);
        assertThat(replies(e, follower, atFollower)).isEmpty();
        assertThat(e.servers.get(leader).tree().exists("/forwarded", List.of(), null))
                .isInstanceOf(io.warden.tree.OpResult.Failed.class);
    }

    private long connect(Ensemble e, long server) {
        long conn = nextConnId++;
        e.client(server, new ServerInput.ConnectionOpened(conn, "10.0.0.1", "/10.0.0.1:" + (40000 + conn)));
        e.client(server, new ServerInput.ConnectReceived(conn, new ConnectRequest(0, 0, 2000, 0, new byte[16], false,
                false)));
        return conn;
    }

    private static ConnectResponse connectResponse(Ensemble e, long server, long conn) {
        for (ServerOutput o : e.clientOutputs.get(server)) {
            if (o instanceof ServerOutput.SendConnectResponse r && r.connId() == conn) {
                return r.response();
            }
        }
        throw new AssertionError("no connect response for " + conn + " in " + e.clientOutputs.get(server));
    }

    @Test
    void aSuperuserAtTheLeaderHandsLeadershipToANamedFollowerAndIsAnsweredFirst() {
        Ensemble e = upToDate();
        long leader = e.leader();
        long target = leader == 1 ? 2 : 1;
        long other = 6 - leader - target;
        long plain = connect(e, leader);
        connectResponse(e, leader, plain);
        request(e, leader, plain, 1, OpCode.WARDEN_TRANSFER_LEADERSHIP, new TransferLeadershipRequest(target));
        assertThat(replies(e, leader, plain)).as("not a superuser").containsExactly("1:" + ErrorCode.NOAUTH.code());
        long atFollower = superuser(e, other);
        request(e, other, atFollower, 2, OpCode.WARDEN_TRANSFER_LEADERSHIP, new TransferLeadershipRequest(target));
        assertThat(replies(e, other, atFollower)).as("not the leader")
                .containsExactly("1:0", "2:" + ErrorCode.APIERROR.code());
        long admin = superuser(e, leader);
        request(e, leader, admin, 2, OpCode.WARDEN_TRANSFER_LEADERSHIP, new TransferLeadershipRequest(leader));
        request(e, leader, admin, 3, OpCode.WARDEN_TRANSFER_LEADERSHIP, new TransferLeadershipRequest(9));
        request(e, leader, admin, 4, OpCode.CREATE, new CreateRequest("/before", bytes(""), Acl.OPEN_ACL_UNSAFE, 0));
        assertThat(e.leader()).isEqualTo(leader);

        request(e, leader, admin, 5, OpCode.WARDEN_TRANSFER_LEADERSHIP, new TransferLeadershipRequest(target));

        assertThat(replies(e, leader, admin)).containsExactly("1:0", "2:" + ErrorCode.BADARGUMENTS.code(),
                "3:" + ErrorCode.BADARGUMENTS.code(), "4:0", "5:0");
        List<ServerOutput> out = e.clientOutputs.get(leader);
        assertThat(out).contains(new ServerOutput.CloseConnection(admin));
        int answered = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof ServerOutput.SendReply r && r.connId() == admin && r.header().xid() == 5) {
                answered = i;
            }
        }
        assertThat(answered).as("answered before the step-down closed the connection")
                .isLessThan(out.indexOf(new ServerOutput.CloseConnection(admin)));
        assertThat(e.tickUntil(() -> e.allUpToDate() && e.leader() == target, 100)).as("%d leads", target).isTrue();
        assertSameTreeEverywhere(e);
        assertThat(e.servers.get(target).tree().exists("/before", List.of(), null))
                .isInstanceOf(io.warden.tree.OpResult.StatResult.class);
    }

    /** A connection authenticated as the ensemble's superuser; its auth is answered as xid 1. */
    private long superuser(Ensemble e, long server) {
        long conn = connect(e, server);
        connectResponse(e, server, conn);
        request(e, server, conn, 1, OpCode.AUTH, new AuthPacket(0, "digest",
                bytes(Ensemble.SUPER_CREDENTIALS)));
        return conn;
    }

    private static void request(Ensemble e, long server, long conn, int xid, int op, io.warden.wire.Record body) {
        e.client(server, new ServerInput.RequestReceived(conn, new RequestHeader(xid, op), body));
    }

    /** The replies to requests (xid > 0) on a connection, as {@code xid:err}, in the order sent. */
    private static List<String> replies(Ensemble e, long server, long conn) {
        List<String> replies = new ArrayList<>();
        for (ServerOutput o : e.clientOutputs.get(server)) {
            if (o instanceof ServerOutput.SendReply r && r.connId() == conn && r.header().xid() > 0) {
                replies.add(r.header().xid() + ":" + r.header().err());
            }
        }
        return replies;
    }

    private static io.warden.wire.Record replyBody(Ensemble e, long server, long conn, int xid) {
        for (ServerOutput o : e.clientOutputs.get(server)) {
            if (o instanceof ServerOutput.SendReply r && r.connId() == conn && r.header().xid() == xid) {
                return r.body();
            }
        }
        throw new AssertionError("no reply to " + xid);
    }

    private static List<Integer> replyErrors(Ensemble e, long server, long conn) {
        List<Integer> errors = new ArrayList<>();
        for (ServerOutput o : e.clientOutputs.get(server)) {
            if (o instanceof ServerOutput.SendReply r && r.connId() == conn && r.header().xid() > 0) {
                errors.add(r.header().err());
            }
        }
        return errors;
    }

    private static void assertSameTreeEverywhere(Ensemble e) {
        long leader = e.leader();
        DataTree reference = e.servers.get(leader).tree();
        for (ReplicatedServer s : e.servers.values()) {
            assertThat(s.tree().lastZxid()).as("server %d last zxid", s.zab().myId()).isEqualTo(reference.lastZxid());
            assertThat(s.tree().digest()).as("server %d digest", s.zab().myId()).isEqualTo(reference.digest());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
