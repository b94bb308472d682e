package io.warden.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.warden.wire.ErrorCode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ClientSession} on one Netty event loop: every input to the session happens on that
 * loop's thread, with the time from a monotonic clock, and the session's effects become channel
 * operations, one timer for its next deadline, and tasks for the {@link EventDispatcher}.
 */
final class ClientDriver implements ClientSession.Output {
    private static final Logger LOG = LoggerFactory.getLogger(ClientDriver.class);
    private static final int LENGTH_BYTES = 4;
    /** Host name lookups block, so they run here, never on an event loop; shared by every client. */
    private static final Executor RESOLVER = Executors.newCachedThreadPool(
            new DefaultThreadFactory("warden-client-resolver", true));

    private final EventLoop loop;
    private final EventDispatcher events;
    private final LongSupplier clockMs;
    private final int maxFrameBytes;
    private final SslContext tls;
    private final Map<Integer, Channel> channels = new HashMap<>();
    /** Connections whose host is being resolved; a hang-up in the meantime abandons them. Loop only. */
    private final Set<Integer> dialing = new HashSet<>();
    private final List<ConnectionStateListener> listeners = new CopyOnWriteArrayList<>();
    private ClientSession session;
    private ScheduledFuture<?> timer;
    private long timerAtMs = Long.MAX_VALUE;
    private volatile ConnectionState lastState;
    private volatile SessionHandle sessionHandle = new SessionHandle(0, new byte[ClientSession.PASSWORD_BYTES]);
    /** Futures of callers waiting to be connected, completed on the loop thread. Loop only. */
    private final List<CompletableFuture<Void>> connectionWaiters = new ArrayList<>();

    /** A session's id and password, published together. */
    record SessionHandle(long id, byte[] password) {
    }

    ClientDriver(EventLoopGroup group, EventDispatcher events, LongSupplier clockMs, int maxFrameBytes,
            SslContext tlsOrNull) {
        this.loop = group.next();
        this.events = events;
        this.clockMs = clockMs;
        this.maxFrameBytes = maxFrameBytes;
        this.tls = tlsOrNull;
    }

    /** Attaches the session; called once, before anything runs. */
    void attach(ClientSession attached) {
        this.session = attached;
    }

    /**
     * Runs {@code action} with the current time on the loop, then re-arms the timer. Once the loop
     * has stopped (the client is closed, so the session only refuses), it runs on the caller's thread.
     */
    void run(LongConsumer action) {
        if (loop.inEventLoop()) {
            runHere(action);
            return;
        }
        try {
            loop.execute(() -> runHere(action));
        } catch (RejectedExecutionException stopped) {
            action.accept(clockMs.getAsLong());
        }
    }

    /** Runs {@code action} on the loop after {@code delayMs}. */
    void schedule(long delayMs, LongConsumer action) {
        loop.schedule(() -> runHere(action), delayMs, TimeUnit.MILLISECONDS);
    }

    long nowMs() {
        return clockMs.getAsLong();
    }

    EventDispatcher events() {
        return events;
    }

    void addListener(ConnectionStateListener listener) {
        listeners.add(listener);
    }

    void removeListener(ConnectionStateListener listener) {
        listeners.remove(listener);
    }

    /** The last state the session reported, or null before the first connection. */
    ConnectionState lastState() {
        return lastState;
    }

    SessionHandle sessionHandle() {
        return sessionHandle;
    }

    boolean inEventLoop() {
        return loop.inEventLoop();
    }

    /**
     * A future completed on the loop thread when the client is connected (at once if it is), or
     * failed when the client ends; {@link #forgetConnectionWaiter} when no longer wanted.
     */
    CompletableFuture<Void> connectionWaiter() {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        run(now -> {
            ConnectionState state = lastState;
            if (state != null && state.isConnected()) {
                waiter.complete(null);
            } else if (state != null && state.isTerminal()) {
                waiter.completeExceptionally(ended(state));
            } else {
                connectionWaiters.add(waiter);
            }
        });
        return waiter;
    }

    void forgetConnectionWaiter(CompletableFuture<Void> waiter) {
        run(now -> connectionWaiters.remove(waiter));
    }

    private static WardenException ended(ConnectionState state) {
        return new WardenException(state == ConnectionState.AUTH_FAILED ? ErrorCode.AUTHFAILED
                : ErrorCode.SESSIONEXPIRED, null, "the client is " + state);
    }

    private void runHere(LongConsumer action) {
        try {
            action.accept(clockMs.getAsLong());
        } catch (RuntimeException | Error e) {
            LOG.error("the client's I/O thread caught an unexpected failure", e);
        }
        rearm();
    }

    private void rearm() {
        long deadline = session.nextDeadlineMs();
        if (deadline == timerAtMs) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        timerAtMs = deadline;
        if (deadline != Long.MAX_VALUE) {
            long delayMs = Math.max(0, deadline - clockMs.getAsLong());
            timer = loop.schedule(() -> {
                timer = null;
                timerAtMs = Long.MAX_VALUE;
                runHere(session::tick);
            }, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    // ---- session outputs (on the loop) --------------------------------------------------------

    @Override
    public void dial(int connectionId, InetSocketAddress server, long timeoutMs) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(ClientTransport.socketChannelFor(loop))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMs))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), server.getHostString(),
                                    server.getPort()));
                        }
                        // Not fail-fast: a frame that is too long is skipped whole, so the next one is read.
                        channel.pipeline().addLast(
                                new LengthFieldBasedFrameDecoder(ByteOrder.BIG_ENDIAN, maxFrameBytes + LENGTH_BYTES, 0,
                                        LENGTH_BYTES, 0, LENGTH_BYTES, false),
                                new FrameHandler(connectionId));
                    }
                });
        dialing.add(connectionId);
        CompletableFuture.supplyAsync(() -> resolve(server), RESOLVER).whenCompleteAsync((address, failure) -> {
            if (!dialing.remove(connectionId)) {
                return;
            }
            if (address == null) {
                LOG.warn("cannot resolve {}: {}", server.getHostString(), failure == null ? "no address" : failure.toString());
                runHere(now -> session.disconnected(connectionId, now));
                return;
            }
            connect(bootstrap, connectionId, server, address);
        }, loop);
    }

    /**
     * Every address of the host, one picked at random (as ZooKeeper's client does), so that a name
     * standing for several servers (a DNS round robin, a Kubernetes headless service) spreads
     * clients and does not pin them to one dead address. Runs off the event loop: lookups block.
     */
    private static InetSocketAddress resolve(InetSocketAddress server) {
        if (!server.isUnresolved()) {
            return server;
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(server.getHostString());
            return new InetSocketAddress(all[ThreadLocalRandom.current().nextInt(all.length)], server.getPort());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private void connect(Bootstrap bootstrap, int connectionId, InetSocketAddress server, InetSocketAddress address) {
        ChannelFuture connecting = bootstrap.connect(address);
        Channel channel = connecting.channel();
        channels.put(connectionId, channel);
        connecting.addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                LOG.debug("could not connect to {}: {}", server, future.cause().toString());
                channels.remove(connectionId);
                runHere(now -> session.disconnected(connectionId, now));
            }
        });
        channel.closeFuture().addListener(future -> {
            if (channels.remove(connectionId) != null) {
                runHere(now -> session.disconnected(connectionId, now));
            }
        });
    }

    @Override
    public void send(int connectionId, byte[] frame) {
        Channel channel = channels.get(connectionId);
        if (channel != null) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(frame))
                    .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    @Override
    public void hangUp(int connectionId) {
        dialing.remove(connectionId);
        Channel channel = channels.remove(connectionId);
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void completed(Call call, Outcome outcome) {
        call.whenDone.accept(outcome);
    }

    @Override
    public void watchEvent(Set<Watcher> watchers, WatchEvent event) {
        events.dispatch(() -> {
            for (Watcher watcher : watchers) {
                try {
                    watcher.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.error("watcher {} threw on {}", watcher, event, e);
                }
            }
        });
    }

    @Override
    public void stateChanged(ConnectionState state, long forSessionId) {
        lastState = state;
        if (state.isConnected()) {
            sessionHandle = new SessionHandle(forSessionId, session.sessionPassword());
        }
        LOG.info("session 0x{}: {}", Long.toHexString(forSessionId), state);
        events.dispatch(() -> {
            for (ConnectionStateListener listener : listeners) {
                try {
                    listener.stateChanged(state, forSessionId);
                } catch (RuntimeException e) {
                    LOG.error("connection state listener {} threw on {}", listener, state, e);
                }
            }
        });
        // After the listeners' task is queued, so that what a waiter hands to the event thread runs after them.
        if (state.isConnected() || state.isTerminal()) {
            List<CompletableFuture<Void>> waiters = new ArrayList<>(connectionWaiters);
            connectionWaiters.clear();
            for (CompletableFuture<Void> waiter : waiters) {
                if (state.isConnected()) {
                    waiter.complete(null);
                } else {
                    waiter.completeExceptionally(ended(state));
                }
            }
        }
    }

    /** Hands a connection's frames and its end to the session. */
    private final class FrameHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final int connectionId;

        FrameHandler(int connectionId) {
            this.connectionId = connectionId;
        }

        @Override
        public void channelActive(ChannelHandlerContext context) {
            if (tls == null) {
                runHere(now -> session.connected(connectionId, now));
            }
            context.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    runHere(now -> session.connected(connectionId, now));
                } else {
                    LOG.warn("TLS handshake failed: {}", handshake.cause().toString());
                    context.close();
                }
            }
            context.fireUserEventTriggered(event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, ByteBuf frame) {
            byte[] payload = new byte[frame.readableBytes()];
            frame.readBytes(payload);
            runHere(now -> session.frame(connectionId, payload, now));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                LOG.warn("the server sent a frame larger than maxFrameBytes ({}); it was skipped", maxFrameBytes);
                runHere(now -> session.frameTooLong(connectionId, now));
                return;
            }
            LOG.debug("connection {} failed: {}", connectionId, cause.toString());
            context.close();
        }
    }
}
