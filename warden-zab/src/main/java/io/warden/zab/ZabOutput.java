package io.warden.zab;

import java.util.List;

/** What the core asks the host to do, in the order given. */
public sealed interface ZabOutput {

    /** Send a message to another server. */
    record Send(long to, PeerMessage message) implements ZabOutput {
    }

    /**
     * Send {@code to} a {@link PeerMessage.Snap} with this link and number, holding the host's
     * snapshot at {@code zxid}: the one it last reported with {@link ZabInput.Compacted}, or else
     * the one its {@link ZabState} started from or the latest it was told to {@link Restore}. The
     * core follows it with the transactions after {@code zxid}, so no host has to capture its
     * state anew for a follower.
     */
    record SendSnapshot(long to, long link, long seq, long zxid) implements ZabOutput {
    }

    /** Make this record durable; report it with {@link ZabInput.DiskSynced}. Ids increase by one. */
    record Persist(long writeId, DiskWrite write) implements ZabOutput {
    }

    /** A committed transaction, to apply; delivered once each, in zxid order. */
    record Deliver(Entry entry) implements ZabOutput {
    }

    /** Replace the applied state with this snapshot, committed up to {@code zxid}. */
    record Restore(long zxid, SnapshotImage state) implements ZabOutput {
    }

    /** Proposals the core did not take, and why. */
    record Rejected(List<byte[]> payloads, RejectReason reason) implements ZabOutput {
    }

    /** The server's role changed. {@code leader} is 0 while looking. */
    record StateChanged(ServerState state, long leader, long epoch) implements ZabOutput {
    }

    /**
     * A leader reached broadcast: a quorum acknowledged its epoch and history up to
     * {@code zxid}, which is now committed.
     */
    record Established(long epoch, long zxid) implements ZabOutput {
    }

    /**
     * A {@link ZabInput.TransferLeadership} to {@code toServer} was refused, or given up after
     * {@code syncLimit} ticks; either way this server leads on (if it led).
     */
    record TransferRefused(long toServer, TransferRefusal reason) implements ZabOutput {
    }

    /** Why a leadership transfer was refused or given up. */
    enum TransferRefusal {
        /** This server is not an established leader. */
        NOT_LEADER,
        /** A transfer is already under way. */
        IN_PROGRESS,
        /** The target is this server. */
        SELF,
        /** The target is no server of the ensemble. */
        UNKNOWN_SERVER,
        /** The target is an observer: it cannot lead. */
        OBSERVER,
        /** The target is not a follower synchronised with this leader. */
        NOT_SYNCHRONISED,
        /** The target did not hold everything proposed within {@code syncLimit} ticks. */
        TIMED_OUT
    }

    /** Why proposals were refused. */
    enum RejectReason {
        /** This server is not an established leader. */
        NOT_LEADER,
        /**
         * {@code proposalsInFlightMax} proposals are waiting for a quorum, or the leader is handing
         * leadership to another server.
         */
        BUSY,
        /** The epoch's zxid counter is used up; the leader steps down so a new epoch starts. */
        EPOCH_EXHAUSTED
    }
}
