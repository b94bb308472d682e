package io.warden.transport.peer;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.Future;
import io.warden.transport.NettyTransport;

/**
 * This server's connection to one port of one peer: dialled, with a {@link Hello} first, and
 * dialled again after every failure or close (waiting as {@link ReconnectBackoff} says) until
 * {@link #close()}. Frames are written in the order {@link #send} and {@link #queue} were called
 * (queued ones at the next {@link #flushQueued}) and never wait: while
 * there is no connection a frame is dropped, and a frame that would take the bytes not yet
 * written to the socket past {@code outboundBytesMax} is dropped and the connection closed and
 * redialled, so the peer sees a gap (and resynchronises) rather than this server buffering
 * without bound for a peer that does not keep up.
 */
final class OutboundLink {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundLink.class);

    /**
     * An established connection, its frames handed to Netty and not yet written to the socket, and
     * how many snapshots are being streamed on it.
     */
    private record Connection(Channel channel, AtomicLong unwrittenBytes, AtomicInteger snapshotsStreaming) {
        Connection(Channel channel) {
            this(channel, new AtomicLong(), new AtomicInteger());
        }
    }

    /** A frame (or snapshot stream) waiting for {@link #flushQueued}, and the bytes it counts for. */
    private record Queued(Object message, long countedBytes) {
    }

    private final long peerId;
    private final PortKind kind;
    private final InetSocketAddress address;
    private final byte[] hello;
    private final PeerLimits limits;
    private final PeerCounters counters;
    private final ReconnectBackoff backoff;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private volatile Connection current;
    /** Guarded by this. */
    private boolean closed;
    /** Told, on a Netty thread, when an established connection closes. */
    private volatile Runnable onDown = () -> { };
    /** Guarded by this: the dial in progress, or the timer of the next one. */
    private Channel dialling;
    private ScheduledFuture<?> nextDial;
    /** Guarded by this: frames queued for {@link #queuedFor} since the last flush. */
    private List<Queued> queued = new ArrayList<>();
    private Connection queuedFor;

    OutboundLink(long myId, long peerId, PortKind kind, InetSocketAddress address, EventLoopGroup group,
            PeerLimits limits, PeerCounters counters, ReconnectBackoff backoff) {
        this.peerId = peerId;
        this.kind = kind;
        this.address = address;
        this.hello = Hello.encode(myId);
        this.limits = limits;
        this.counters = counters;
        this.backoff = backoff;
        this.group = group;
        DialledChannelHandler handler = new DialledChannelHandler(peerId, kind);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NettyTransport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, limits.connectTimeoutMs())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast("chunks", new ChunkedWriteHandler()).addLast("dialled", handler);
                    }
                });
    }

    /** Dials now. */
    void start() {
        dial();
    }

    void onDown(Runnable action) {
        this.onDown = action;
    }

    boolean isConnected() {
        Connection connection = current;
        return connection != null && connection.channel().isActive();
    }

    /** Bytes handed to the current connection and not yet written to its socket (0 when none). */
    long unwrittenBytes() {
        Connection connection = current;
        return connection == null ? 0 : connection.unwrittenBytes().get();
    }

    /** Writes a whole frame (length and body), or drops it; never waits. */
    void send(byte[] frame) {
        queue(frame);
        flushQueued();
    }

    /**
     * Writes a snapshot, read from its image as the connection takes it, or drops it; never waits.
     * Only its header counts towards {@code outboundBytesMax}: the chunks are not buffered. A
     * snapshot that fails half-way (its image could not be read) closes the connection, so the
     * peer sees a gap rather than a snapshot that never ends.
     */
    void send(SnapshotStream snapshot) {
        queue(snapshot);
        flushQueued();
    }

    /** Queues a whole frame for the next {@link #flushQueued}, or drops it; never waits. */
    void queue(byte[] frame) {
        queue(frame.length > FrameChunks.CHUNK_BYTES ? new FrameChunks(frame) : Unpooled.wrappedBuffer(frame),
                frame.length);
    }

    /** Queues a long {@code Proposals} frame, encoded as the connection takes it, for the next {@link #flushQueued}. */
    void queue(ProposalsChunks proposals) {
        queue(proposals, proposals.length());
    }

    /** Queues a snapshot (see {@link #send(SnapshotStream)}) for the next {@link #flushQueued}. */
    void queue(SnapshotStream snapshot) {
        queue(snapshot, snapshot.headerBytes());
    }

    private synchronized void queue(Object message, long countedBytes) {
        Connection connection = current;
        if (connection == null) {
            counters.dropped();
            return;
        }
        AtomicLong unwritten = connection.unwrittenBytes();
        long unwrittenBytes = unwritten.addAndGet(countedBytes);
        // Behind a snapshot being streamed, frames wait until it is written: a larger budget.
        boolean behindSnapshot = connection.snapshotsStreaming().get() > 0;
        long budgetBytes = behindSnapshot ? Math.max(limits.outboundBytesMax(), limits.snapshotBacklogBytesMax())
                : limits.outboundBytesMax();
        if (unwrittenBytes > budgetBytes && unwrittenBytes != countedBytes) {
            unwritten.addAndGet(-countedBytes);
            counters.dropped();
            if (retire(connection)) {
                LOG.warn("the {} connection to server {} has {} bytes not yet written and a frame of {} would pass "
                        + "{} {}: dropping it and dialling again", kind, peerId, unwrittenBytes - countedBytes,
                        countedBytes, behindSnapshot ? "snapshotBacklogBytesMax" : "outboundBytesMax", budgetBytes);
            }
            return;
        }
        if (message instanceof SnapshotStream) {
            connection.snapshotsStreaming().incrementAndGet();
        }
        if (queuedFor != connection) {
            flushQueued();
            queuedFor = connection;
        }
        queued.add(new Queued(message, countedBytes));
    }

    /**
     * Hands every queued frame to the connection's event loop as one task that writes them in
     * order and flushes once: one wake-up and, as far as the socket takes them, one write for a
     * whole turn of the driver rather than one per message.
     */
    synchronized void flushQueued() {
        if (queued.isEmpty()) {
            return;
        }
        Connection connection = queuedFor;
        List<Queued> batch = queued;
        queued = new ArrayList<>();
        queuedFor = null;
        Channel channel = connection.channel();
        try {
            channel.eventLoop().execute(() -> {
                for (Queued frame : batch) {
                    channel.write(frame.message()).addListener(written -> written(connection, frame, written));
                }
                channel.flush();
            });
        } catch (RejectedExecutionException e) {
            // the network is shutting down: nothing more is written
        }
    }

    private void written(Connection connection, Queued frame, Future<?> written) {
        connection.unwrittenBytes().addAndGet(-frame.countedBytes());
        if (frame.message() instanceof SnapshotStream) {
            connection.snapshotsStreaming().decrementAndGet();
        }
        if (written.isSuccess()) {
            counters.sent();
            return;
        }
        counters.dropped();
        // A frame written in chunks may have failed part-way: what follows would be read as its rest.
        if (!(frame.message() instanceof ByteBuf) && retire(connection)) {
            LOG.warn("a {} to server {} failed half-way; dialling again",
                    frame.message() instanceof SnapshotStream ? "snapshot" : "long frame", peerId, written.cause());
        }
    }

    /** Stops using {@code connection} and closes it; true if it was still the current one. */
    private boolean retire(Connection connection) {
        boolean wasCurrent;
        synchronized (this) {
            wasCurrent = current == connection;
            if (wasCurrent) {
                current = null;
            }
        }
        connection.channel().close();
        return wasCurrent;
    }

    private void dial() {
        ChannelFuture connecting;
        synchronized (this) {
            nextDial = null;
            if (closed) {
                return;
            }
            try {
                connecting = bootstrap.connect(address);
            } catch (RejectedExecutionException e) {
                return; // the network is shutting down
            }
            dialling = connecting.channel();
        }
        connecting.addListener(done -> connected(connecting));
    }

    /** Runs on the new channel's event loop once the dial succeeded or failed. */
    private void connected(ChannelFuture connecting) {
        Channel channel = connecting.channel();
        synchronized (this) {
            if (dialling == channel) {
                dialling = null;
            }
        }
        if (!connecting.isSuccess()) {
            LOG.debug("cannot reach server {} at its {} port {}: {}", peerId, kind, address,
                    String.valueOf(connecting.cause()));
            dialLater();
            return;
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(hello));
        Connection connection = new Connection(channel);
        synchronized (this) {
            if (closed) {
                channel.close();
                return;
            }
            current = connection;
        }
        backoff.reset();
        counters.connected();
        LOG.debug("connected to server {} at its {} port {}", peerId, kind, address);
        channel.closeFuture().addListener(gone -> {
            retire(connection);
            LOG.debug("the {} connection to server {} closed", kind, peerId);
            onDown.run();
            dialLater();
        });
    }

    private synchronized void dialLater() {
        if (closed) {
            return;
        }
        long delayMs = backoff.nextDelayMs();
        try {
            nextDial = group.schedule(this::dial, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the network is shutting down
        }
    }

    /** Stops dialling and closes the connection; frames sent afterwards are dropped. */
    void close() {
        Connection connection;
        synchronized (this) {
            closed = true;
            if (nextDial != null) {
                nextDial.cancel(false);
                nextDial = null;
            }
            if (dialling != null) {
                dialling.close();
                dialling = null;
            }
            connection = current;
            current = null;
        }
        if (connection != null) {
            connection.channel().close();
        }
    }
}
