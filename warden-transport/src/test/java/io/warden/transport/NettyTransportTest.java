package io.warden.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

class NettyTransportTest {

    /** Native epoll where it loads, unless the property asks for NIO (the module's second test run does). */
    @Test
    void choosesEpollWhereItLoadsUnlessTheSystemPropertySaysNio() {
        boolean nioAsked = "nio".equalsIgnoreCase(System.getProperty(NettyTransport.PROPERTY));
        boolean epoll = !nioAsked && Epoll.isAvailable();

        assertThat(NettyTransport.name()).isEqualTo(epoll ? "epoll" : "nio");
        assertThat(NettyTransport.serverChannel())
                .isEqualTo(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
        EventLoopGroup loops = NettyTransport.eventLoops(1);
        try {
            assertThat(loops).isInstanceOf(epoll ? EpollEventLoopGroup.class : NioEventLoopGroup.class);
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Where Warden ships the native library it must load: otherwise every test here would pass on NIO. */
    @Test
    void nativeEpollLoadsOnTheLinuxMachinesWardenShipsItFor() {
        String arch = System.getProperty("os.arch");
        if (System.getProperty("os.name").startsWith("Linux") && (arch.equals("amd64") || arch.equals("aarch64"))) {
            assertThat(Epoll.isAvailable()).as("epoll unavailable: %s", Epoll.unavailabilityCause()).isTrue();
        }
    }

    @Test
    void itsChannelsConnectOverItsEventLoops() throws Exception {
        EventLoopGroup loops = NettyTransport.eventLoops(2);
        CompletableFuture<String> received = new CompletableFuture<>();
        try {
            Channel server = new ServerBootstrap().group(loops).channel(NettyTransport.serverChannel())
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            Channel client = new Bootstrap().group(loops).channel(NettyTransport.socketChannel())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    ByteBuf bytes = (ByteBuf) msg;
                                    received.complete(bytes.toString(StandardCharsets.US_ASCII));
                                    bytes.release();
                                }
                            });
                        }
                    })
                    .connect(server.localAddress()).sync().channel();

            client.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII)).sync();

            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("ping");
            client.close().sync();
            server.close().sync();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
