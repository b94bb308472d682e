package io.warden.transport.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.warden.transport.NettyTransport;
import io.warden.zab.PeerMessage;

/**
 * One server's connections to the other servers of its ensemble. It listens on its own quorum
 * and election ports and reads there what the others dialled; it dials both ports of every other
 * server and writes there, {@link PeerMessage.Vote}s to the election port and everything else to
 * the quorum port (a {@link PeerMessage.Snap} streamed in chunks, see {@link SnapshotStream}).
 * Connections go one way only, so two servers never race to keep one of two
 * connections between them. {@link #send} never blocks and never fails for a peer that is down:
 * it drops the message (see {@link OutboundLink}), which the consensus core tolerates. Received
 * messages go to {@code onReceive} on Netty's threads, in the order of their connection; it must
 * not block, nor call {@link #close()}.
 */
public final class PeerNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerNetwork.class);
    /** Event loop threads for every port and connection of the network. */
    static final int IO_THREADS = 2;
    static final String THREAD_NAME_PREFIX = "warden-peer";
    /** How long {@link #close()} waits for the event loops to end. */
    private static final long SHUTDOWN_TIMEOUT_MS = 2_000;

    private final long myId;
    private final Member me;
    private final Map<Long, Member> others;
    private final Set<Long> memberIds;
    private final PeerLimits limits;
    private final BiConsumer<Long, PeerMessage> onReceive;
    private volatile LongConsumer onLost = id -> { };
    private volatile SnapshotSink snapshots;
    private final InboundBudget inbound;
    private volatile boolean takenLater;
    private final Map<Long, PeerCounters> counters;
    /** Guarded by this. */
    private boolean started;
    private boolean closed;
    private EventLoopGroup group;
    private volatile PortAcceptor quorumPort;
    private PortAcceptor electionPort;
    /** The outbound links by peer, set once by {@link #start()}. */
    private volatile Map<Long, PeerLinks> links;

    /**
     * One server of the ensemble as its peers reach it: its id, the address of its quorum port
     * (every message but votes) and that of its election port (votes).
     */
    public record Member(long id, InetSocketAddress quorumAddress, InetSocketAddress electionAddress) {
        public Member {
            Objects.requireNonNull(quorumAddress, "quorumAddress");
            Objects.requireNonNull(electionAddress, "electionAddress");
        }
    }

    /** The two links to one peer. */
    private record PeerLinks(OutboundLink quorum, OutboundLink election) {
        OutboundLink of(PortKind kind) {
            return kind == PortKind.QUORUM ? quorum : election;
        }
    }

    /**
     * @param myId      this server's id
     * @param members   every server of the ensemble, this one included, with distinct ids
     * @param limits    bounds and timings
     * @param onReceive takes {@code (fromId, message)} on a Netty thread; must not block
     */
    public PeerNetwork(long myId, List<Member> members, PeerLimits limits, BiConsumer<Long, PeerMessage> onReceive) {
        this.myId = myId;
        this.limits = limits;
        this.onReceive = onReceive;
        Map<Long, Member> byId = new LinkedHashMap<>();
        for (Member member : members) {
            if (byId.put(member.id(), member) != null) {
                throw new IllegalArgumentException("server id " + member.id() + " is listed twice in " + members);
            }
        }
        me = byId.remove(myId);
        if (me == null) {
            throw new IllegalArgumentException("this server's id " + myId + " is not among the members " + members);
        }
        others = Map.copyOf(byId);
        memberIds = Set.copyOf(members.stream().map(Member::id).toList());
        Map<Long, PeerCounters> countersById = new LinkedHashMap<>();
        for (long id : others.keySet()) {
            countersById.put(id, new PeerCounters());
        }
        counters = Map.copyOf(countersById);
        snapshots = SnapshotSink.inMemory(limits.frameBytesMax());
        inbound = new InboundBudget(limits.inboundBytesMax());
    }

    /**
     * The receiver queues what it is handed and says when it took each message with {@link
     * #taken}; until then the message counts against {@code inboundBytesMax} (past which the
     * connections are not read). Without this, a message is taken when the receiver returns. Call
     * it before {@link #start}.
     */
    public synchronized void receiverTakesLater() {
        if (started) {
            throw new IllegalStateException("the peer network is started: say so before");
        }
        this.takenLater = true;
    }

    /**
     * The receiver took (or dropped) {@code message}, which it was handed after {@link
     * #receiverTakesLater}; any thread. Such a receiver reports every message it was handed, also
     * one it threw on.
     */
    public void taken(PeerMessage message) {
        if (!takenLater) {
            throw new IllegalStateException("the receiver takes a message by returning; see receiverTakesLater");
        }
        inbound.taken(message);
    }

    /** Bytes of messages handed to the receiver and not yet taken. */
    public long inboundWaitingBytes() {
        return inbound.waitingBytes();
    }

    /** Connections not read now because {@code inboundBytesMax} bytes wait for the receiver. */
    public int connectionsPausedForTheReceiver() {
        return inbound.pausedConnections();
    }

    /**
     * Where snapshots leaders stream to this server go as they arrive (by default into memory, up
     * to {@code frameBytesMax} bytes). Set it before {@link #start}.
     */
    public void receiveSnapshotsInto(SnapshotSink sink) {
        this.snapshots = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Tells {@code onLost}, on a Netty thread, the id of a peer that is gone both ways: its
     * connection to this server's quorum port closed without a newer one taking its place, and
     * this server's connection to its quorum port is down too (its process died, or the network
     * between them broke). A peer that only redialled, or a stranger that posed as it and hung up,
     * is not reported. Must not block. Set it before {@link #start}.
     */
    public void onConnectionLost(LongConsumer onLost) {
        this.onLost = onLost;
    }

    /**
     * Binds this server's quorum and election ports (each tried {@code bindAttempts} times) and
     * starts dialling every other server.
     */
    public synchronized void start() throws IOException {
        if (started || closed) {
            throw new IllegalStateException(closed ? "the peer network is closed" : "the peer network is started");
        }
        started = true;
        group = NettyTransport.eventLoops(IO_THREADS, new DefaultThreadFactory(THREAD_NAME_PREFIX, true));
        try {
            quorumPort = PortAcceptor.bind(PortKind.QUORUM, me.quorumAddress(), group, myId, memberIds, limits,
                    onReceive, inbound, takenLater, this::inboundLost, snapshots);
            electionPort = PortAcceptor.bind(PortKind.ELECTION, me.electionAddress(), group, myId, memberIds, limits,
                    onReceive, inbound, takenLater, id -> { }, snapshots);
        } catch (IOException | RuntimeException e) {
            closed = true;
            shutDown();
            throw e;
        }
        SplittableRandom seeds = new SplittableRandom();
        Map<Long, PeerLinks> linksById = new LinkedHashMap<>();
        for (Member peer : others.values()) {
            linksById.put(peer.id(), new PeerLinks(link(peer, PortKind.QUORUM, seeds), link(peer, PortKind.ELECTION,
                    seeds)));
        }
        links = Map.copyOf(linksById);
        for (PeerLinks peer : linksById.values()) {
            peer.quorum().start();
            peer.election().start();
        }
        LOG.info("server {} listens on quorum port {} and election port {} and dials {} peers", myId, quorumPort(),
                electionPort(), others.size());
    }

    private OutboundLink link(Member peer, PortKind kind, SplittableRandom seeds) {
        ReconnectBackoff backoff = new ReconnectBackoff(limits.reconnectBackoffMinMs(),
                limits.reconnectBackoffMaxMs(), seeds.split());
        OutboundLink link = new OutboundLink(myId, peer.id(), kind, kind.address(peer), group, limits,
                counters.get(peer.id()), backoff);
        if (kind == PortKind.QUORUM) {
            link.onDown(() -> outboundLost(peer.id()));
        }
        return link;
    }

    /** The connection from {@code id} closed: it is gone if this server's to it is down too. */
    private void inboundLost(long id) {
        Map<Long, PeerLinks> current = links;
        PeerLinks peer = current == null ? null : current.get(id);
        if (peer == null || !peer.quorum().isConnected()) {
            onLost.accept(id);
        }
    }

    /** This server's connection to {@code id} closed: it is gone if its connection here is gone too. */
    private void outboundLost(long id) {
        PortAcceptor port = quorumPort;
        if (port != null && !port.hasConnectionFrom(id)) {
            onLost.accept(id);
        }
    }

    /**
     * Sends {@code message} to server {@code to} on the connection for its kind, after what was
     * sent there before; or drops it (counted) when that server is not connected, the connection
     * is over its budget, or the message is longer than {@code frameBytesMax}. Never blocks.
     *
     * @throws IllegalArgumentException if {@code to} is not another member of the ensemble
     */
    public void send(long to, PeerMessage message) {
        OutboundLink link = queueOn(to, message);
        if (link != null) {
            link.flushQueued();
        }
    }

    /**
     * Queues {@code message} as {@link #send} would send it, to be written with everything else
     * queued for the same connection at the next {@link #flushQueued()}: a driver that sends many
     * messages in one turn wakes each connection's event loop once and writes once.
     *
     * @throws IllegalArgumentException if {@code to} is not another member of the ensemble
     */
    public void queue(long to, PeerMessage message) {
        queueOn(to, message);
    }

    /** Queues {@code message}; returns the link it was queued on, or null when it was dropped. */
    private OutboundLink queueOn(long to, PeerMessage message) {
        PeerCounters peerCounters = counters.get(to);
        if (peerCounters == null) {
            throw new IllegalArgumentException("server " + to + " is not a peer of server " + myId);
        }
        Map<Long, PeerLinks> current = links;
        if (current == null) {
            peerCounters.dropped();
            return null;
        }
        OutboundLink link = current.get(to).of(PortKind.of(message));
        if (!link.isConnected()) {
            peerCounters.dropped();
            return null;
        }
        if (message instanceof PeerMessage.Snap snap) {
            int chunkBytes = Math.max(1, Math.min(SnapshotStream.CHUNK_BYTES_DEFAULT, limits.frameBytesMax() - 1));
            link.queue(new SnapshotStream(snap, chunkBytes));
            return link;
        }
        long bodyBytes = PeerCodec.bodyBytes(message);
        if (bodyBytes > limits.frameBytesMax()) {
            peerCounters.dropped();
            LOG.warn("dropping a {} of {} bytes to server {}: longer than frameBytesMax {}",
                    message.getClass().getSimpleName(), bodyBytes, to, limits.frameBytesMax());
            return null;
        }
        if (message instanceof PeerMessage.Proposals proposals && bodyBytes > FrameChunks.CHUNK_BYTES) {
            link.queue(new ProposalsChunks(proposals, bodyBytes));
        } else {
            link.queue(PeerCodec.encodeFrame(message));
        }
        return link;
    }

    /** Writes everything {@link #queue} queued, one task and one flush per connection. */
    public void flushQueued() {
        Map<Long, PeerLinks> current = links;
        if (current == null) {
            return;
        }
        for (PeerLinks peer : current.values()) {
            peer.quorum().flushQueued();
            peer.election().flushQueued();
        }
    }

    /** The quorum port bound by {@link #start()}. */
    public synchronized int quorumPort() {
        return requireStarted(quorumPort).port();
    }

    /** The election port bound by {@link #start()}. */
    public synchronized int electionPort() {
        return requireStarted(electionPort).port();
    }

    private PortAcceptor requireStarted(PortAcceptor port) {
        if (port == null) {
            throw new IllegalStateException("the peer network is not started");
        }
        return port;
    }

    /** Whether both connections this server dialled to server {@code id} are established. */
    public boolean isConnectedTo(long id) {
        Map<Long, PeerLinks> current = links;
        PeerLinks peer = current == null ? null : current.get(id);
        return peer != null && peer.quorum().isConnected() && peer.election().isConnected();
    }

    /** What was sent to and dropped for server {@code id} so far. */
    public PeerStats stats(long id) {
        PeerCounters peerCounters = counters.get(id);
        if (peerCounters == null) {
            throw new IllegalArgumentException("server " + id + " is not a peer of server " + myId);
        }
        return peerCounters.snapshot();
    }

    /** Bytes handed to the connection to server {@code id}'s port and not yet written (for tests). */
    long unwrittenBytes(long id, PortKind kind) {
        Map<Long, PeerLinks> current = links;
        return current == null ? 0 : current.get(id).of(kind).unwrittenBytes();
    }

    /** Connections open on this server's port of that kind (for tests). */
    synchronized int acceptedConnections(PortKind kind) {
        PortAcceptor port = kind == PortKind.QUORUM ? quorumPort : electionPort;
        return port == null ? 0 : port.openConnections();
    }

    /** Closes the ports and every connection and stops the event loops; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Map<Long, PeerLinks> current = links;
        if (current != null) {
            for (PeerLinks peer : current.values()) {
                peer.quorum().close();
                peer.election().close();
            }
        }
        shutDown();
    }

    private void shutDown() {
        if (quorumPort != null) {
            quorumPort.close();
        }
        if (electionPort != null) {
            electionPort.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }
}
