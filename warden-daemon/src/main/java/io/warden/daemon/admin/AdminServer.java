package io.warden.daemon.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import io.warden.daemon.config.ServerConfig;
import io.warden.daemon.console.ConsoleLimits;
import io.warden.daemon.console.WebConsole;
import io.warden.transport.ClientPort;

/**
 * The HTTP AdminServer on its own port: one Netty thread, bounded connections and requests,
 * commands answered by the driver thread through {@link AdminCall}s put on its inbound queue.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** ZooKeeper's default {@code admin.commandURL}. */
    static final String COMMAND_URL = "/commands";

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final int port;
    /** Checks uploaded snapshots, off the Netty thread and the driver. */
    private final ExecutorService restoreChecker;

    private AdminServer(EventLoopGroup group, Channel serverChannel, ExecutorService restoreChecker) {
        this.group = group;
        this.restoreChecker = restoreChecker;
        this.serverChannel = serverChannel;
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Starts the AdminServer when the configuration enables it ({@code admin.enableServer=true}).
     *
     * @param toDriver puts an {@link AdminCall} (the calls of snapshot and restore, a console's read
     *                 or connection input) on the driver's inbound queue
     * @param port     the client port, where the web console's edits attach their connections
     * @param storage  what snapshot and restore work on
     * @return the running server, or null when it is not enabled
     */
    public static AdminServer startIfEnabled(ServerConfig config, Consumer<Object> toDriver, ClientPort port,
            AdminStorage storage)
            throws IOException {
        if (!config.adminServerEnabled()) {
            return null;
        }
        return start(new InetSocketAddress(config.adminServerAddress(), config.adminServerPort()),
                AdminLimits.DEFAULTS, toDriver,
                WebConsole.overClientPort(ConsoleLimits.DEFAULTS, toDriver, port, config.members()), storage,
                StateCommandSettings.of(config), EnsembleCommands.of(config));
    }

    static AdminServer start(InetSocketAddress address, AdminLimits limits, Consumer<Object> toDriver)
            throws IOException {
        return start(address, limits, toDriver, null, null, StateCommandSettings.DEFAULTS, EnsembleCommands.none());
    }

    /** @param console the web console to serve under {@link WebConsole#PREFIX}, or null for none */
    static AdminServer start(InetSocketAddress address, AdminLimits limits, Consumer<Object> toDriver,
            WebConsole console, AdminStorage storage, StateCommandSettings stateSettings, EnsembleCommands ensemble)
            throws IOException {
        ExecutorService restoreChecker = Executors.newSingleThreadExecutor(
                new DefaultThreadFactory("warden-admin-restore", true));
        OncePerInterval snapshotRate = new OncePerInterval(stateSettings.rateLimitIntervalMs(),
                System::currentTimeMillis);
        OncePerInterval restoreRate = new OncePerInterval(stateSettings.rateLimitIntervalMs(),
                System::currentTimeMillis);
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("warden-admin", true));
        Semaphore callsInFlight = new Semaphore(limits.callsInFlightMax());
        AtomicInteger open = new AtomicInteger();
        ObjectWriter json = new ObjectMapper().writerWithDefaultPrettyPrinter();
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (open.incrementAndGet() > limits.connectionsMax()) {
                            open.decrementAndGet();
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> open.decrementAndGet());
                        RequestDeadline deadline = new RequestDeadline(limits.requestTimeoutMs());
                        ch.attr(RequestDeadline.KEY).set(deadline);
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, limits.idleTimeoutMs(), TimeUnit.MILLISECONDS))
                                .addLast(deadline.start())
                                .addLast(new HttpServerCodec(limits.initialLineBytesMax(), limits.headerBytesMax(),
                                        8192))
                                .addLast(new ChunkedWriteHandler())
                                .addLast(deadline.stop())
                                .addLast(new RestoreUploadHandler(COMMAND_URL, storage, stateSettings, restoreRate,
                                        callsInFlight, toDriver, restoreChecker, json))
                                .addLast(new HttpObjectAggregator(limits.bodyBytesMax(), true))
                                // pipelined requests reach the handler one per read: while one
                                // waits for the driver (reading is off) the next waits here
                                .addLast(new FlowControlHandler())
                                .addLast(new AdminHttpHandler(COMMAND_URL, limits, callsInFlight, toDriver, json,
                                        ensemble, console, new SnapshotCommand(storage, stateSettings, snapshotRate,
                                                callsInFlight, toDriver, json)));
                    }
                });
        try {
            Channel channel = bootstrap.bind(address).sync().channel();
            AdminServer server = new AdminServer(group, channel, restoreChecker);
            LOG.info("AdminServer on http://{}:{}{}", address.getHostString(), server.port, COMMAND_URL);
            if (console != null) {
                LOG.info("web console on http://{}:{}{}/", address.getHostString(), server.port, WebConsole.PREFIX);
            }
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            restoreChecker.shutdownNow();
            throw new IOException("interrupted while binding the AdminServer port", e);
        } catch (Exception e) { // bind failures arrive as unchecked-thrown IOExceptions
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            restoreChecker.shutdownNow();
            throw new IOException("cannot bind the AdminServer to " + address + ": " + e.getMessage(), e);
        }
    }

    /** The bound port (the chosen one when the configuration asked for port 0). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        restoreChecker.shutdownNow();
    }
}
