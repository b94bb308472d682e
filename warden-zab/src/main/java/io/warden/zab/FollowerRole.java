package io.warden.zab;

import io.warden.common.Checks;
import io.warden.common.Zxid;
import io.warden.zab.PeerMessage.AckEpoch;
import io.warden.zab.PeerMessage.AckNewLeader;
import io.warden.zab.PeerMessage.Commit;
import io.warden.zab.PeerMessage.FollowerInfo;
import io.warden.zab.PeerMessage.LeaderInfo;
import io.warden.zab.PeerMessage.NewLeader;
import io.warden.zab.PeerMessage.OnLink;
import io.warden.zab.PeerMessage.Ping;
import io.warden.zab.PeerMessage.PingReply;
import io.warden.zab.PeerMessage.Proposals;
import io.warden.zab.PeerMessage.Reconnect;
import io.warden.zab.PeerMessage.Snap;
import io.warden.zab.PeerMessage.StepDown;
import io.warden.zab.PeerMessage.Trunc;
import io.warden.zab.PeerMessage.UpToDate;
import io.warden.zab.PeerMessage.Vote;

/**
 * Following (or observing) one leader: open a link, accept the leader's epoch once it is durable,
 * take the synchronisation (truncate, snapshot, missing transactions), adopt the epoch when the
 * leader says synchronisation is complete, then log proposals, acknowledge them once durable and
 * deliver what the leader says is committed. Losing the leader for {@code syncLimitTicks}, or
 * not being up to date within {@code initLimitTicks}, sends the server back to an election; so
 * does a leader that steps down in favour of a successor ({@link StepDown}), which this server
 * then votes for first.
 */
final class FollowerRole implements Role {
    private enum Phase { CONNECTING, ACCEPTING_EPOCH, SYNCING, ACKING_NEW_LEADER, UP_TO_DATE }

    private final ZabCore core;
    private final ZabConfig config;
    private final long leader;
    private final boolean observer;
    private long link;
    private LinkSequence sequence;
    private Phase phase;
    /** The epoch the leader offered on this link. */
    private long linkEpoch;
    private int ticksSinceHeard;
    /** Ticks since this server was last up to date with the leader (or began to follow it). */
    private int ticksNotUpToDate;
    /**
     * The leader's election round when this server chose it: a LOOKING vote from the leader of a
     * newer round means it left. The leader's, not this server's: rounds drift apart (a server
     * that once chose a leader that never led elected once more), and a leader that steps down
     * may elect in a round this server has already passed.
     */
    private final long followedAtRound;

    FollowerRole(ZabCore core, long leader, long leaderRound) {
        this.core = core;
        this.config = core.config;
        this.leader = leader;
        this.observer = config.isObserver();
        this.followedAtRound = leaderRound;
    }

    @Override
    public ServerState state() {
        return observer ? ServerState.OBSERVING : ServerState.FOLLOWING;
    }

    @Override
    public long leaderId() {
        return leader;
    }

    boolean isUpToDate() {
        return phase == Phase.UP_TO_DATE;
    }

    @Override
    public void start() {
        openLink();
    }

    private void openLink() {
        link = core.newLinkId();
        sequence = new LinkSequence(0, 0);
        phase = Phase.CONNECTING;
        ticksSinceHeard = 0;
        core.send(leader, new FollowerInfo(link, sequence.nextOut(), core.acceptedEpoch));
    }

    @Override
    public void tick() {
        ticksSinceHeard++;
        ticksNotUpToDate = phase == Phase.UP_TO_DATE ? 0 : ticksNotUpToDate + 1;
        if (phase == Phase.UP_TO_DATE ? ticksSinceHeard > config.syncLimitTicks()
                : ticksNotUpToDate > config.initLimitTicks()) {
            core.lookForLeader();
        } else if (ticksSinceHeard >= config.electionResendTicks() && phase != Phase.UP_TO_DATE) {
            openLink(); // nothing heard on this link lately: a message may have been lost
        }
    }

    /**
     * A snapshot from the leader is arriving on this link: the leader is alive (its pings wait
     * behind the snapshot on the same connection), and it is told that this server is too.
     */
    @Override
    public void snapshotArriving(long from, long arrivingLink) {
        if (from == leader && arrivingLink == link && phase == Phase.SYNCING) {
            ticksSinceHeard = 0;
            reply(new PingReply(link, sequence.nextOut()));
        }
    }

    /**
     * The connections to and from the leader both closed: its process or the network to it is
     * gone, and waiting {@code syncLimit} ticks for it would only keep the clients waiting.
     */
    @Override
    public void peerLost(long peer) {
        if (peer == leader) {
            core.lookForLeader();
        }
    }

    private Vote myVote() {
        return new Vote(core.electionRound, state(), leader, core.currentEpoch, core.log.lastZxid());
    }

    @Override
    public void receive(long from, PeerMessage message) {
        if (message instanceof Vote vote) {
            if (vote.state() == ServerState.LOOKING && from == leader && vote.round() > followedAtRound) {
                // The leader stepped down and is electing again. Its vote may have overtaken its
                // StepDown (votes travel apart from the link): a vote for another server names
                // the successor it hands leadership to. Or the server this one elected has not
                // begun to lead yet and is still electing itself, a round ahead (rounds drift
                // apart; after a hand-over it may hear of the StepDown after the others agreed on
                // it): this server votes for it first again rather than starting from its own id.
                boolean stillElectingItself = vote.leader() == leader && phase == Phase.CONNECTING;
                core.lookForLeader(vote.leader() != 0 && (vote.leader() != leader || stillElectingItself)
                        ? new Successor(vote.leader(), vote.epoch(), vote.zxid()) : null);
            } else if (vote.state() == ServerState.LOOKING) {
                core.send(from, myVote());
            } else if (from == leader && phase == Phase.CONNECTING && vote.leader() != leader
                    && vote.round() >= followedAtRound) {
                // The server this one elected settled on another (this server heard its vote
                // before the others', or it has not heard of the StepDown that named it yet): it
                // does not lead now, so there is no initLimit to wait out. This server still
                // votes for it first; where another leads, that one's followers' votes decide.
                core.lookForLeader(new Successor(leader, vote.epoch(), vote.zxid()));
            }
            return;
        }
        if (from != leader) {
            if (message instanceof FollowerInfo) {
                core.send(from, myVote()); // it wants to follow this server, which follows another
            }
            return;
        }
        if (message instanceof Reconnect r) {
            if (r.link() == link) {
                openLink();
            }
            return;
        }
        OnLink m = (OnLink) message;
        if (m.link() != link) {
            return;
        }
        switch (sequence.accept(m.seq())) {
            case REPEAT:
                return;
            case GAP:
                openLink();
                return;
            default:
                break;
        }
        ticksSinceHeard = 0;
        if (m instanceof LeaderInfo li) {
            onLeaderInfo(li);
        } else if (m instanceof Trunc t) {
            onTrunc(t);
        } else if (m instanceof Snap s) {
            onSnap(s);
        } else if (m instanceof Proposals p) {
            onProposals(p);
        } else if (m instanceof Commit c) {
            Checks.check(phase != Phase.CONNECTING && phase != Phase.ACCEPTING_EPOCH,
                    "commit before synchronisation began");
            core.commitUpTo(c.zxid());
        } else if (m instanceof NewLeader nl) {
            onNewLeader(nl);
        } else if (m instanceof UpToDate) {
            phase = Phase.UP_TO_DATE;
        } else if (m instanceof StepDown sd) {
            core.lookForLeader(new Successor(sd.successor(), sd.epoch(), sd.zxid()));
        } else if (m instanceof Ping) {
            reply(new PingReply(link, sequence.nextOut()));
        }
    }

    private void onLeaderInfo(LeaderInfo info) {
        Checks.check(phase == Phase.CONNECTING, "epoch offered twice on one link");
        link = info.nextLink(); // the link now belongs to this leader role alone
        long epoch = info.epoch();
        boolean promise;
        if (observer) {
            // Observers do not vote: their acknowledgement is no promise; they only refuse to go back.
            if (epoch < core.currentEpoch) {
                core.lookForLeader();
                return;
            }
            if (epoch > core.acceptedEpoch) {
                core.acceptedEpoch = epoch;
                core.saveEpochs();
            }
            promise = false;
        } else if (epoch > core.acceptedEpoch) {
            core.acceptedEpoch = epoch;
            core.saveEpochs();
            core.promisedTo = leader;
            promise = true;
        } else if (epoch == core.acceptedEpoch) {
            // Already promised this epoch. To this leader (an earlier link was lost): promise again;
            // its quorum counts servers, not messages. To a candidate that lost, or forgotten in a
            // restart: no second promise, but this server may still be synchronised, as in ZooKeeper.
            promise = core.promisedTo == leader;
        } else {
            core.lookForLeader(); // a promise to a newer epoch stands
            return;
        }
        linkEpoch = epoch;
        phase = Phase.ACCEPTING_EPOCH;
        long thisLink = link;
        core.disk.whenDurable(() -> {
            if (onLink(thisLink)) {
                phase = Phase.SYNCING;
                reply(new AckEpoch(link, sequence.nextOut(), epoch, core.currentEpoch, core.log.lastZxid(), promise));
            }
        });
    }

    private void onTrunc(Trunc t) {
        expectSyncing("TRUNC");
        if (observer && t.zxid() < core.committedZxid) {
            core.lookForLeader(); // a stale leader: this observer already delivered more
            return;
        }
        Checks.check(t.zxid() >= core.committedZxid, "server %d told to truncate to %s below committed %s",
                config.myId(), Zxid.toHex(t.zxid()), Zxid.toHex(core.committedZxid));
        core.log.truncateAfter(t.zxid());
        core.persist(new DiskWrite.TruncateAfter(t.zxid()));
    }

    private void onSnap(Snap s) {
        expectSyncing("SNAP");
        if (observer && s.zxid() < core.committedZxid) {
            core.lookForLeader(); // a stale leader: this observer already delivered more
            return;
        }
        Checks.check(s.zxid() >= core.committedZxid, "server %d sent a snapshot at %s below committed %s",
                config.myId(), Zxid.toHex(s.zxid()), Zxid.toHex(core.committedZxid));
        core.log.reset(s.zxid());
        core.committedZxid = s.zxid();
        core.persist(new DiskWrite.InstallSnapshot(s.zxid(), s.state()));
        core.out().add(new ZabOutput.Restore(s.zxid(), s.state()));
    }

    private void onProposals(Proposals p) {
        Checks.check(phase == Phase.SYNCING || phase == Phase.ACKING_NEW_LEADER || phase == Phase.UP_TO_DATE,
                "proposals before the epoch was accepted");
        for (Entry e : p.entries()) {
            core.append(e);
        }
        if (phase != Phase.SYNCING && !observer) {
            acknowledgeWhenDurable();
        }
    }

    private void acknowledgeWhenDurable() {
        long thisLink = link;
        long zxid = core.log.lastZxid();
        core.disk.whenDurable(() -> {
            if (onLink(thisLink)) {
                reply(new PeerMessage.Ack(link, sequence.nextOut(), zxid));
            }
        });
    }

    private void onNewLeader(NewLeader nl) {
        expectSyncing("NEWLEADER");
        Checks.check(nl.epoch() == linkEpoch, "server %d accepted epoch %d, NEWLEADER says %d", config.myId(),
                linkEpoch, nl.epoch());
        Checks.check(core.log.lastZxid() == nl.zxid(), "server %d synchronised to %s, leader says %s",
                config.myId(), Zxid.toHex(core.log.lastZxid()), Zxid.toHex(nl.zxid()));
        if (core.currentEpoch != nl.epoch()) {
            core.currentEpoch = nl.epoch();
            core.saveEpochs();
        }
        phase = Phase.ACKING_NEW_LEADER;
        long thisLink = link;
        long zxid = nl.zxid();
        core.disk.whenDurable(() -> {
            if (onLink(thisLink)) {
                reply(new AckNewLeader(link, sequence.nextOut(), zxid));
            }
        });
    }

    private void expectSyncing(String what) {
        Checks.check(phase == Phase.SYNCING, "%s outside synchronisation (phase %s)", what, phase);
    }

    private boolean onLink(long expectedLink) {
        return core.isCurrent(this) && link == expectedLink;
    }

    private void reply(OnLink message) {
        core.send(leader, message);
    }

    @Override
    public void propose(ZabInput.Propose proposal) {
        core.out().add(new ZabOutput.Rejected(proposal.payloads(), ZabOutput.RejectReason.NOT_LEADER));
    }

    @Override
    public void stop() {
    }
}
