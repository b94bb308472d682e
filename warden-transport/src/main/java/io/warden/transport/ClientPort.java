package io.warden.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.warden.server.ServerOutput;

/**
 * The client port: accepts connections (closing any past {@code maxConnections} at once), frames
 * and decodes what they send into the driver's sink, and carries out the driver's sends, closes
 * and read pauses. Writes are flushed by {@link #flush()}, once per batch of work, so that many
 * replies leave in one system call; each frame's write is reported back as written.
 */
public final class ClientPort implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientPort.class);
    /**
     * Connection ids from here up are free for connections inside the process ({@link #attachLocal});
     * the port numbers its sockets' connections from 1 and never reaches them.
     */
    public static final long LOCAL_CONN_ID_FIRST = 1L << 62;
    /** At most one warning about refused connections per this many ms. */
    private static final long REFUSAL_WARNING_INTERVAL_MS = 10_000;
    /**
     * How long a connection the server closes may take to receive what was sent to it before (the
     * last reply, a four-letter word's answer); a client that does not read is closed regardless.
     */
    static final long CLOSE_GRACE_MS = 5_000;

    private final EventLoopGroup boss = NettyTransport.eventLoops(1);
    private final EventLoopGroup workers;
    private final Map<Long, Peer> peers = new ConcurrentHashMap<>();
    /** Connections inside this process (the web console's), by id: their outputs go to a receiver. */
    private final Map<Long, Consumer<ServerOutput.ToConnection>> locals = new ConcurrentHashMap<>();
    /** Connections written to since the last flush, in the order of their first write. Driver thread only. */
    private final Set<Channel> unflushed = new LinkedHashSet<>();
    private final AtomicLong nextConnId = new AtomicLong(1);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastRefusalWarningMs = new AtomicLong();
    private final ReadBudget budget;
    private final Channel serverChannel;

    /** One open connection: its channel, its reader (to pause it) and its written-frame counter. */
    private record Peer(Channel channel, FrameReader reader, WrittenCounter written) {
    }

    /** The listen backlog when {@code clientPortListenBacklog} is -1 (not set). */
    public static final int LISTEN_BACKLOG_DEFAULT = 1024;

    /** Binds the port with the default listen backlog. */
    public ClientPort(InetSocketAddress address, TransportLimits limits, int ioThreads, InputSink sink)
            throws InterruptedException, IOException {
        this(address, limits, ioThreads, -1, sink);
    }

    /**
     * Binds the port.
     *
     * @param address       where to listen; port 0 picks a free port
     * @param limits        the port's bounds
     * @param ioThreads     Netty worker threads
     * @param listenBacklog connections the OS may hold before they are accepted
     *                      ({@code clientPortListenBacklog}); -1 for {@link #LISTEN_BACKLOG_DEFAULT}
     * @param sink          where decoded inputs go
     * @throws java.net.BindException when the address cannot be bound (a port in use, on either transport)
     */
    public ClientPort(InetSocketAddress address, TransportLimits limits, int ioThreads, int listenBacklog,
            InputSink sink) throws InterruptedException, IOException {
        this(address, limits, ioThreads, listenBacklog, sink, true);
    }

    /**
     * Binds the port, accepting connections at once or only after {@link #startAccepting}: until
     * then connections wait in the operating system's listen backlog, which bounds them, and
     * nothing of theirs reaches the sink (a server binds early while it recovers its data).
     */
    public ClientPort(InetSocketAddress address, TransportLimits limits, int ioThreads, int listenBacklog,
            InputSink sink, boolean acceptAtOnce) throws InterruptedException, IOException {
        workers = NettyTransport.eventLoops(ioThreads);
        budget = new ReadBudget(limits.inboundBytesMax());
        ClientPort port = this;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NettyTransport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, listenBacklog > 0 ? listenBacklog : LISTEN_BACKLOG_DEFAULT)
                .option(ChannelOption.AUTO_READ, acceptAtOnce)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (open.incrementAndGet() > limits.maxConnections()) {
                            open.decrementAndGet();
                            refuse(channel, limits.maxConnections());
                            return;
                        }
                        channel.closeFuture().addListener(closed -> open.decrementAndGet());
                        long connId = nextConnId.getAndIncrement();
                        FrameReader reader = new FrameReader(limits, budget);
                        channel.pipeline()
                                .addLast("frames", reader)
                                .addLast("outputs", new OutputEncoder())
                                .addLast("client", new ClientHandler(connId, sink, port, reader));
                    }
                });
        ChannelFuture bound;
        try {
            bound = bootstrap.bind(address).await();
        } catch (InterruptedException | RuntimeException e) {
            shutdown();
            throw e;
        }
        if (!bound.isSuccess()) {
            shutdown();
            throw NettyTransport.bindFailure("cannot bind the client port " + address, bound.cause());
        }
        serverChannel = bound.channel();
    }

    private void refuse(SocketChannel channel, int max) {
        long count = refused.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastRefusalWarningMs.get();
        if (now - last >= REFUSAL_WARNING_INTERVAL_MS && lastRefusalWarningMs.compareAndSet(last, now)) {
            LOG.warn("refusing connections: maxCnxns ({}) are open ({} refused so far)", max, count);
        }
        channel.close();
    }

    /** Starts accepting connections, for a port bound with {@code acceptAtOnce} false. */
    public void startAccepting() {
        serverChannel.config().setAutoRead(true);
    }

    /** The port actually bound. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Connections refused because {@code maxConnections} were open. */
    public long refusedConnections() {
        return refused.get();
    }

    void register(long connId, Channel channel, FrameReader reader, WrittenCounter written) {
        peers.put(connId, new Peer(channel, reader, written));
    }

    void unregister(long connId) {
        peers.remove(connId);
    }

    /**
     * Makes {@code connId} (at least {@link #LOCAL_CONN_ID_FIRST}) a connection inside the process:
     * what the driver sends it goes to {@code receiver}, on the driver thread, which must not block.
     * The connection's owner feeds the driver its inputs, including the written-frames reports and
     * the close that a socket's handler would send.
     */
    public void attachLocal(long connId, Consumer<ServerOutput.ToConnection> receiver) {
        if (connId < LOCAL_CONN_ID_FIRST) {
            throw new IllegalArgumentException("connection id " + connId + " is in the sockets' range");
        }
        if (locals.putIfAbsent(connId, receiver) != null) {
            throw new IllegalStateException("local connection " + connId + " is attached already");
        }
    }

    /** Forgets a connection inside the process; what is sent to it afterwards is dropped. */
    public void detachLocal(long connId) {
        locals.remove(connId);
    }

    /** Carries out an output for its connection; a close waits for what was sent before it. */
    public void send(long connId, ServerOutput.ToConnection output) {
        Peer peer = peers.get(connId);
        if (peer == null) {
            Consumer<ServerOutput.ToConnection> local = locals.get(connId);
            if (local != null) {
                local.accept(output);
            }
            return;
        }
        Channel channel = peer.channel();
        if (output instanceof ServerOutput.PauseReading) {
            peer.reader().pauseForCore(true);
        } else if (output instanceof ServerOutput.ResumeReading) {
            peer.reader().pauseForCore(false);
        } else if (output instanceof ServerOutput.CloseConnection) {
            unflushed.remove(channel);
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
        } else if (output instanceof ServerOutput.SendReply || output instanceof ServerOutput.SendNotification
                || output instanceof ServerOutput.SendConnectResponse || output instanceof ServerOutput.SendText) {
            channel.write(output).addListener(peer.written());
            unflushed.add(channel);
        } else {
            throw new IllegalArgumentException("no transport action for " + output);
        }
    }

    /**
     * Flushes every connection written to since the last flush, in the order of their first write,
     * so that watch events (written before the reply of the write that fired them) leave first.
     */
    public void flush() {
        for (Channel channel : unflushed) {
            channel.flush();
        }
        unflushed.clear();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        for (Peer peer : peers.values()) {
            peer.channel().close();
        }
        shutdown();
    }

    private void shutdown() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
