package io.warden.zab;

import static io.warden.zab.HandDriven.from;
import static io.warden.zab.HandDriven.to;
import static io.warden.zab.HandDriven.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.common.Zxid;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Message orders a review found that the simulator rarely produces, replayed by hand. Before the
 * fix, the first let a later leader role count a promise the follower made to an earlier role
 * (and two leaders could then establish one epoch); the second sent an up-to-date follower to an
 * election for one lost message.
 */
class LinkRegressionTest {
    private static Entry e(long epoch, long counter) {
        return new Entry(Zxid.of(epoch, counter), new byte[] {(byte) counter});
    }

    @Test
    void aLateFollowerInfoReachingTheLeadersNextRoleCannotFakeAPromise() {
        HandDriven h = new HandDriven(Set.of(1L, 2L, 3L, 4L, 5L), Set.of());
        h.start(1, ZabState.empty());
        h.start(3, new ZabState(1, 1, 0, List.of(e(1, 1))));
        h.start(4, ZabState.empty());
        h.drop(to(2).or(to(5)));
        h.deliverAll(type(PeerMessage.Vote.class));
        h.drop(to(2).or(to(5)));
        assertThat(h.core(3).state()).isEqualTo(ServerState.LEADING);

        // role #1 of 3 offers epoch 2; 1 promises it, but its AckEpoch is held back in the network
        HandDriven.Msg followerInfo1 = h.take(from(1).and(type(PeerMessage.FollowerInfo.class)));
        h.deliver(followerInfo1);
        h.deliver(h.take(from(4).and(type(PeerMessage.FollowerInfo.class))));
        h.deliver(h.take(to(1).and(type(PeerMessage.LeaderInfo.class))));
        assertThat(h.core(1).acceptedEpoch()).isEqualTo(2);
        HandDriven.Msg ack1 = h.take(from(1).and(type(PeerMessage.AckEpoch.class)));
        h.drop(to(4).and(type(PeerMessage.LeaderInfo.class)));

        // 2, ahead of 3, joins and promises: role #1 steps down
        h.start(2, new ZabState(1, 1, 0, List.of(e(1, 1), e(1, 2))));
        h.drop(to(5));
        h.deliverAll(m -> m.m() instanceof PeerMessage.Vote && (m.from() == 2 || m.to() == 2));
        h.deliverAll(m -> (m.from() == 2 || m.to() == 2) && !(m.m() instanceof PeerMessage.Vote));
        assertThat(h.core(3).state()).isEqualTo(ServerState.LOOKING);

        // 3, 4, 5 elect 3 again: role #2, epoch 3
        h.drop(to(4).or(from(4)));
        h.start(4, ZabState.empty());
        h.start(5, ZabState.empty());
        h.drop(to(1).or(to(2)));
        h.deliverAll(m -> m.m() instanceof PeerMessage.Vote && m.from() != 1 && m.from() != 2
                && m.to() != 1 && m.to() != 2);
        h.drop(to(1).and(type(PeerMessage.Vote.class)));
        assertThat(h.core(3).state()).isEqualTo(ServerState.LEADING);

        // a late repeat of 1's first FollowerInfo reaches role #2, then the held-back AckEpoch
        h.deliver(followerInfo1);
        h.deliver(h.take(from(4).and(type(PeerMessage.FollowerInfo.class))));
        assertThat(h.core(3).acceptedEpoch()).isEqualTo(3);
        h.deliver(ack1);
        h.deliver(h.take(to(4).and(type(PeerMessage.LeaderInfo.class))));
        h.deliver(h.take(from(4).and(type(PeerMessage.AckEpoch.class))));
        assertThat(h.core(3).currentEpoch()).as("{3, 4} is no quorum of five: 1's old promise must not count")
                .isLessThan(3);
        h.deliverAll(from(3).and(to(1)).and(m -> !(m.m() instanceof PeerMessage.Vote)));
        assertThat(h.core(1).acceptedEpoch()).isEqualTo(2);
    }

    @Test
    void oneLostMessageCostsAnUpToDateFollowerAResynchronisationNotAnElection() {
        HandDriven h = new HandDriven(Set.of(1L, 2L, 3L), Set.of());
        h.start(1, ZabState.empty());
        h.start(2, ZabState.empty());
        h.start(3, ZabState.empty());
        h.deliverAll(m -> true);
        assertThat(h.core(3).isEstablishedLeader()).isTrue();
        for (int i = 0; i < 40; i++) {
            h.tick(1);
            h.tick(2);
            h.tick(3);
            h.deliverAll(m -> true);
        }
        assertThat(h.core(1).isUpToDate()).isTrue();
        h.tick(3);
        h.drop(from(3).and(to(1))); // one ping lost
        h.tick(3);
        h.deliver(h.take(from(3).and(to(1)).and(type(PeerMessage.Ping.class)))); // the next one: a gap
        assertThat(h.core(1).isUpToDate()).isFalse();
        h.tick(1);
        assertThat(h.core(1).state()).isEqualTo(ServerState.FOLLOWING);
        h.deliverAll(m -> true);
        assertThat(h.core(1).isUpToDate()).as("resynchronised on a new link").isTrue();
        assertThat(h.core(1).leaderId()).isEqualTo(3);
    }
}
