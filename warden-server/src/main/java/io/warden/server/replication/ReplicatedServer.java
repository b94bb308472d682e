package io.warden.server.replication;

import io.warden.common.Checks;
import io.warden.common.Zxid;
import io.warden.server.CoreConfig;
import io.warden.server.ServerCore;
import io.warden.server.ServerEnvironment;
import io.warden.server.ServerInput;
import io.warden.server.ServerOutput;
import io.warden.tree.DataTree;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.wire.ErrorCode;
import io.warden.wire.WireFormatException;
import io.warden.zab.PeerMessage;
import io.warden.zab.SnapshotImage;
import io.warden.zab.ServerState;
import io.warden.zab.ZabCore;
import io.warden.zab.ZabInput;
import io.warden.zab.ZabOutput;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One server of an ensemble: the request pipeline ({@link ServerCore}) over the consensus core
 * ({@link ZabCore}). The server core's proposals become ZAB proposals (a {@link Txn} encoded with
 * {@link TxnCodec}); ZAB's committed transactions come back as {@code Committed} for the ones this
 * server proposed (their clients get their replies) and as {@code Apply} for the others.
 *
 * <p>Every server that is up to date with a leader serves clients: the leader prepares and
 * proposes writes, a follower forwards new sessions, writes and syncs to its leader as relays and
 * answers them once their transactions reach it (see {@link ServerCore#forwardWrites}); reads are
 * answered where the client is. A server that is not up to date closes handshakes, so the client
 * tries the next server of its connect string; any server answers four-letter words. When the
 * role changes, every client connection is closed and the server core is rebuilt over the tree,
 * as ZooKeeper restarts its request pipeline on a role change; clients reconnect and resume their
 * sessions.
 */
public final class ReplicatedServer {
    /** The shortest a follower waits for the leader to act on a forwarded request. */
    static final long FORWARD_TIMEOUT_MIN_MS = 1000;
    /**
     * Proposals waiting for room in the consensus core at most before forwarded requests are
     * refused; and their bytes, at most the consensus core's {@code retainedBytesMax}.
     */
    static final int WAITING_MAX = 10_000;

    private final CoreConfig config;
    private final ServerEnvironment environment;
    private final StateTransfer transfer;
    private final ZabCore zab;
    private DataTree tree;
    private ServerCore server;
    private final TreeSet<Long> connections = new TreeSet<>();
    /** Connections the server core closed whose close the transport has not reported yet. */
    private final TreeSet<Long> closedByServer = new TreeSet<>();
    /** Zxids this server core proposed and has not yet seen committed, in order. */
    private final ArrayDeque<Long> ownProposals = new ArrayDeque<>();
    /** Proposals of the server core waiting for room in the consensus core, and their encodings' bytes. */
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private ServerState lastState = ServerState.LOOKING;
    /** When this server last began leading (mntr's {@code zk_leader_uptime}); -1 while it does not lead. */
    private long leadingSinceMs = -1;
    /** A leadership transfer a superuser asked for in this step, handed to the consensus core after it; 0: none. */
    private long transferAsked;
    /** At the leader: each follower's forwarding stream, {id, next number} (-1: dead after a gap). */
    private final Map<Long, long[]> streams = new HashMap<>();
    /** At a follower: the stream its forwarded requests go in, and the next one's number. */
    private long streamId;
    private long nextSeq;
    private long streamAbandoned;
    private long streamsStarted;
    /** The largest record the members' logs take (see {@link #limitTransactionBytes}). */
    private int transactionBytesMax = Integer.MAX_VALUE;
    private boolean readOnlyModeEnabled;
    /** Proposals wait for {@link #endTurn} rather than going to the consensus core after each input. */
    private boolean proposeOncePerTurn;
    /** A PLANTED BUG, for the fault harness only: see {@link #plantFollowerLocalSync}. */
    private boolean followerLocalSyncPlanted;
    private long nowMs;
    private List<ServerOutput> clientOut;
    private List<ZabOutput> peerOut;

    public ReplicatedServer(CoreConfig config, ServerEnvironment environment, StateTransfer transfer, DataTree tree,
            ZabCore zab, long nowMs) {
        this.config = config;
        this.environment = environment.withRole(() -> server.isReadOnly() ? "read-only" : modeOf(zab),
                this::roleStats);
        this.transfer = transfer;
        this.tree = tree;
        this.zab = zab;
        this.nowMs = nowMs;
        Checks.check(config.serverId() == zab.myId(), "server id %d differs from the ensemble id %d: session ids "
                + "would not be unique", config.serverId(), zab.myId());
        this.server = new ServerCore(config, this.environment, nowMs, tree);
        this.server.acceptLeadershipTransfers(this::transferAsked);
        startStream();
    }

    /**
     * The {@code mntr} values of this server's role, with ZooKeeper's names: every member's peer
     * state and voter count, an observer's leader, and a leader's learners; the other leader-only
     * keys print idle values.
     */
    private Map<String, Object> roleStats() {
        Map<String, Object> values = new LinkedHashMap<>();
        String mode = modeOf(zab);
        if (mode == null) {
            return values;
        }
        values.put("zk_peer_state", switch (zab.state()) {
            case LEADING -> "leading - broadcast";
            case FOLLOWING -> "following - broadcast";
            case OBSERVING -> "observing - broadcast";
            case LOOKING -> throw new IllegalStateException("a looking server has no mntr role values");
        });
        values.put("zk_quorum_size", (long) zab.config().voters().size());
        if (zab.state() == ServerState.OBSERVING) {
            // the server the observer takes its transactions from: its leader (Warden has no observer masters)
            values.put("zk_observer_master_id", zab.leaderId());
        }
        if (!zab.isEstablishedLeader()) {
            return values;
        }
        ZabCore.Learners learners = zab.learners();
        values.put("zk_leader_uptime", leadingSinceMs < 0 ? 0L : Math.max(0, nowMs - leadingSinceMs));
        values.put("zk_learners", (long) learners.learners());
        values.put("zk_synced_followers", (long) learners.syncedFollowers());
        values.put("zk_synced_non_voting_followers", 0L);
        values.put("zk_synced_observers", (long) learners.syncedObservers());
        values.put("zk_pending_syncs", 0L);
        return values;
    }

    /**
     * The role as four-letter words print it: ZooKeeper's names, or null while this server serves
     * nobody (looking, or not yet synchronised with a leader).
     */
    public static String modeOf(ZabCore zab) {
        if (!zab.isUpToDate()) {
            return null;
        }
        return switch (zab.state()) {
            case LEADING -> "leader";
            case FOLLOWING -> "follower";
            case OBSERVING -> "observer";
            case LOOKING -> null;
        };
    }

    /**
     * The largest record the members' logs take. A relay of more than half of it is dropped (a
     * forwarded request's transaction is about the size of its relay), so that no member is ever
     * asked to log what it cannot; a follower's own clients are bounded by {@code jute.maxbuffer},
     * far below. Call before the first input.
     */
    public void limitTransactionBytes(int max) {
        Checks.check(max > 0, "transaction bound %d", max);
        transactionBytesMax = max;
    }

    /**
     * Makes the host collect the proposals of several inputs and hand them to the consensus core
     * together at {@link #endTurn}: one batch of entries, one message per follower and one
     * durability wait for a whole turn of the host's loop rather than one per request. Call before
     * the first input; the host must then call {@link #endTurn} after every turn.
     */
    public void proposeOncePerTurn() {
        this.proposeOncePerTurn = true;
    }

    /**
     * The end of one turn of the host's loop (with {@link #proposeOncePerTurn}): the proposals the
     * turn's inputs made go to the consensus core as one batch, as far as it has room.
     */
    public void endTurn(long nowMs, List<ServerOutput> clientOutputs, List<ZabOutput> peerOutputs) {
        begin(nowMs, clientOutputs, peerOutputs);
        handWaitingToZab();
        startTransfer(); // after the turn's proposals, which the hand-over then waits for
    }

    /**
     * ZooKeeper's {@code readonlymode.enabled}: while this server looks for a leader (cut off from
     * the quorum, say), clients that allow it read its tree as it last was; writes get
     * NOTREADONLY. Call before the first input.
     */
    public void enableReadOnlyMode() {
        readOnlyModeEnabled = true;
        if (lastState == ServerState.LOOKING) {
            server.serveReadOnly();
        }
    }

    /**
     * PLANTS A BUG, for the fault harness only ({@code warden.plantedBug=follower-local-sync}):
     * as a follower or observer, this server answers its clients' syncs from its own state instead
     * of forwarding them to the leader ({@link ServerCore#plantLocalSyncs}), so that a client can
     * read stale data after sync while this server is cut off from its leader without knowing it
     * yet. Call before the first input.
     */
    public void plantFollowerLocalSync() {
        followerLocalSyncPlanted = true;
    }

    /** A client-side input (connections, requests, ticks). */
    public void handle(ServerInput input, long nowMs, List<ServerOutput> clientOutputs, List<ZabOutput> peerOutputs) {
        if (input instanceof ServerInput.Committed || input instanceof ServerInput.Apply
                || input instanceof ServerInput.Lead) {
            throw new IllegalArgumentException("only the consensus core commits: " + input);
        }
        begin(nowMs, clientOutputs, peerOutputs);
        if (input instanceof ServerInput.ConnectReceived handshake && !zab.isUpToDate() && !server.isReadOnly()) {
            if (connections.remove(handshake.connId())) {
                closedByServer.add(handshake.connId());
                clientOut.add(new ServerOutput.CloseConnection(handshake.connId()));
            }
            return;
        }
        if (input instanceof ServerInput.ConnectionOpened opened) {
            connections.add(opened.connId());
        } else if (input instanceof ServerInput.ConnectionClosed closed) {
            // The server core hears of the close of a connection it knows (open, or closed by
            // itself); one this class refused or closed in a rebuild is already forgotten.
            if (!connections.remove(closed.connId()) && !closedByServer.remove(closed.connId())) {
                return;
            }
        }
        if (input instanceof ServerInput.Tick && !zab.isUpToDate() && !server.isReadOnly()
                && !(server.forwardsWrites() && zab.state() != ServerState.LOOKING)) {
            // Only the leader expires sessions and reaps nodes. A follower that is being
            // synchronised again keeps its clients, so it goes on reporting them and timing out
            // its forwarded requests.
            return;
        }
        toServer(input);
        proposeWaiting();
        if (!proposeOncePerTurn) {
            startTransfer(); // else at the end of the turn, after the turn's proposals
        }
    }

    /**
     * A consensus-side input (peer messages, ticks, disk completions, snapshots). The consensus
     * core's outputs the host must carry out land in {@code peerOutputs}: sends (a snapshot is
     * already attached), records to persist, and, for the host's records only, what was delivered
     * (already applied here) and restored (already installed here).
     */
    public void handle(ZabInput input, long nowMs, List<ServerOutput> clientOutputs, List<ZabOutput> peerOutputs) {
        begin(nowMs, clientOutputs, peerOutputs);
        if (input instanceof ZabInput.Receive receive && receive.message() instanceof PeerMessage.Relay relay) {
            relayed(receive.from(), relay);
        } else if (input instanceof ZabInput.Compacted compacted && compacted.zxid() > zab.committedZxid()) {
            // A snapshot of a tree a leader's snapshot has replaced since may be past what is
            // committed here now; the consensus core only forgets what it has committed.
            return;
        } else {
            toZab(input);
        }
        proposeWaiting();
        if (!proposeOncePerTurn) {
            startTransfer(); // a transfer answered during this step (its request waited for a write)
        }
    }

    /**
     * A superuser's transferLeadership: answered at once with whether the consensus core would
     * start it; it reaches the core once this step's outputs are carried out ({@link #startTransfer}),
     * so that the reply goes out before a step-down closes the connections.
     */
    private ErrorCode transferAsked(long toServer) {
        ZabOutput.TransferRefusal refusal = zab.transferRefusal(toServer);
        if (refusal == null && transferAsked != 0) {
            refusal = ZabOutput.TransferRefusal.IN_PROGRESS;
        }
        if (refusal != null) {
            return TransferAnswers.of(refusal);
        }
        transferAsked = toServer;
        return ErrorCode.OK;
    }

    /**
     * Hands the consensus core the transfer asked for, after the proposals that came before it (at
     * the end of the step, or of the turn with {@link #proposeOncePerTurn}). From then on it takes no proposals: they wait here until it steps down (the
     * rebuild closes their clients, who retry with the new leader) or gives up.
     */
    private void startTransfer() {
        if (transferAsked == 0) {
            return;
        }
        long toServer = transferAsked;
        transferAsked = 0;
        toZab(new ZabInput.TransferLeadership(toServer));
    }

    /**
     * A relay between request pipelines: at the established leader, a follower's forwarded request
     * or session report. Anywhere else (a relay for a role this server no longer has) it is
     * dropped: the follower's forwarding timeout closes the client's connection.
     */
    private void relayed(long from, PeerMessage.Relay relay) {
        if (!zab.isEstablishedLeader()) {
            return;
        }
        Relays.Relay decoded;
        try {
            decoded = Relays.decode(from, relay.payload(), transactionBytesMax / 2, config.limits().identitiesMax());
        } catch (WireFormatException e) {
            clientOut.add(new ServerOutput.Warning("dropping a relay from server " + from + " that does not decode: "
                    + e.getMessage()));
            return;
        }
        if (decoded.input() instanceof ServerInput.Forwarded && !inStream(from, decoded.streamId(), decoded.seq())) {
            return;
        }
        toServer(decoded.input());
    }

    /**
     * Whether a forwarded request is the next of its follower's stream. Relays travel outside the
     * consensus core's numbered links and may be lost (a redialled connection, a full queue); the
     * leader takes a follower's requests only in an unbroken sequence, so that no request is ever
     * applied without the ones its client sent before it. After a gap the stream is dead here:
     * the follower times its requests out, closes their connections, and starts a new stream. A
     * stream also dies when too many proposals ({@link #WAITING_MAX}), or too many bytes of them
     * (the consensus core's {@code retainedBytesMax}), wait for room in the consensus core.
     */
    private boolean inStream(long from, long streamId, long seq) {
        long[] stream = streams.get(from);
        if (stream == null || stream[0] != streamId) {
            if (seq != 0) {
                return false; // the start of a stream was lost
            }
            stream = new long[] {streamId, 0};
            streams.put(from, stream);
        }
        if (stream[1] != seq || waiting.size() >= WAITING_MAX || waitingBytes >= zab.config().retainedBytesMax()) {
            stream[1] = -1; // dead until the follower starts a new stream
            return false;
        }
        stream[1]++;
        return true;
    }

    public ZabCore zab() {
        return zab;
    }

    public DataTree tree() {
        return tree;
    }

    public ServerCore server() {
        return server;
    }

    private void begin(long now, List<ServerOutput> clientOutputs, List<ZabOutput> peerOutputs) {
        this.nowMs = now;
        this.clientOut = clientOutputs;
        this.peerOut = peerOutputs;
    }

    private void toServer(ServerInput input) {
        List<ServerOutput> outputs = new ArrayList<>();
        server.handle(input, nowMs, outputs);
        for (ServerOutput o : outputs) {
            if (o instanceof ServerOutput.Propose p) {
                propose(p.txn());
            } else if (o instanceof ServerOutput.Forward || o instanceof ServerOutput.ReportSessions) {
                if (zab.leaderId() != 0 && zab.leaderId() != zab.myId()) {
                    long seq = 0;
                    if (o instanceof ServerOutput.Forward) {
                        if (server.forwardsAbandoned() != streamAbandoned) {
                            startStream(); // the core gave up on the old stream's requests
                        }
                        seq = nextSeq++;
                    }
                    peerOut.add(new ZabOutput.Send(zab.leaderId(),
                            new PeerMessage.Relay(Relays.encode(o, streamId, seq))));
                }
            } else {
                if (o instanceof ServerOutput.CloseConnection c && connections.remove(c.connId())) {
                    closedByServer.add(c.connId());
                }
                clientOut.add(o);
            }
        }
    }

    /**
     * Queues a proposal of the server core. It reaches the consensus core only once the step's
     * outputs are all carried out ({@link #proposeWaiting}): handing it over while the consensus
     * core's earlier outputs are still being read would send its messages ahead of theirs.
     */
    private void propose(Txn txn) {
        // counted, not encoded: the server core holds the transaction until it is committed, and
        // an encoding made now would be a second copy of it for as long as it waits
        long bytes = TxnCodec.encodedBytes(txn);
        waiting.add(new Waiting(txn, bytes));
        waitingBytes += bytes;
    }

    /** A proposal waiting for room in the consensus core, and the bytes its encoding takes. */
    private record Waiting(Txn txn, long bytes) {
    }

    /** The next waiting proposal, encoded. */
    private byte[] takeWaiting() {
        Waiting next = waiting.poll();
        waitingBytes -= next.bytes();
        return TxnCodec.encode(next.txn());
    }

    private long nextWaitingZxid() {
        return waiting.peek().txn().zxid();
    }

    private void forgetWaiting() {
        waiting.clear();
        waitingBytes = 0;
    }

    /**
     * Hands the consensus core the waiting proposals it has room for, in order. What waits is
     * bounded by the server core's own limits: requests per connection times connections, plus a
     * session expiry per session and the reaper's batch.
     */
    private void proposeWaiting() {
        if (!proposeOncePerTurn) {
            handWaitingToZab();
        }
    }

    /**
     * Hands the waiting proposals to the consensus core, as many as it has room for (in number and
     * in bytes: the batch stops once it fills the byte room), as one batch.
     */
    private void handWaitingToZab() {
        int room = zab.proposalRoom();
        long next = zab.nextZxid();
        if (room > 0 && next != -1 && !waiting.isEmpty()) {
            long bytesRoom = zab.proposalBytesRoom();
            List<byte[]> payloads = new ArrayList<>(Math.min(room, waiting.size()));
            while (!waiting.isEmpty() && payloads.size() < room && bytesRoom > 0) {
                long zxid = nextWaitingZxid();
                long expected = next + payloads.size();
                if (zxid != expected) {
                    throw Checks.violation("server core proposes %s, consensus expects %s", Zxid.toHex(zxid),
                            Zxid.toHex(expected));
                }
                ownProposals.add(zxid);
                byte[] payload = takeWaiting();
                payloads.add(payload);
                bytesRoom -= payload.length;
            }
            toZab(new ZabInput.Propose(payloads));
        }
        while (!waiting.isEmpty() && zab.nextZxid() == -1) {
            handToZab(takeWaiting());
        }
    }

    /**
     * With the epoch's counter used up (no next zxid) the consensus core refuses this and steps
     * down, and the role change closes every client (their requests' outcome is unknown).
     */
    private void handToZab(byte[] payload) {
        toZab(new ZabInput.Propose(List.of(payload)));
    }

    private void toZab(ZabInput input) {
        List<ZabOutput> outputs = new ArrayList<>();
        zab.handle(input, outputs);
        for (ZabOutput o : outputs) {
            if (o instanceof ZabOutput.Deliver d) {
                deliver(d.entry().zxid(), d.entry().payload());
                peerOut.add(o); // applied already; passed on for the host's records
            } else if (o instanceof ZabOutput.Established e) {
                toServer(new ServerInput.Lead(Zxid.of(e.epoch(), 0)));
                peerOut.add(o); // passed on for the host's log
            } else if (o instanceof ZabOutput.StateChanged s) {
                roleChanged(s.state());
                peerOut.add(o);
            } else if (o instanceof ZabOutput.Rejected r) {
                // Proposals are only made by an established leader, which takes them all or steps
                // down (a used-up epoch): the step-down closes the clients, who retry.
                ownProposals.clear();
                forgetWaiting();
                peerOut.add(o);
            } else if (o instanceof ZabOutput.SendSnapshot s) {
                SnapshotImage image = transfer.snapshotAt(s.zxid());
                if (image != null) { // else it is not on disk yet: the follower sees a gap and asks again
                    peerOut.add(new ZabOutput.Send(s.to(), new PeerMessage.Snap(s.link(), s.seq(), s.zxid(), image)));
                }
            } else if (o instanceof ZabOutput.Restore r) {
                tree = transfer.restore(r.zxid(), r.state());
                Checks.check(tree.lastZxid() == r.zxid(), "restored tree at %s, snapshot says %s",
                        Zxid.toHex(tree.lastZxid()), Zxid.toHex(r.zxid()));
                rebuild();
                peerOut.add(o);
            } else {
                peerOut.add(o);
            }
        }
    }

    private void deliver(long zxid, byte[] payload) {
        if (!ownProposals.isEmpty() && ownProposals.peekFirst() == zxid) {
            ownProposals.pollFirst();
            toServer(new ServerInput.Committed(zxid)); // the server core holds the transaction it proposed
            return;
        }
        if (!ownProposals.isEmpty()) { // not Checks.check: its message arguments would be formatted per transaction
            throw Checks.violation("%s committed while our %s waits", Zxid.toHex(zxid),
                    Zxid.toHex(ownProposals.peekFirst()));
        }
        Txn txn;
        try {
            txn = TxnCodec.decode(payload);
        } catch (WireFormatException e) {
            throw new IllegalStateException("committed transaction " + Zxid.toHex(zxid) + " does not decode", e);
        }
        if (txn.zxid() != zxid) {
            throw Checks.violation("transaction %s delivered as %s", Zxid.toHex(txn.zxid()), Zxid.toHex(zxid));
        }
        toServer(new ServerInput.Apply(txn));
    }

    /** Any role change restarts the request pipeline: clients are closed and reconnect. */
    private void roleChanged(ServerState state) {
        if (state == lastState && state == ServerState.LOOKING) {
            return;
        }
        if (state == ServerState.LEADING && lastState != ServerState.LEADING) {
            leadingSinceMs = nowMs;
        } else if (state != ServerState.LEADING) {
            leadingSinceMs = -1;
        }
        lastState = state;
        rebuild();
    }

    private void rebuild() {
        for (long connId : new ArrayList<>(connections)) {
            List<ServerOutput> ignored = new ArrayList<>();
            server.handle(new ServerInput.ConnectionClosed(connId), nowMs, ignored);
            clientOut.add(new ServerOutput.CloseConnection(connId));
        }
        for (long connId : closedByServer) { // their watches leave the tree with them
            server.handle(new ServerInput.ConnectionClosed(connId), nowMs, new ArrayList<>());
        }
        connections.clear();
        closedByServer.clear();
        ownProposals.clear();
        forgetWaiting();
        server = new ServerCore(config, environment, nowMs, tree);
        server.acceptLeadershipTransfers(this::transferAsked);
        streams.clear();
        startStream();
        if (lastState == ServerState.FOLLOWING || lastState == ServerState.OBSERVING) {
            server.forwardWrites(forwardTimeoutMs());
            if (followerLocalSyncPlanted) {
                server.plantLocalSyncs();
            }
        } else if (lastState == ServerState.LOOKING && readOnlyModeEnabled) {
            server.serveReadOnly();
        }
    }

    /**
     * A new stream for this follower's forwarded requests: distinct from every earlier one of this
     * server (the time it started, and how many came before).
     */
    private void startStream() {
        streamsStarted++;
        streamId = (nowMs << 16) ^ streamsStarted;
        nextSeq = 0;
        streamAbandoned = server.forwardsAbandoned();
    }

    /**
     * How long a follower waits for its leader to act on a forwarded request: twice the time the
     * leader and follower may go without hearing from each other ({@code syncLimit}).
     */
    private long forwardTimeoutMs() {
        return Math.max(FORWARD_TIMEOUT_MIN_MS, 2L * zab.config().syncLimitTicks() * config.tickTimeMs());
    }
}
