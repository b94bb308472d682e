package io.warden.zab;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.common.Zxid;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZabCoreTest {

    @Test
    void threeServersElectTheHighestIdAndCommitInOrder() {
        MiniCluster c = new MiniCluster(Set.of(1L, 2L, 3L), Set.of(), 1);
        c.startAll();
        assertThat(c.tickUntil(c::allUpToDate, 50)).as("a leader is established").isTrue();
        assertThat(c.leader()).isEqualTo(3L);
        c.propose(3, "a", "b");
        c.propose(3, "c");
        c.tickAll();
        for (long id : List.of(1L, 2L, 3L)) {
            assertThat(c.deliveredPayloads(id)).as("server %d", id).containsExactly("a", "b", "c");
        }
        assertThat(Zxid.epoch(c.delivered.get(3L).get(0).zxid())).isEqualTo(1);
        assertThat(Zxid.counter(c.delivered.get(3L).get(2).zxid())).isEqualTo(3);
    }

    @Test
    void aFollowerThatLosesItsLeadersConnectionsLooksForALeaderAtOnce() {
        MiniCluster c = new MiniCluster(Set.of(1L, 2L, 3L), Set.of(), 1);
        c.startAll();
        c.tickUntil(c::allUpToDate, 50);
        c.input(1, new ZabInput.PeerLost(2)); // another follower: nothing changes
        assertThat(c.cores.get(1L).state()).isEqualTo(ServerState.FOLLOWING);
        c.input(3, new ZabInput.PeerLost(1)); // the leader hears of a follower: nothing changes either
        assertThat(c.cores.get(3L).state()).isEqualTo(ServerState.LEADING);
        c.crash(3);
        c.input(1, new ZabInput.PeerLost(3));
        assertThat(c.cores.get(1L).state()).as("no syncLimit to wait for").isEqualTo(ServerState.LOOKING);
    }

    @Test
    void aFollowerRejectsProposals() {
        MiniCluster c = new MiniCluster(Set.of(1L, 2L, 3L), Set.of(), 2);
        c.startAll();
        c.tickUntil(c::allUpToDate, 50);
        c.events.clear();
        c.propose(1, "x");
        assertThat(c.events).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(ZabOutput.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(ZabOutput.RejectReason.NOT_LEADER)));
    }

    @Test
    void theServerWithTheNewestHistoryWinsAfterARestart() {
        MiniCluster c = new MiniCluster(Set.of(1L, 2L, 3L), Set.of(), 3);
        c.startAll();
        c.tickUntil(c::allUpToDate, 50);
        // 3 leads; cut 2 off, so only 1 and 3 hold the next writes
        c.cut(3, 2);
        c.cut(1, 2);
        c.propose(3, "w1", "w2");
        assertThat(c.deliveredPayloads(3)).containsExactly("w1", "w2");
        c.crash(3);
        c.crash(2);
        c.crash(1);
        c.heal();
        c.start(1);
        c.start(2);
        assertThat(c.tickUntil(c::allUpToDate, 100)).isTrue();
        assertThat(c.leader()).as("1 has w1, w2; 2 does not; 2's higher id must not win").isEqualTo(1L);
        c.tickAll();
        assertThat(c.deliveredPayloads(2)).containsExactly("w1", "w2");
    }

    @Test
    void anExhaustedCounterForcesANewEpoch() {
        MiniCluster c = new MiniCluster(Set.of(1L, 2L, 3L), Set.of(), 4).counterMax(3);
        c.startAll();
        c.tickUntil(c::allUpToDate, 50);
        long first = c.cores.get(3L).currentEpoch();
        c.propose(3, "a", "b", "c", "d");
        assertThat(c.events).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(ZabOutput.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(ZabOutput.RejectReason.EPOCH_EXHAUSTED)));
        assertThat(c.tickUntil(c::allUpToDate, 100)).isTrue();
        long leader = c.leader();
        assertThat(c.cores.get(leader).currentEpoch()).isGreaterThan(first);
        c.propose(leader, "d");
        c.tickAll();
        assertThat(c.deliveredPayloads(1)).containsExactly("a", "b", "c", "d");
        Entry d = c.delivered.get(1L).get(3);
        assertThat(Zxid.counter(d.zxid())).isEqualTo(1);
    }

    @Test
    void anObserverLearnsCommitsButDoesNotCountForTheQuorum() {
        MiniCluster c = new MiniCluster(Set.of(1L, 2L, 3L), Set.of(4L), 5);
        c.startAll();
        assertThat(c.tickUntil(c::allUpToDate, 60)).isTrue();
        assertThat(c.cores.get(4L).state()).isEqualTo(ServerState.OBSERVING);
        c.propose(3, "a");
        c.tickAll();
        assertThat(c.deliveredPayloads(4)).containsExactly("a");
        c.crash(1);
        c.crash(2);
        c.propose(3, "b");
        assertThat(c.deliveredPayloads(3)).as("the observer's copy is no quorum").containsExactly("a");
    }

    @Test
    void aLeaderHoldingRetainedBytesMaxTakesNoProposalsUntilASnapshotMakesRoom() {
        MiniCluster c = new MiniCluster(Set.of(1L, 2L, 3L), Set.of(), 8).retainedBytesMax(10);
        c.startAll();
        assertThat(c.tickUntil(c::allUpToDate, 50)).as("a leader is established").isTrue();
        ZabCore leader = c.cores.get(c.leader());
        assertThat(leader.proposalRoom()).isPositive();
        assertThat(leader.proposalBytesRoom()).isEqualTo(10);
        c.propose(c.leader(), "abcd", "efgh");
        assertThat(leader.retainedBytes()).isEqualTo(8);
        assertThat(leader.proposalBytesRoom()).isEqualTo(2);
        assertThat(leader.proposalRoom()).as("room left, if only for bytes").isPositive();
        c.propose(c.leader(), "ijkl");
        assertThat(leader.retainedBytes()).as("one proposal past the bound at most").isEqualTo(12);
        assertThat(leader.proposalBytesRoom()).isZero();
        assertThat(leader.proposalRoom()).as("no room until a snapshot").isZero();
        assertThat(c.deliveredPayloads(c.leader())).containsExactly("abcd", "efgh", "ijkl");

        c.input(c.leader(), new ZabInput.Compacted(leader.committedZxid()));
        assertThat(leader.retainedBytes()).as("the snapshot covers everything committed").isZero();
        assertThat(leader.proposalBytesRoom()).isEqualTo(10);
        assertThat(leader.proposalRoom()).isPositive();
        long follower = c.leader() == 1 ? 2 : 1;
        assertThat(c.cores.get(follower).retainedBytes()).as("a follower counts what it holds as well").isEqualTo(12);
        assertThat(c.cores.get(follower).proposalRoom()).as("a follower takes no proposals anyway").isZero();
    }

    @Test
    void batchesAndBacklogsAreSentInMessagesOfMessageBytesMaxAtMost() {
        MiniCluster c = new MiniCluster(Set.of(1L, 2L, 3L), Set.of(), 9).messageBytesMax(10);
        c.startAll();
        assertThat(c.tickUntil(c::allUpToDate, 50)).as("a leader is established").isTrue();
        long leader = c.leader();
        long follower = leader == 1 ? 2 : 1;
        c.events.clear();
        c.propose(leader, "aaaa", "bbbb", "cccc", "dddd", "eeeeeeeeeeee");
        assertThat(proposalsSentTo(c, follower)).as("a batch of 24 bytes")
                .containsExactly(List.of("aaaa", "bbbb"), List.of("cccc", "dddd"), List.of("eeeeeeeeeeee"));

        c.crash(follower);
        c.propose(leader, "ffff", "gggg", "hhhh");
        c.events.clear();
        c.start(follower);
        assertThat(c.tickUntil(c::allUpToDate, 50)).as("the follower is synchronised again").isTrue();
        assertThat(proposalsSentTo(c, follower)).as("its backlog, in pieces").containsExactly(
                List.of("ffff", "gggg"), List.of("hhhh"));
        c.tickAll();
        for (long id : List.of(1L, 2L, 3L)) {
            assertThat(c.deliveredPayloads(id)).as("server %d", id)
                    .containsExactly("aaaa", "bbbb", "cccc", "dddd", "eeeeeeeeeeee", "ffff", "gggg", "hhhh");
        }
    }

    private static List<List<String>> proposalsSentTo(MiniCluster c, long to) {
        List<List<String>> sent = new java.util.ArrayList<>();
        for (ZabOutput o : c.events) {
            if (o instanceof ZabOutput.Send s && s.to() == to && s.message() instanceof PeerMessage.Proposals p) {
                sent.add(p.entries().stream().map(e -> new String(e.payload(), java.nio.charset.StandardCharsets.UTF_8))
                        .toList());
            }
        }
        return sent;
    }

    @Test
    void anEnsembleOfOneVoterLeadsAtOnceAndCommitsWhatIsDurable() {
        MiniCluster c = new MiniCluster(Set.of(1L), Set.of(), 6);
        c.startAll();
        assertThat(c.leader()).isEqualTo(1L);
        c.propose(1, "solo");
        assertThat(c.deliveredPayloads(1)).containsExactly("solo");
        c.crash(1);
        c.start(1);
        assertThat(c.leader()).isEqualTo(1L);
        assertThat(c.cores.get(1L).currentEpoch()).as("every start is a new epoch").isEqualTo(2);
        assertThat(c.deliveredPayloads(1)).as("the log is committed again on establishment").containsExactly("solo");
    }

    @Test
    void anObserverRestartsAfterAdoptingAnEpoch() {
        MiniCluster c = new MiniCluster(Set.of(1L, 2L, 3L), Set.of(4L), 7);
        c.startAll();
        assertThat(c.tickUntil(c::allUpToDate, 60)).isTrue();
        c.propose(c.leader(), "a");
        c.crash(4);
        c.start(4);
        assertThat(c.tickUntil(c::allUpToDate, 60)).isTrue();
        assertThat(c.deliveredPayloads(4)).containsExactly("a");
    }
}
