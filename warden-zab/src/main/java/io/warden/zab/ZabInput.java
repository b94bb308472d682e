package io.warden.zab;

import java.util.List;

/** What the host hands the core. */
public sealed interface ZabInput {

    /** The server has started (or restarted); begins an election. */
    record Start() implements ZabInput {
    }

    /** One tick of the host's clock ({@code tickTime}); all of the core's timeouts count these. */
    record Tick() implements ZabInput {
    }

    /**
     * The host lost its connections to and from {@code peer} (the peer's process or host went away,
     * or the network between them broke). Only a hint: a follower whose leader it is looks for a
     * leader at once instead of waiting {@code syncLimit} ticks; nothing else depends on it.
     */
    record PeerLost(long peer) implements ZabInput {
    }

    /** A message from another server. */
    record Receive(long from, PeerMessage message) implements ZabInput {
    }

    /** Transactions the host wants replicated; only an established leader takes them. */
    record Propose(List<byte[]> payloads) implements ZabInput {
        public Propose {
            payloads = List.copyOf(payloads);
        }
    }

    /** Every {@link ZabOutput.Persist} with an id up to {@code writeId} is durable. */
    record DiskSynced(long writeId) implements ZabInput {
    }

    /**
     * The host holds a durable snapshot of its state at {@code zxid} (a zxid it was delivered):
     * the core may forget the transactions up to it, and synchronises a follower that lacks them
     * with a snapshot instead.
     */
    record Compacted(long zxid) implements ZabInput {
    }

    /**
     * The host is receiving a snapshot from {@code from} on {@code link}: its bytes are arriving,
     * so that leader is alive even though the snapshot is not whole yet (a large one takes longer
     * than a follower waits to hear from its leader). A synchronising follower counts it as
     * hearing from its leader and tells the leader it is alive.
     */
    record SnapshotArriving(long from, long link) implements ZabInput {
    }

    /**
     * An operator asks this server, if it is the established leader, to hand leadership to voter
     * {@code toServer}: it stops taking proposals, waits (at most {@code syncLimit} ticks) until
     * that follower holds and a quorum committed everything proposed, then tells its followers
     * to elect that server and steps down. Refused with {@link ZabOutput.TransferRefused}, which
     * is also the output when the follower did not catch up in time (this server goes on leading).
     */
    record TransferLeadership(long toServer) implements ZabInput {
    }
}
