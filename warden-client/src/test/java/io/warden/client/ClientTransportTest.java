package io.warden.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

class ClientTransportTest {

    @Test
    void aClientsOwnLoopIsNativeEpollWhereItLoadsUnlessTheSystemPropertySaysNio() {
        boolean epoll = !"nio".equalsIgnoreCase(System.getProperty(ClientTransport.PROPERTY)) && Epoll.isAvailable();
        EventLoopGroup owned = ClientTransport.eventLoops(new DefaultThreadFactory("client-transport-test", true));
        try {
            assertThat(owned).isInstanceOf(epoll ? EpollEventLoopGroup.class : NioEventLoopGroup.class);
            assertThat(ClientTransport.socketChannelFor(owned.next()))
                    .isEqualTo(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
        } finally {
            owned.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void theChannelFollowsTheKindOfAGroupTheApplicationGives() {
        EventLoopGroup nio = new NioEventLoopGroup(1);
        try {
            assertThat(ClientTransport.socketChannelFor(nio.next())).isEqualTo(NioSocketChannel.class);
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (Epoll.isAvailable()) {
            EventLoopGroup epoll = new EpollEventLoopGroup(1);
            try {
                assertThat(ClientTransport.socketChannelFor(epoll.next())).isEqualTo(EpollSocketChannel.class);
            } finally {
                epoll.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
        }
    }
}
