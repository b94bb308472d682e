package io.warden.zab;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.zab.ZabOutput.TransferRefusal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An established leader hands leadership to a named voter, or refuses and leads on. */
class LeadershipTransferTest {

    private static MiniCluster established(Set<Long> voters, Set<Long> observers, long seed) {
        MiniCluster c = new MiniCluster(voters, observers, seed);
        c.startAll();
        assertThat(c.tickUntil(c::allUpToDate, 60)).as("a leader is established").isTrue();
        return c;
    }

    private static List<TransferRefusal> refusals(MiniCluster c) {
        return c.events.stream().filter(o -> o instanceof ZabOutput.TransferRefused)
                .map(o -> ((ZabOutput.TransferRefused) o).reason()).toList();
    }

    @Test
    void theNamedFollowerLeadsTheNextEpochAndNothingCommittedIsLost() {
        MiniCluster c = established(Set.of(1L, 2L, 3L, 4L, 5L), Set.of(), 11);
        assertThat(c.leader()).as("without a transfer the highest id wins ties").isEqualTo(5L);
        long epoch = c.cores.get(5L).currentEpoch();
        c.propose(5, "a", "b");
        c.tickAll();

        c.input(5, new ZabInput.TransferLeadership(1));

        assertThat(c.tickUntil(() -> c.allUpToDate() && c.leader() == 1L, 30)).as("server 1 leads").isTrue();
        assertThat(c.cores.get(1L).currentEpoch()).as("the next epoch").isEqualTo(epoch + 1);
        assertThat(refusals(c)).isEmpty();
        c.propose(1, "c");
        c.tickAll();
        for (long id : c.all()) {
            assertThat(c.deliveredPayloads(id)).as("server %d", id).containsExactly("a", "b", "c");
        }
    }

    @Test
    void proposalsInFlightAreCommittedBeforeTheHandOverAndNewOnesAreRefusedMeanwhile() {
        MiniCluster c = established(Set.of(1L, 2L, 3L), Set.of(4L), 12);
        c.input(3, new ZabInput.Propose(List.of(bytes("in flight"))));
        c.input(3, new ZabInput.TransferLeadership(2));
        assertThat(c.cores.get(3L).isTransferringLeadership()).as("waits for the acknowledgements").isTrue();
        assertThat(c.cores.get(3L).proposalRoom()).isZero();
        c.events.clear();
        c.input(3, new ZabInput.Propose(List.of(bytes("refused"))));
        assertThat(c.events).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(ZabOutput.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(ZabOutput.RejectReason.BUSY)));

        assertThat(c.tickUntil(() -> c.allUpToDate() && c.leader() == 2L, 30)).as("server 2 leads").isTrue();
        assertThat(c.cores.get(4L).state()).as("the observer follows too").isEqualTo(ServerState.OBSERVING);
        c.propose(2, "after");
        c.tickAll();
        for (long id : c.all()) {
            assertThat(c.deliveredPayloads(id)).as("server %d", id).containsExactly("in flight", "after");
        }
    }

    @Test
    void refusesWhatCannotBeDone() {
        MiniCluster c = established(Set.of(1L, 2L, 3L), Set.of(4L), 13);
        c.events.clear();
        c.input(1, new ZabInput.TransferLeadership(2)); // a follower
        c.input(3, new ZabInput.TransferLeadership(3)); // itself
        c.input(3, new ZabInput.TransferLeadership(9)); // no such server
        c.input(3, new ZabInput.TransferLeadership(4)); // an observer
        assertThat(refusals(c)).containsExactly(TransferRefusal.NOT_LEADER, TransferRefusal.SELF,
                TransferRefusal.UNKNOWN_SERVER, TransferRefusal.OBSERVER);
        assertThat(c.cores.get(1L).transferRefusal(2)).isEqualTo(TransferRefusal.NOT_LEADER);

        c.cut(3, 1);
        c.propose(3, "x"); // 1 will not hold it: the transfer to 1 waits
        c.events.clear();
        c.input(3, new ZabInput.TransferLeadership(1));
        c.input(3, new ZabInput.TransferLeadership(2));
        assertThat(refusals(c)).containsExactly(TransferRefusal.IN_PROGRESS);
        assertThat(c.leader()).isEqualTo(3L);
    }

    @Test
    void aTargetThatDoesNotCatchUpWithinSyncLimitIsGivenUpAndTheLeaderLeadsOn() {
        MiniCluster c = established(Set.of(1L, 2L, 3L), Set.of(), 14);
        c.cut(3, 1);
        c.propose(3, "x");
        c.events.clear();
        c.input(3, new ZabInput.TransferLeadership(1));
        assertThat(refusals(c)).as("1 is still synchronised as far as the leader knows").isEmpty();

        for (int i = 0; i <= ZabConfig.SYNC_LIMIT_TICKS_DEFAULT; i++) {
            c.tickAll();
        }

        assertThat(refusals(c)).containsExactly(TransferRefusal.TIMED_OUT);
        assertThat(c.leader()).isEqualTo(3L);
        assertThat(c.cores.get(3L).isTransferringLeadership()).isFalse();
        assertThat(c.cores.get(3L).transferRefusal(1)).as("1 lost its link meanwhile")
                .isEqualTo(TransferRefusal.NOT_SYNCHRONISED);
        c.propose(3, "y");
        assertThat(c.deliveredPayloads(2)).containsExactly("x", "y");
        assertThat(c.deliveredPayloads(3)).containsExactly("x", "y");
    }

    @Test
    void aVoterThatMissesTheStepDownStillJoinsTheSuccessor() {
        MiniCluster c = established(Set.of(1L, 2L, 3L), Set.of(), 15);
        c.propose(3, "a");
        c.cut(3, 2);
        c.input(3, new ZabInput.TransferLeadership(1));

        assertThat(c.tickUntil(() -> c.leader() == 1L, 30)).as("1 and 3 elect 1").isTrue();
        c.heal();
        assertThat(c.tickUntil(c::allUpToDate, 60)).isTrue();
        assertThat(c.leader()).isEqualTo(1L);
        c.propose(1, "b");
        c.tickAll();
        assertThat(c.deliveredPayloads(2)).containsExactly("a", "b");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
