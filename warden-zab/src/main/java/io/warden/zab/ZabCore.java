package io.warden.zab;

import io.warden.common.Checks;
import io.warden.common.RandomSource;
import io.warden.common.Zxid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One server's consensus core: a deterministic state machine. The host calls {@link #handle} with
 * each input and carries out the outputs in order. The core keeps the epochs, the transactions
 * after the host's snapshot and what is committed; the role of the moment (looking, leading,
 * following) decides what each input means.
 */
public final class ZabCore {
    final ZabConfig config;
    final RandomSource random;
    final ZabLog log;
    final DiskQueue disk = new DiskQueue();
    long acceptedEpoch;
    long currentEpoch;
    long committedZxid;
    /**
     * The leader this server last promised {@code acceptedEpoch} to, in this process only (0 after
     * a restart): a re-offer of that epoch by that leader is promised again.
     */
    long promisedTo;
    /** Election rounds, kept across elections as ZooKeeper's logical clock. */
    long electionRound;
    private Role role;
    private List<ZabOutput> out = new ArrayList<>();

    public ZabCore(ZabConfig config, ZabState state, RandomSource random) {
        this.config = config;
        this.random = random;
        this.acceptedEpoch = state.acceptedEpoch();
        this.currentEpoch = state.currentEpoch();
        this.log = new ZabLog(state.snapshotZxid(), state.log());
        this.committedZxid = state.snapshotZxid();
    }

    /** Takes one input; appends what the host must do, in order, to {@code outputs}. */
    public void handle(ZabInput input, List<ZabOutput> outputs) {
        out = outputs;
        if (input instanceof ZabInput.Start) {
            Checks.check(role == null, "server %d started twice", config.myId());
            lookForLeader();
        } else if (role == null) {
            if (input instanceof ZabInput.Propose p) {
                outputs.add(new ZabOutput.Rejected(p.payloads(), ZabOutput.RejectReason.NOT_LEADER));
            } else if (input instanceof ZabInput.TransferLeadership t) {
                outputs.add(new ZabOutput.TransferRefused(t.toServer(), ZabOutput.TransferRefusal.NOT_LEADER));
            }
        } else if (input instanceof ZabInput.Tick) {
            role.tick();
        } else if (input instanceof ZabInput.Receive r) {
            Checks.check(!(r.message() instanceof PeerMessage.Relay), "a relay from %d reached the consensus core",
                    r.from());
            if (r.from() != config.myId()) {
                role.receive(r.from(), r.message());
            }
        } else if (input instanceof ZabInput.Propose p) {
            role.propose(p);
        } else if (input instanceof ZabInput.TransferLeadership t) {
            ZabOutput.TransferRefusal refusal = transferRefusal(t.toServer());
            if (refusal != null) {
                outputs.add(new ZabOutput.TransferRefused(t.toServer(), refusal));
            } else {
                ((LeaderRole) role).transferTo(t.toServer());
            }
        } else if (input instanceof ZabInput.PeerLost lost) {
            role.peerLost(lost.peer());
        } else if (input instanceof ZabInput.SnapshotArriving arriving) {
            role.snapshotArriving(arriving.from(), arriving.link());
        } else if (input instanceof ZabInput.DiskSynced d) {
            disk.synced(d.writeId());
        } else if (input instanceof ZabInput.Compacted c) {
            Checks.check(c.zxid() <= committedZxid, "snapshot at %s is past the committed %s", Zxid.toHex(c.zxid()),
                    Zxid.toHex(committedZxid));
            log.compact(c.zxid());
        } else {
            throw new IllegalArgumentException("unknown input " + input);
        }
    }

    public long myId() {
        return config.myId();
    }

    public ZabConfig config() {
        return config;
    }

    public ServerState state() {
        return role == null ? ServerState.LOOKING : role.state();
    }

    /** The leader this server follows or is, 0 while looking. */
    public long leaderId() {
        return role == null ? 0 : role.leaderId();
    }

    public long currentEpoch() {
        return currentEpoch;
    }

    public long acceptedEpoch() {
        return acceptedEpoch;
    }

    public long lastZxid() {
        return log.lastZxid();
    }

    public long committedZxid() {
        return committedZxid;
    }

    /** True when this server leads and broadcast has begun: it takes proposals. */
    public boolean isEstablishedLeader() {
        return role instanceof LeaderRole l && l.isEstablished();
    }

    /**
     * True when this server may serve clients: it is the established leader, or it follows (or
     * observes) one and has been told it is up to date.
     */
    public boolean isUpToDate() {
        return isEstablishedLeader() || (role instanceof FollowerRole f && f.isUpToDate());
    }

    /**
     * Why a {@link ZabInput.TransferLeadership} to {@code toServer} would be refused now, or null
     * when it would start: this server must be the established leader, not handing over already,
     * and the target another voter that is a synchronised follower of it.
     */
    public ZabOutput.TransferRefusal transferRefusal(long toServer) {
        if (!(role instanceof LeaderRole leader) || !leader.isEstablished()) {
            return ZabOutput.TransferRefusal.NOT_LEADER;
        }
        if (leader.isTransferring()) {
            return ZabOutput.TransferRefusal.IN_PROGRESS;
        }
        if (toServer == config.myId()) {
            return ZabOutput.TransferRefusal.SELF;
        }
        if (config.observers().contains(toServer)) {
            return ZabOutput.TransferRefusal.OBSERVER;
        }
        if (!config.voters().contains(toServer)) {
            return ZabOutput.TransferRefusal.UNKNOWN_SERVER;
        }
        if (!leader.isSynchronised(toServer)) {
            return ZabOutput.TransferRefusal.NOT_SYNCHRONISED;
        }
        return null;
    }

    /** True while this leader hands leadership over: it takes no proposals meanwhile. */
    public boolean isTransferringLeadership() {
        return role instanceof LeaderRole leader && leader.isTransferring();
    }

    /**
     * How many more proposals an established leader takes before refusing them as {@code BUSY}
     * ({@code proposalsInFlightMax} minus the uncommitted ones); 0 for any other server, while
     * leadership is being handed over, and while {@link #proposalBytesRoom()} is 0 (the host then
     * keeps its proposals until its next snapshot makes room).
     */
    public int proposalRoom() {
        if (!isEstablishedLeader() || isTransferringLeadership() || proposalBytesRoom() == 0) {
            return 0;
        }
        return Math.max(0, config.proposalsInFlightMax() - log.countAfter(committedZxid));
    }

    /**
     * How many more payload bytes this server holds in memory before a leader takes no more
     * proposals ({@code retainedBytesMax} minus {@link #retainedBytes()}); while it is 0, {@link
     * #proposalRoom()} is 0 too. A host hands over proposals while there is room, so a leader holds
     * at most one proposal's bytes past the bound.
     */
    public long proposalBytesRoom() {
        return Math.max(0, config.retainedBytesMax() - log.payloadBytes());
    }

    /**
     * The payload bytes of the transactions this server holds in memory: every one after its
     * host's last snapshot ({@link ZabInput.Compacted}), committed or not.
     */
    public long retainedBytes() {
        return log.payloadBytes();
    }

    /**
     * What a leader knows of the servers that follow it: every follower and observer with a link
     * ({@code learners}), and the voting and non-voting ones that hold its history. All zero for
     * any other server.
     */
    public record Learners(int learners, int syncedFollowers, int syncedObservers) {
        static final Learners NONE = new Learners(0, 0, 0);
    }

    public Learners learners() {
        return role instanceof LeaderRole l ? l.learners() : Learners.NONE;
    }

    /**
     * What a leader knows of one server with a link to it: whether it votes, whether it holds the
     * leader's history ({@code synced}), and the last zxid it acknowledged (-1 before its first).
     */
    public record FollowerProgress(long serverId, boolean voter, boolean synced, long ackedZxid) {
    }

    /** Each follower and observer with a link to this leader, by server id; empty on any other server. */
    public List<FollowerProgress> followerProgress() {
        return role instanceof LeaderRole l ? l.progress() : List.of();
    }

    /** The zxid the next proposal would get, or -1 when this server does not take proposals. */
    public long nextZxid() {
        return role instanceof LeaderRole l ? l.nextZxid() : -1;
    }

    @Override
    public String toString() {
        return "server " + config.myId() + " " + state() + " epoch " + currentEpoch + " last "
                + Zxid.toHex(log.lastZxid()) + " committed " + Zxid.toHex(committedZxid);
    }

    // ---- shared by the roles ----

    List<ZabOutput> out() {
        return out;
    }

    void send(long to, PeerMessage message) {
        out.add(new ZabOutput.Send(to, message));
    }

    void persist(DiskWrite write) {
        disk.persist(write, out);
    }

    void saveEpochs() {
        persist(new DiskWrite.SaveEpochs(acceptedEpoch, currentEpoch));
    }

    /** Logs an entry that follows the last one. */
    void append(Entry entry) {
        log.append(entry);
        persist(new DiskWrite.Append(entry));
    }

    /** Delivers every held transaction up to {@code zxid} not yet delivered, in order. */
    void commitUpTo(long zxid) {
        long upTo = Math.min(zxid, log.lastZxid());
        if (upTo <= committedZxid) {
            return;
        }
        for (Entry e : log.between(committedZxid, upTo)) {
            out.add(new ZabOutput.Deliver(e));
            committedZxid = e.zxid();
        }
    }

    void lookForLeader() {
        become(new Election(this, null));
    }

    /** Elects again, voting first for the {@code successor} a stepping-down leader named. */
    void lookForLeader(Successor successor) {
        become(new Election(this, successor));
    }

    /** Follows {@code leader}, which was elected in (or leads since) election round {@code leaderRound}. */
    void follow(long leader, long leaderRound) {
        become(new FollowerRole(this, leader, leaderRound));
    }

    /**
     * Leads, taking at once the FollowerInfos that voters sent while this server was still
     * electing (a voter can decide first; it would otherwise try again only after
     * {@code electionResendTicks}, 4 s with ZooKeeper's default tickTime).
     */
    void lead(Map<Long, PeerMessage.FollowerInfo> early) {
        become(new LeaderRole(this));
        Role leader = role;
        for (Map.Entry<Long, PeerMessage.FollowerInfo> e : early.entrySet()) {
            if (role == leader) {
                role.receive(e.getKey(), e.getValue());
            }
        }
    }

    private void become(Role next) {
        if (role != null) {
            role.stop();
        }
        role = next;
        out.add(new ZabOutput.StateChanged(next.state(), next.leaderId(), currentEpoch));
        next.start();
    }

    /** True while {@code r} is the role in charge; callbacks of replaced roles check this. */
    boolean isCurrent(Role r) {
        return role == r;
    }

    /** A fresh link id: random, never 0. */
    long newLinkId() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }
}
