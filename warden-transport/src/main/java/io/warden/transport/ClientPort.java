package io.warden.transport;

import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.warden.server.ServerOutput;

/**
 * The client port: accepts connections, frames and decodes what they send into the driver's sink,
 * and carries out the driver's sends and closes. Writes are flushed by {@link #flush()}, once per
 * batch of work, so that many replies leave in one system call.
 */
public final class ClientPort implements AutoCloseable {
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers;
    private final Map<Long, Channel> channels = new ConcurrentHashMap<>();
    /** Connections written to since the last flush, in the order of their first write. Driver thread only. */
    private final Set<Channel> unflushed = new LinkedHashSet<>();
    private final AtomicLong nextConnId = new AtomicLong(1);
    private final Channel serverChannel;

    /**
     * Binds the port.
     *
     * @param address       where to listen; port 0 picks a free port
     * @param maxFrameBytes the largest frame accepted ({@code jute.maxbuffer})
     * @param ioThreads     Netty worker threads
     * @param sink          where decoded inputs go
     */
    public ClientPort(InetSocketAddress address, int maxFrameBytes, int ioThreads, InputSink sink)
            throws InterruptedException {
        workers = new NioEventLoopGroup(ioThreads);
        ClientPort port = this;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        long connId = nextConnId.getAndIncrement();
                        channel.pipeline()
                                .addLast("frames", new FrameDecoder(maxFrameBytes))
                                .addLast("outputs", new OutputEncoder())
                                .addLast("client", new ClientHandler(connId, sink, port));
                    }
                });
        try {
            serverChannel = bootstrap.bind(address).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            shutdown();
            throw e;
        }
    }

    /** The port actually bound. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    void register(long connId, Channel channel) {
        channels.put(connId, channel);
    }

    void unregister(long connId) {
        channels.remove(connId);
    }

    /** Queues an output for its connection; a close waits for what was queued before it. */
    public void send(long connId, ServerOutput output) {
        Channel channel = channels.get(connId);
        if (channel == null) {
            return;
        }
        if (output instanceof ServerOutput.PauseReading) {
            channel.config().setAutoRead(false);
        } else if (output instanceof ServerOutput.ResumeReading) {
            channel.config().setAutoRead(true);
        } else if (output instanceof ServerOutput.CloseConnection) {
            unflushed.remove(channel);
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.write(output);
            unflushed.add(channel);
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
        for (Channel channel : channels.values()) {
            channel.close();
        }
        shutdown();
    }

    private void shutdown() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
