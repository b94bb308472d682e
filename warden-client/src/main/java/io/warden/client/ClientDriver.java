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
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
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

    private final EventLoop loop;
    private final EventDispatcher events;
    private final LongSupplier clockMs;
    private final int maxFrameBytes;
    private final SslContext tls;
    private final Map<Integer, Channel> channels = new HashMap<>();
    private final List<ConnectionStateListener> listeners = new CopyOnWriteArrayList<>();
    private ClientSession session;
    private ScheduledFuture<?> timer;
    private long timerAtMs = Long.MAX_VALUE;
    private volatile ConnectionState lastState;
    private volatile long sessionId;
    private volatile byte[] sessionPassword = new byte[ClientSession.PASSWORD_BYTES];

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

    long sessionId() {
        return sessionId;
    }

    byte[] sessionPassword() {
        return sessionPassword.clone();
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
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMs))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), server.getHostString(),
                                    server.getPort()));
                        }
                        channel.pipeline().addLast(
                                new LengthFieldBasedFrameDecoder(maxFrameBytes + LENGTH_BYTES, 0, LENGTH_BYTES, 0,
                                        LENGTH_BYTES),
                                new FrameHandler(connectionId));
                    }
                });
        InetSocketAddress address = server.isUnresolved()
                ? new InetSocketAddress(server.getHostString(), server.getPort()) : server;
        if (address.isUnresolved()) {
            LOG.warn("cannot resolve {}", server.getHostString());
            loop.execute(() -> runHere(now -> session.disconnected(connectionId, now)));
            return;
        }
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
        if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
            sessionId = forSessionId;
            sessionPassword = session.sessionPassword();
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
                LOG.warn("the server sent a frame larger than maxFrameBytes ({}); dropping the connection",
                        maxFrameBytes);
            } else {
                LOG.debug("connection {} failed: {}", connectionId, cause.toString());
            }
            context.close();
        }
    }
}
