package io.warden.zab;

import io.warden.common.Checks;
import io.warden.common.Zxid;
import io.warden.zab.FollowerHandle.Stage;
import io.warden.zab.PeerMessage.Ack;
import io.warden.zab.PeerMessage.AckEpoch;
import io.warden.zab.PeerMessage.AckNewLeader;
import io.warden.zab.PeerMessage.Commit;
import io.warden.zab.PeerMessage.FollowerInfo;
import io.warden.zab.PeerMessage.LeaderInfo;
import io.warden.zab.PeerMessage.NewLeader;
import io.warden.zab.PeerMessage.OnLink;
import io.warden.zab.PeerMessage.Ping;
import io.warden.zab.PeerMessage.Proposals;
import io.warden.zab.PeerMessage.Reconnect;
import io.warden.zab.PeerMessage.StepDown;
import io.warden.zab.PeerMessage.Trunc;
import io.warden.zab.PeerMessage.UpToDate;
import io.warden.zab.PeerMessage.Vote;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Leading: discovery (collect a quorum's accepted epochs, propose one newer than all of them,
 * collect a quorum of acknowledgements and make sure none of them has a more recent history),
 * synchronisation (bring each follower to this server's history by difference, truncation or
 * snapshot; a quorum acknowledging it commits that history and starts broadcast) and broadcast
 * (number proposals, log them, send them, commit in order once a quorum holds them durably).
 * Without a quorum in touch the leader steps down. An operator may have it hand leadership to a
 * synchronised follower (see {@link #transferTo}).
 */
final class LeaderRole implements Role {
    /** Link ids remembered against late repeats of {@code FollowerInfo}; the oldest are forgotten. */
    static final int LINKS_REMEMBERED_MAX = 10_000;

    private enum Phase { DISCOVERY, EPOCH_PROPOSED, SYNCING, BROADCAST }

    private final ZabCore core;
    private final ZabConfig config;
    private final Map<Long, FollowerHandle> followers = new TreeMap<>();
    /** Accepted epochs reported by voters during discovery, by server. */
    private final Map<Long, Long> acceptedEpochs = new TreeMap<>();
    /** Every link id a follower opened with this leader, so that a late repeat opens nothing. */
    private final Set<Long> linksSeen = new LinkedHashSet<>();
    private Phase phase = Phase.DISCOVERY;
    private long epoch;
    private boolean selfEpochDurable;
    private boolean selfCurrentEpochDurable;
    private final Set<Long> epochAckers = new HashSet<>();
    /** The history this leader starts with; committed when a quorum is synchronised to it. */
    private long initialZxid;
    /** This server's own log is durable up to here. */
    private long selfDurableZxid;
    private long lastCounter;
    private int tick;
    /** The server leadership is being handed to, 0 when none. */
    private long transferTo;
    /** Ticks since the hand-over began. */
    private int transferTicks;

    LeaderRole(ZabCore core) {
        this.core = core;
        this.config = core.config;
    }

    @Override
    public ServerState state() {
        return ServerState.LEADING;
    }

    @Override
    public long leaderId() {
        return config.myId();
    }

    boolean isEstablished() {
        return phase == Phase.BROADCAST;
    }

    long nextZxid() {
        return phase == Phase.BROADCAST && lastCounter < config.counterMax() ? Zxid.of(epoch, lastCounter + 1) : -1;
    }

    boolean isTransferring() {
        return transferTo != 0;
    }

    /** True when {@code id} is a follower with a link to this leader that holds its history. */
    boolean isSynchronised(long id) {
        FollowerHandle f = followers.get(id);
        return f != null && f.stage == Stage.SYNCED;
    }

    @Override
    public void start() {
        acceptedEpochs.put(config.myId(), core.acceptedEpoch);
        maybeProposeEpoch();
    }

    // ---- discovery ----

    private void maybeProposeEpoch() {
        if (phase != Phase.DISCOVERY || !config.quorum().isQuorum(acceptedEpochs.keySet())) {
            return;
        }
        long max = 0;
        for (long e : acceptedEpochs.values()) {
            max = Math.max(max, e);
        }
        epoch = max + 1;
        phase = Phase.EPOCH_PROPOSED;
        core.acceptedEpoch = epoch;
        core.saveEpochs();
        core.disk.whenDurable(() -> {
            if (core.isCurrent(this)) {
                selfEpochDurable = true;
                maybeStartSync();
            }
        });
        for (FollowerHandle f : followers.values()) {
            offerEpoch(f);
        }
    }

    private void offerEpoch(FollowerHandle f) {
        f.stage = Stage.EPOCH_OFFERED;
        long nextLink = core.newLinkId();
        sendTo(f, new LeaderInfo(f.link, f.sequence.nextOut(), epoch, nextLink));
        f.link = nextLink;
    }

    private void onFollowerInfo(long from, FollowerInfo info) {
        if (!linksSeen.add(info.link())) {
            return; // a repeat, perhaps of a link closed since: never open a link twice
        }
        if (linksSeen.size() > LINKS_REMEMBERED_MAX) {
            linksSeen.remove(linksSeen.iterator().next());
        }
        boolean voter = config.quorum().isVoter(from);
        if (voter && phase != Phase.DISCOVERY && info.acceptedEpoch() > epoch) {
            // It promised a newer epoch to a candidate that did not make it, so it can never follow
            // this one (its promise must hold in case that candidate does). A new election gives an
            // epoch everyone can follow. Stepping down is always safe; it costs one election.
            core.lookForLeader();
            return;
        }
        FollowerHandle f = new FollowerHandle(from, info.link(), voter, tick);
        followers.put(from, f);
        if (phase == Phase.DISCOVERY) {
            if (voter) {
                acceptedEpochs.put(from, info.acceptedEpoch());
            }
            maybeProposeEpoch();
        } else {
            offerEpoch(f);
        }
    }

    private void onAckEpoch(FollowerHandle f, AckEpoch ack) {
        if (f.stage != Stage.EPOCH_OFFERED || ack.epoch() != epoch) {
            return;
        }
        f.lastZxid = ack.lastZxid();
        f.stage = Stage.SYNCING;
        if (phase == Phase.EPOCH_PROPOSED) {
            if (f.voter && ack.promise()) {
                if (VoteOrder.historyAhead(ack.currentEpoch(), ack.lastZxid(), core.currentEpoch,
                        core.log.lastZxid())) {
                    core.lookForLeader(); // a quorum member knows more: this server must not lead
                    return;
                }
                epochAckers.add(f.id);
            }
            maybeStartSync();
        } else {
            synchronise(f);
        }
    }

    private void maybeStartSync() {
        if (phase != Phase.EPOCH_PROPOSED || !selfEpochDurable) {
            return;
        }
        Set<Long> ackers = new HashSet<>(epochAckers);
        ackers.add(config.myId());
        if (!config.quorum().isQuorum(ackers)) {
            return;
        }
        phase = Phase.SYNCING;
        initialZxid = core.log.lastZxid();
        core.currentEpoch = epoch;
        core.saveEpochs();
        core.disk.whenDurable(() -> {
            if (core.isCurrent(this)) {
                selfCurrentEpochDurable = true;
                selfDurableZxid = Math.max(selfDurableZxid, initialZxid);
                maybeEstablish();
            }
        });
        for (FollowerHandle f : followers.values()) {
            if (f.stage == Stage.SYNCING) {
                synchronise(f);
            }
        }
    }

    // ---- synchronisation ----

    /** Brings {@code f} from its last zxid to this server's last, by the cheapest correct means. */
    private void synchronise(FollowerHandle f) {
        ZabLog log = core.log;
        long from = f.lastZxid;
        if (!log.holds(from)) {
            // The follower has transactions this history lacks (never committed): cut them off
            // after the last zxid both hold, or replace everything when that is compacted away.
            long common = log.largestBelow(from);
            if (common >= log.baseZxid()) {
                sendTo(f, new Trunc(f.link, f.sequence.nextOut(), common));
                from = common;
            } else {
                from = -1;
            }
        }
        if (from < log.baseZxid()) {
            // The host's newest snapshot, then everything after it: nobody encodes the state anew.
            long at = log.baseZxid();
            core.out().add(new ZabOutput.SendSnapshot(f.id, f.link, f.sequence.nextOut(), at));
            from = at;
        }
        sendProposals(f, log.between(from, log.lastZxid()), config.syncBatchMax());
        sendTo(f, new Commit(f.link, f.sequence.nextOut(), core.committedZxid));
        sendTo(f, new NewLeader(f.link, f.sequence.nextOut(), epoch, log.lastZxid()));
    }

    private void onAckNewLeader(FollowerHandle f, AckNewLeader ack) {
        if (f.stage != Stage.SYNCING) {
            return;
        }
        f.stage = Stage.SYNCED;
        f.ackedZxid = ack.zxid();
        if (phase == Phase.BROADCAST) {
            sendTo(f, new Commit(f.link, f.sequence.nextOut(), core.committedZxid));
            sendTo(f, new UpToDate(f.link, f.sequence.nextOut()));
            advanceCommit();
        } else {
            maybeEstablish();
        }
    }

    private void maybeEstablish() {
        if (phase != Phase.SYNCING || !selfCurrentEpochDurable) {
            return;
        }
        Set<Long> synced = new HashSet<>();
        synced.add(config.myId());
        for (FollowerHandle f : followers.values()) {
            if (f.voter && f.stage == Stage.SYNCED && f.ackedZxid >= initialZxid) {
                synced.add(f.id);
            }
        }
        if (!config.quorum().isQuorum(synced)) {
            return;
        }
        phase = Phase.BROADCAST;
        lastCounter = 0;
        core.commitUpTo(initialZxid);
        core.out().add(new ZabOutput.Established(epoch, initialZxid));
        for (FollowerHandle f : followers.values()) {
            if (f.stage == Stage.SYNCED) {
                sendTo(f, new Commit(f.link, f.sequence.nextOut(), core.committedZxid));
                sendTo(f, new UpToDate(f.link, f.sequence.nextOut()));
            }
        }
    }

    // ---- broadcast ----

    @Override
    public void propose(ZabInput.Propose proposal) {
        List<byte[]> payloads = proposal.payloads();
        if (phase != Phase.BROADCAST) {
            reject(payloads, ZabOutput.RejectReason.NOT_LEADER);
            return;
        }
        if (lastCounter >= config.counterMax()) {
            reject(payloads, ZabOutput.RejectReason.EPOCH_EXHAUSTED);
            core.lookForLeader(); // a new epoch restarts the counter
            return;
        }
        if (transferTo != 0) {
            reject(payloads, ZabOutput.RejectReason.BUSY); // the host holds them back meanwhile
            return;
        }
        int inFlight = core.log.countAfter(core.committedZxid);
        if (inFlight + payloads.size() > config.proposalsInFlightMax()) {
            reject(payloads, ZabOutput.RejectReason.BUSY);
            return;
        }
        List<Entry> batch = new ArrayList<>(payloads.size());
        int taken = 0;
        for (byte[] payload : payloads) {
            if (lastCounter >= config.counterMax()) {
                break;
            }
            Entry e = new Entry(Zxid.of(epoch, ++lastCounter), payload);
            core.append(e);
            batch.add(e);
            taken++;
        }
        if (!batch.isEmpty()) {
            long upTo = core.log.lastZxid();
            core.disk.whenDurable(() -> {
                if (core.isCurrent(this)) {
                    selfDurableZxid = Math.max(selfDurableZxid, upTo);
                    advanceCommit();
                }
            });
            for (FollowerHandle f : followers.values()) {
                if (f.receivesBroadcast()) {
                    sendProposals(f, batch, batch.size());
                }
            }
        }
        if (taken < payloads.size()) {
            reject(payloads.subList(taken, payloads.size()), ZabOutput.RejectReason.EPOCH_EXHAUSTED);
            core.lookForLeader(); // a new epoch restarts the counter
        }
    }

    /**
     * Sends {@code entries} in order, as {@code Proposals} of at most {@code countMax} entries and
     * {@code messageBytesMax} payload bytes each (an entry alone always goes).
     */
    private void sendProposals(FollowerHandle f, List<Entry> entries, int countMax) {
        int start = 0;
        while (start < entries.size()) {
            int end = start + 1;
            long bytes = entries.get(start).payload().length;
            while (end < entries.size() && end - start < countMax
                    && bytes + entries.get(end).payload().length <= config.messageBytesMax()) {
                bytes += entries.get(end).payload().length;
                end++;
            }
            sendTo(f, new Proposals(f.link, f.sequence.nextOut(), entries.subList(start, end)));
            start = end;
        }
    }

    private void reject(List<byte[]> payloads, ZabOutput.RejectReason reason) {
        core.out().add(new ZabOutput.Rejected(payloads, reason));
    }

    private void onAck(FollowerHandle f, Ack ack) {
        if (f.stage != Stage.SYNCED) {
            return;
        }
        f.ackedZxid = Math.max(f.ackedZxid, ack.zxid());
        advanceCommit();
    }

    /** Commits, in order, every proposal a quorum holds durably. */
    private void advanceCommit() {
        if (phase != Phase.BROADCAST) {
            return;
        }
        long before = core.committedZxid;
        for (long zxid = core.log.zxidAfter(core.committedZxid); zxid != -1 && heldByQuorum(zxid);
                zxid = core.log.zxidAfter(zxid)) {
            core.commitUpTo(zxid);
        }
        if (core.committedZxid != before) {
            for (FollowerHandle f : followers.values()) {
                if (f.receivesBroadcast()) {
                    sendTo(f, new Commit(f.link, f.sequence.nextOut(), core.committedZxid));
                }
            }
        }
        maybeHandOver();
    }

    // ---- leadership transfer ----

    /**
     * Begins handing leadership to {@code to}, a synchronised voting follower (the core checked):
     * no more proposals are taken; once {@code to} holds everything proposed and all of it is
     * committed, the leader steps down (see {@link #maybeHandOver}); if that takes more than
     * {@code syncLimit} ticks it gives up and leads on.
     */
    void transferTo(long to) {
        Checks.check(phase == Phase.BROADCAST && transferTo == 0, "transfer to %d while %s, transferring to %d",
                to, phase, transferTo);
        transferTo = to;
        transferTicks = 0;
        maybeHandOver();
    }

    /**
     * Steps down in favour of the transfer's target once it holds every proposal and a quorum has
     * committed them: every follower with a link is told whom to elect ({@link StepDown}, after
     * every proposal and commit on its link), and this server elects again voting for the target.
     * The target's history is exactly this leader's then, so every voter that hears of it can
     * vote for it; one that does not simply elects as usual, and discovery keeps it safe.
     */
    private void maybeHandOver() {
        if (transferTo == 0 || !core.isCurrent(this)) {
            return;
        }
        FollowerHandle target = followers.get(transferTo);
        long last = core.log.lastZxid();
        if (target == null || target.stage != Stage.SYNCED || target.ackedZxid < last || core.committedZxid < last) {
            return;
        }
        Successor successor = new Successor(transferTo, epoch, last);
        for (FollowerHandle f : followers.values()) {
            if (f.receivesBroadcast()) {
                sendTo(f, new StepDown(f.link, f.sequence.nextOut(), successor.id(), successor.epoch(),
                        successor.zxid()));
            }
        }
        core.lookForLeader(successor);
    }

    /** A hand-over that did not happen within {@code syncLimit} ticks is given up: this server leads on. */
    private void maybeGiveUpTransfer() {
        if (transferTo != 0 && ++transferTicks > config.syncLimitTicks()) {
            long to = transferTo;
            transferTo = 0;
            core.out().add(new ZabOutput.TransferRefused(to, ZabOutput.TransferRefusal.TIMED_OUT));
        }
    }

    /** True when a quorum of voters (this server included) holds {@code zxid} durably. */
    private boolean heldByQuorum(long zxid) {
        Set<Long> holders = new HashSet<>();
        if (selfDurableZxid >= zxid) {
            holders.add(config.myId());
        }
        for (FollowerHandle f : followers.values()) {
            if (f.voter && f.stage == Stage.SYNCED && f.ackedZxid >= zxid) {
                holders.add(f.id);
            }
        }
        return config.quorum().isQuorum(holders);
    }

    // ---- messages and time ----

    @Override
    public void receive(long from, PeerMessage message) {
        if (message instanceof Vote vote) {
            if (vote.state() == ServerState.LOOKING) {
                core.send(from, new Vote(core.electionRound, ServerState.LEADING, config.myId(), core.currentEpoch,
                        core.log.lastZxid()));
            }
            return;
        }
        if (!config.voters().contains(from) && !config.observers().contains(from)) {
            return;
        }
        if (message instanceof FollowerInfo info) {
            onFollowerInfo(from, info);
            return;
        }
        if (!(message instanceof OnLink m)) {
            return;
        }
        FollowerHandle f = followers.get(from);
        if (f == null || (f.link != m.link() && f.firstLink != m.link())) {
            core.send(from, new Reconnect(m.link()));
            return;
        }
        switch (f.sequence.accept(m.seq())) {
            case REPEAT:
                return;
            case GAP:
                followers.remove(from);
                core.send(from, new Reconnect(m.link()));
                return;
            default:
                break;
        }
        f.lastHeardTick = tick;
        if (m instanceof AckEpoch a) {
            onAckEpoch(f, a);
        } else if (m instanceof AckNewLeader a) {
            onAckNewLeader(f, a);
        } else if (m instanceof Ack a) {
            onAck(f, a);
        }
    }

    @Override
    public void tick() {
        tick++;
        if (phase != Phase.BROADCAST && tick > config.initLimitTicks()) {
            core.lookForLeader();
            return;
        }
        Set<Long> inTouch = new HashSet<>();
        inTouch.add(config.myId());
        List<Long> lost = new ArrayList<>();
        for (FollowerHandle f : followers.values()) {
            if (tick - f.lastHeardTick > config.syncLimitTicks()) {
                lost.add(f.id);
            } else if (f.stage == Stage.SYNCED) {
                inTouch.add(f.id);
            }
        }
        for (long id : lost) {
            FollowerHandle f = followers.remove(id);
            core.send(id, new Reconnect(f.link));
        }
        if (phase == Phase.BROADCAST && !config.quorum().isQuorum(inTouch)) {
            core.lookForLeader();
            return;
        }
        maybeGiveUpTransfer();
        for (FollowerHandle f : followers.values()) {
            sendTo(f, new Ping(f.link, f.sequence.nextOut()));
        }
    }

    ZabCore.Learners learners() {
        int syncedFollowers = 0;
        int syncedObservers = 0;
        for (FollowerHandle f : followers.values()) {
            if (f.stage == Stage.SYNCED) {
                if (f.voter) {
                    syncedFollowers++;
                } else {
                    syncedObservers++;
                }
            }
        }
        return new ZabCore.Learners(followers.size(), syncedFollowers, syncedObservers);
    }

    List<ZabCore.FollowerProgress> progress() {
        List<ZabCore.FollowerProgress> list = new ArrayList<>(followers.size());
        for (FollowerHandle f : followers.values()) {
            list.add(new ZabCore.FollowerProgress(f.id, f.voter, f.stage == Stage.SYNCED, f.ackedZxid));
        }
        return list;
    }

    private void sendTo(FollowerHandle f, OnLink message) {
        Checks.check(message.link() == f.link, "message for link %d sent on %d", message.link(), f.link);
        core.send(f.id, message);
    }

    @Override
    public void stop() {
    }
}
