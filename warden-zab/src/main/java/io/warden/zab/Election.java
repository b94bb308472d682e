package io.warden.zab;

import io.warden.zab.PeerMessage.FollowerInfo;
import io.warden.zab.PeerMessage.Vote;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The looking state: fast leader election. Each voter proposes the most recent history it has
 * heard of (by current epoch, last zxid, server id), adopts any better one it hears in its round,
 * and decides when a quorum of voters in its round proposes the same. A server that hears from a
 * quorum already following or leading one leader (whose own vote says it leads) joins it; in its
 * own round, votes of voters that settled on a server count with the looking ones for it.
 * Observers never vote; they only join a leader found that way. After a leadership transfer a
 * voter votes first for the successor the old leader named, and prefers it over candidates with
 * the same history; a more recent history still wins.
 */
final class Election implements Role {
    private final ZabCore core;
    private final ZabConfig config;
    /** The successor a stepping-down leader named, or null. */
    private final Successor successor;
    private long proposedLeader;
    private long proposedEpoch;
    private long proposedZxid;
    /** Votes of voters looking in this round, by sender, including this server's own. */
    private final Map<Long, Vote> roundVotes = new HashMap<>();
    /** Votes of servers that are following or leading, by sender, whatever their round. */
    private final Map<Long, Vote> settledVotes = new HashMap<>();
    /** FollowerInfos that reached this server while it looked, the latest by sender (see {@link #receive}). */
    private final Map<Long, FollowerInfo> earlyFollowerInfos = new LinkedHashMap<>();
    private int ticksSinceSent;
    /** Ticks this election has preferred the {@link #successor}. */
    private int ticksPreferring;
    /** Vote resends after which an election that preferred a successor starts over without it. */
    static final int SUCCESSOR_PREFERRED_RESENDS = 3;

    Election(ZabCore core, Successor successor) {
        this.core = core;
        this.config = core.config;
        this.successor = successor;
    }

    @Override
    public ServerState state() {
        return ServerState.LOOKING;
    }

    @Override
    public long leaderId() {
        return 0;
    }

    @Override
    public void start() {
        core.electionRound++;
        voteInitially();
        broadcast();
        if (!config.isObserver()) {
            roundVotes.put(config.myId(), myVote());
            if (agreed(roundVotes, proposedLeader, proposedEpoch, proposedZxid)) {
                decide(proposedLeader); // an ensemble of one voter
            }
        }
    }

    /**
     * This server's first vote of a round: itself, or the successor it was told of when that one's
     * history is at least as recent (it always is, unless the successor was named wrongly).
     */
    private void voteInitially() {
        voteForSelf();
        if (successor != null && !config.isObserver()) {
            adoptIfNewer(new Vote(core.electionRound, ServerState.LOOKING, successor.id(), successor.epoch(),
                    successor.zxid()));
        }
    }

    private void voteForSelf() {
        if (config.isObserver()) {
            proposedLeader = 0;
            proposedEpoch = 0;
            proposedZxid = 0;
        } else {
            proposedLeader = config.myId();
            proposedEpoch = core.currentEpoch;
            proposedZxid = core.log.lastZxid();
        }
    }

    private Vote myVote() {
        return new Vote(core.electionRound, ServerState.LOOKING, proposedLeader, proposedEpoch, proposedZxid);
    }

    private void broadcast() {
        Vote vote = myVote();
        for (long peer : config.voters()) {
            if (peer != config.myId()) {
                core.send(peer, vote);
            }
        }
        ticksSinceSent = 0;
    }

    @Override
    public void tick() {
        if (successor != null && ++ticksPreferring > SUCCESSOR_PREFERRED_RESENDS * config.electionResendTicks()) {
            // Voters that never heard of the successor order candidates plainly; one order for
            // everyone is what lets an election end, so the preference lasts a few rounds only.
            core.lookForLeader();
            return;
        }
        if (++ticksSinceSent >= config.electionResendTicks()) {
            broadcast();
        }
    }

    @Override
    public void receive(long from, PeerMessage message) {
        if (message instanceof FollowerInfo info) {
            // A voter that decided on this server before this server did: kept for the leader role
            // this server may take, which would otherwise hear of it only at the voter's next try.
            earlyFollowerInfos.put(from, info);
            return;
        }
        if (!(message instanceof Vote vote)) {
            return; // leader-follower traffic for a role this server no longer has
        }
        if (vote.state() == ServerState.LOOKING) {
            receiveLooking(from, vote);
        } else {
            receiveSettled(from, vote);
        }
    }

    private void receiveLooking(long from, Vote vote) {
        if (!config.quorum().isVoter(from) || config.isObserver()) {
            return;
        }
        if (vote.round() > core.electionRound) {
            core.electionRound = vote.round();
            roundVotes.clear();
            voteInitially();
            adoptIfNewer(vote);
            broadcast();
        } else if (vote.round() < core.electionRound) {
            core.send(from, myVote());
            return;
        } else if (adoptIfNewer(vote)) {
            broadcast();
        } else if (vote.leader() != proposedLeader) {
            // It proposes a candidate behind ours and may never have heard ours (it was following
            // when we sent it): tell it now rather than at the next resend.
            core.send(from, myVote());
        }
        settledVotes.remove(from); // it looks again: whatever it said it followed is over
        roundVotes.put(from, vote);
        roundVotes.put(config.myId(), myVote());
        if (agreed(roundVotes, proposedLeader, proposedEpoch, proposedZxid) || agreedInThisRound(proposedLeader)) {
            decide(proposedLeader);
        }
    }

    private boolean adoptIfNewer(Vote vote) {
        if (vote.leader() == 0 || !config.quorum().isVoter(vote.leader())) {
            return false;
        }
        long preferred = successor == null ? 0 : successor.id();
        if (VoteOrder.isNewer(vote.epoch(), vote.zxid(), vote.leader(), proposedEpoch, proposedZxid, proposedLeader,
                preferred)) {
            proposedLeader = vote.leader();
            proposedEpoch = vote.epoch();
            proposedZxid = vote.zxid();
            return true;
        }
        return false;
    }

    private boolean agreed(Map<Long, Vote> votes, long leader, long epoch, long zxid) {
        Set<Long> agreeing = new HashSet<>();
        for (Map.Entry<Long, Vote> e : votes.entrySet()) {
            Vote v = e.getValue();
            if (v.leader() == leader && v.epoch() == epoch && v.zxid() == zxid) {
                agreeing.add(e.getKey());
            }
        }
        return config.quorum().isQuorum(agreeing);
    }

    private void receiveSettled(long from, Vote vote) {
        if (vote.leader() == 0 || !config.quorum().isVoter(vote.leader())) {
            return;
        }
        settledVotes.put(from, vote);
        Vote looking = roundVotes.get(from);
        if (looking != null && looking.leader() != vote.leader()) {
            roundVotes.remove(from); // it settled on another server than it proposed
        }
        if (vote.round() == core.electionRound && agreedInThisRound(vote.leader())) {
            decide(vote.leader());
            return;
        }
        Set<Long> following = new HashSet<>();
        for (Map.Entry<Long, Vote> e : settledVotes.entrySet()) {
            if (e.getValue().leader() == vote.leader()) {
                following.add(e.getKey());
            }
        }
        if (leaderSaysSo(vote.leader()) && config.quorum().isQuorum(following)) {
            if (vote.round() > core.electionRound) {
                core.electionRound = vote.round();
            }
            decide(vote.leader());
        }
    }

    /**
     * True when the voters that name {@code leader} in this round, still looking or since settled
     * (following it, or it leading), make a quorum and {@code leader} will lead: it says it leads,
     * or it is this server proposing itself. Voters that agreed on a server and settled before
     * this one heard their looking votes (it was still following the leader that stepped down,
     * say) count that way, as the looking ones do; without this the one left looking would wait
     * for a quorum of settled votes alone, and the leader for it, until their limits ran out.
     */
    private boolean agreedInThisRound(long leader) {
        if (leader == config.myId() ? proposedLeader != config.myId() : !leaderSaysSo(leader)) {
            return false;
        }
        Set<Long> agreeing = new HashSet<>();
        for (Map.Entry<Long, Vote> e : roundVotes.entrySet()) {
            if (e.getValue().leader() == leader) {
                agreeing.add(e.getKey());
            }
        }
        for (Map.Entry<Long, Vote> e : settledVotes.entrySet()) {
            if (e.getValue().leader() == leader && e.getValue().round() == core.electionRound) {
                agreeing.add(e.getKey());
            }
        }
        return config.quorum().isQuorum(agreeing);
    }

    private boolean leaderSaysSo(long leader) {
        Vote leaderOwn = settledVotes.get(leader);
        return leaderOwn != null && leaderOwn.state() == ServerState.LEADING;
    }

    private void decide(long leader) {
        if (leader == config.myId()) {
            core.lead(earlyFollowerInfos);
        } else {
            // The leader's own round, where it says it leads; else the round this server agreed in
            // (rounds drift apart: this server's may be ahead of its leader's).
            core.follow(leader, leaderSaysSo(leader) ? settledVotes.get(leader).round() : core.electionRound);
        }
    }

    @Override
    public void propose(ZabInput.Propose proposal) {
        core.out().add(new ZabOutput.Rejected(proposal.payloads(), ZabOutput.RejectReason.NOT_LEADER));
    }

    @Override
    public void stop() {
    }
}
