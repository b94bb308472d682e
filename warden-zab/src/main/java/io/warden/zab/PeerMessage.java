package io.warden.zab;

import java.util.List;

/**
 * What servers send each other. Election votes stand alone. Everything between a leader and one
 * follower travels on a <em>link</em>: the follower opens it with {@link FollowerInfo} under a
 * fresh link id, and each side numbers its messages on it from 0. A receiver takes only the next
 * number; a repeat is dropped, and a gap (a lost message) ends the link, after which the follower
 * opens a new one and is synchronised again. This gives the FIFO channel ZAB needs over a network
 * that loses, repeats and reorders. The leader renames the link when it offers its epoch (see
 * {@link LeaderInfo}).
 */
public sealed interface PeerMessage {

    /** A message on a leader-follower link. */
    sealed interface OnLink extends PeerMessage {
        long link();

        long seq();
    }

    /**
     * An election notification: the sender's election round and state, and whom it votes for
     * (or, when not looking, whom it follows), with that candidate's current epoch and last zxid.
     */
    record Vote(long round, ServerState state, long leader, long epoch, long zxid) implements PeerMessage {
    }

    /** Follower to leader, opens a link: the newest epoch the follower has accepted. */
    record FollowerInfo(long link, long seq, long acceptedEpoch) implements OnLink {
    }

    /**
     * Leader to follower: the epoch the leader proposes (ZAB's NEWEPOCH). From here on both sides
     * use {@code nextLink}, a fresh id the leader chose: a link belongs to one leader role, so a
     * late repeat of a {@code FollowerInfo} reaching a later role of the same server can never
     * join that role to a conversation the follower holds with an earlier one.
     */
    record LeaderInfo(long link, long seq, long epoch, long nextLink) implements OnLink {
    }

    /**
     * Follower to leader: the epoch was accepted; the follower's history is this recent.
     * {@code promise} is false when the follower had already promised this epoch (or is an
     * observer): it is synchronised but does not count towards the epoch's quorum.
     */
    record AckEpoch(long link, long seq, long epoch, long currentEpoch, long lastZxid, boolean promise)
            implements OnLink {
    }

    /** Leader to follower: drop every logged transaction after {@code zxid}. */
    record Trunc(long link, long seq, long zxid) implements OnLink {
    }

    /** Leader to follower: replace everything with this state, committed up to {@code zxid}. */
    record Snap(long link, long seq, long zxid, SnapshotImage state) implements OnLink {
    }

    /** Leader to follower: transactions to log, in zxid order, following the follower's last one. */
    record Proposals(long link, long seq, List<Entry> entries) implements OnLink {
        public Proposals {
            entries = List.copyOf(entries);
        }
    }

    /** Leader to follower: every transaction up to {@code zxid} is committed. */
    record Commit(long link, long seq, long zxid) implements OnLink {
    }

    /** Leader to follower: synchronisation is complete up to {@code zxid}; adopt {@code epoch}. */
    record NewLeader(long link, long seq, long epoch, long zxid) implements OnLink {
    }

    /** Follower to leader: the new epoch and the history up to {@code zxid} are durable. */
    record AckNewLeader(long link, long seq, long zxid) implements OnLink {
    }

    /** Leader to follower: a quorum is synchronised; broadcast has begun. */
    record UpToDate(long link, long seq) implements OnLink {
    }

    /** Follower to leader: every transaction up to {@code zxid} is durable here. */
    record Ack(long link, long seq, long zxid) implements OnLink {
    }

    /** Leader to follower, every tick, so that each side knows the other is there. */
    record Ping(long link, long seq) implements OnLink {
    }

    /** Follower to leader: the answer to a {@link Ping}. */
    record PingReply(long link, long seq) implements OnLink {
    }

    /**
     * Leader to follower, after everything it proposed and committed: the leader steps down and
     * hands leadership to {@code successor}, whose history is {@code epoch} and {@code zxid}.
     * The follower elects again, voting for the successor first.
     */
    record StepDown(long link, long seq, long successor, long epoch, long zxid) implements OnLink {
    }

    /** Leader to follower, outside the numbering: the link is gone; open a new one. */
    record Reconnect(long link) implements PeerMessage {
    }

    /**
     * A message between the request pipelines of two servers (a client request a follower
     * forwards to its leader, say). The consensus core never reads one: its host takes it out of
     * the traffic before the core sees it. It travels beside the leader-follower link, in order
     * with it but outside its numbering, and may be lost like any message.
     */
    record Relay(byte[] payload) implements PeerMessage {
        public Relay {
            if (payload == null) {
                throw new IllegalArgumentException("a relay without a payload");
            }
        }
    }
}
