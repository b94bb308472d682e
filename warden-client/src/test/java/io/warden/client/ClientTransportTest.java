package io.warden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

class ClientTransportTest {

    /** Where Warden ships the native library it must load: otherwise the other tests here would pass on NIO. */
    @Test
    void nativeEpollLoadsOnTheLinuxMachinesWardenShipsItFor() {
        String arch = System.getProperty("os.arch");
        if (System.getProperty("os.name").startsWith("Linux") && (arch.equals("amd64") || arch.equals("aarch64"))) {
            assertThat(Epoll.isAvailable()).as("epoll unavailable: %s", Epoll.unavailabilityCause()).isTrue();
        }
    }

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
    void theChannelFollowsTheKindOfAGroupTheApplicationGivesAndOtherKindsAreRefused() {
        EventLoopGroup nio = new NioEventLoopGroup(1);
        try {
            assertThat(ClientTransport.socketChannelFor(nio.next())).isEqualTo(NioSocketChannel.class);
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        EventLoopGroup local = new DefaultEventLoopGroup(1);
        try {
            assertThatThrownBy(() -> ClientTransport.socketChannelFor(local.next()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NIO or epoll");
            assertThatThrownBy(() -> WardenClient.builder("127.0.0.1:1").eventLoopGroup(local).build())
                    .as("refused when the client is built, not retried forever")
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            local.shutdownGracefully(0, 1, TimeUnit.SECONDS);
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
