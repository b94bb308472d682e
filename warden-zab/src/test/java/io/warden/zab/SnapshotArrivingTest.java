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
 * A snapshot that takes longer to arrive than a follower waits to hear from its leader: while the
 * host says its bytes are arriving, the follower keeps its link and tells the leader it is alive;
 * without that it would open a new link, and the snapshot would arrive on a dead one.
 */
class SnapshotArrivingTest {
    private static final Set<Long> VOTERS = Set.of(1L, 2L, 3L);

    /** 2 and 3 hold a snapshot at 0x100000005 and one transaction after it; 1 holds nothing and needs the snapshot. */
    private static HandDriven followerAwaitingASnapshot() {
        HandDriven h = new HandDriven(VOTERS, Set.of());
        List<Entry> log = List.of(new Entry(Zxid.of(1, 6), new byte[] {6}));
        h.start(2, new ZabState(1, 1, Zxid.of(1, 5), log));
        h.start(3, new ZabState(1, 1, Zxid.of(1, 5), log));
        h.deliverAll(m -> m.to() != 1);
        h.drop(to(1)); // 1 was not running
        h.start(1, ZabState.empty()); // joins the established leader
        // everything but what the leader sends 1 after its LeaderInfo: the snapshot and what follows it
        h.deliverAll(m -> !(m.from() == 3 && m.to() == 1 && m.m() instanceof PeerMessage.OnLink l && l.seq() >= 1));
        assertThat(h.core(3).state()).isEqualTo(ServerState.LEADING);
        assertThat(h.core(1).state()).isEqualTo(ServerState.FOLLOWING);
        return h;
    }

    @Test
    void aFollowerHearingThatItsSnapshotIsArrivingKeepsItsLinkAndTellsTheLeader() {
        HandDriven h = followerAwaitingASnapshot();
        PeerMessage.Snap snap = (PeerMessage.Snap) h.take(to(1).and(type(PeerMessage.Snap.class))).m();
        assertThat(snap.zxid()).as("the leader's newest snapshot, not its committed zxid").isEqualTo(Zxid.of(1, 5));
        h.net.clear();
        int resendTicks = ZabConfig.of(1, VOTERS, Set.of()).electionResendTicks();

        for (int i = 0; i < 3 * resendTicks; i++) {
            h.input(1, new ZabInput.SnapshotArriving(3, snap.link()));
            h.tick(1);
        }
        assertThat(h.net).as("no new link while the snapshot arrives")
                .noneMatch(from(1).and(type(PeerMessage.FollowerInfo.class)));
        assertThat(h.net).as("the leader hears that the follower is alive")
                .anyMatch(from(1).and(to(3)).and(type(PeerMessage.PingReply.class)));

        h.input(1, new ZabInput.SnapshotArriving(2, snap.link())); // not its leader: no effect
        h.input(1, new ZabInput.SnapshotArriving(3, snap.link() + 1)); // another link: no effect
        for (int i = 0; i < resendTicks; i++) {
            h.tick(1);
        }
        assertThat(h.net).as("without news of the snapshot the follower opens a new link")
                .anyMatch(from(1).and(type(PeerMessage.FollowerInfo.class)));
    }
}
