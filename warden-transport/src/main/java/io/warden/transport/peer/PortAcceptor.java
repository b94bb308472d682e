package io.warden.transport.peer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.warden.transport.NettyTransport;
import io.warden.zab.PeerMessage;

/**
 * One listening port of a server (quorum or election) and the connections it accepted, each read
 * by a {@link PeerFrameReader} and handed on by a {@link ReceiveHandler}. Binding is tried
 * {@code bindAttempts} times, {@code bindRetryMs} apart, as a port that a previous run of the
 * server still held may be free a moment later.
 */
final class PortAcceptor {
    private static final Logger LOG = LoggerFactory.getLogger(PortAcceptor.class);
    /** Connections waiting to be accepted; peers are few, dials at once fewer. */
    private static final int BACKLOG = 128;

    private final Channel serverChannel;
    private final InboundChannels inbound;

    boolean hasConnectionFrom(long peerId) {
        return inbound.hasConnectionFrom(peerId);
    }

    private PortAcceptor(Channel serverChannel, InboundChannels inbound) {
        this.serverChannel = serverChannel;
        this.inbound = inbound;
    }

    static PortAcceptor bind(PortKind kind, InetSocketAddress address, EventLoopGroup group, long myId,
            Set<Long> memberIds, PeerLimits limits, BiConsumer<Long, PeerMessage> onReceive, InboundBudget budget,
            boolean takenLater, LongConsumer onLost, SnapshotSink snapshots) throws IOException {
        InboundChannels inbound = new InboundChannels(kind, onLost);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NettyTransport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        inbound.accepted(channel);
                        channel.pipeline()
                                .addLast("frames", new PeerFrameReader(kind, myId, memberIds, limits, inbound,
                                        snapshots))
                                .addLast("receive", new ReceiveHandler(kind, onReceive, budget, takenLater));
                    }
                });
        for (int attempt = 1;; attempt++) {
            ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
            if (bound.isSuccess()) {
                return new PortAcceptor(bound.channel(), inbound);
            }
            Throwable cause = bound.cause();
            if (attempt >= limits.bindAttempts()) {
                throw NettyTransport.bindFailure(
                        "cannot bind the " + kind + " port " + address + " (" + attempt + " attempts)", cause);
            }
            LOG.warn("cannot bind the {} port {} (attempt {} of {}), trying again in {} ms: {}", kind, address,
                    attempt, limits.bindAttempts(), limits.bindRetryMs(), cause.toString());
            try {
                Thread.sleep(limits.bindRetryMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while binding the " + kind + " port " + address);
            }
        }
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Connections open on this port now (for tests). */
    int openConnections() {
        return inbound.size();
    }

    void close() {
        serverChannel.close().syncUninterruptibly();
        inbound.closeAll();
    }
}
