package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.warden.zab.PeerMessage;

class ReplicaInboxTest {
    @Test
    void everyPeerMessageIsReportedTakenOnceWhenTheDriverTakesIt() {
        ReplicaInbox inbox = new ReplicaInbox();
        List<PeerMessage> taken = new ArrayList<>();
        inbox.onPeerMessageTaken(taken::add);
        PeerMessage first = new PeerMessage.Ping(1, 0);
        PeerMessage second = new PeerMessage.Ping(1, 1);
        inbox.peerMessage(2, first);
        inbox.peerLost(3);
        inbox.peerMessage(2, second);
        assertThat(taken).as("nothing taken before the driver polls").isEmpty();

        assertThat(inbox.poll()).isEqualTo(new ReplicaInbox.PeerArrival(2, first));
        assertThat(taken).containsExactly(first);
        assertThat(inbox.poll()).isEqualTo(new ReplicaInbox.PeerLost(3));
        assertThat(inbox.poll()).isEqualTo(new ReplicaInbox.PeerArrival(2, second));
        assertThat(taken).containsExactly(first, second);
        assertThat(inbox.poll()).isNull();
    }

    @Test
    void aFailedSnapshotReachesTheDriver() {
        ReplicaInbox inbox = new ReplicaInbox();
        inbox.snapshotFailed();
        assertThat(inbox.poll()).isSameAs(ReplicaInbox.SNAPSHOT_FAILED);
    }

    @Test
    void aPeerMessageDroppedBecauseTooManyWaitIsReportedTakenAtOnce() {
        ReplicaInbox inbox = new ReplicaInbox();
        List<PeerMessage> taken = new ArrayList<>();
        inbox.onPeerMessageTaken(taken::add);
        for (int i = 0; i < ReplicaInbox.PEER_MESSAGES_WAITING_MAX; i++) {
            inbox.peerMessage(2, new PeerMessage.Ping(1, i));
        }
        assertThat(taken).isEmpty();
        PeerMessage dropped = new PeerMessage.Ping(1, -1);
        inbox.peerMessage(2, dropped);
        assertThat(taken).containsExactly(dropped);
    }
}
