package io.warden.client;

import java.util.concurrent.ThreadFactory;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Which of Netty's transports a client's connections use. A client that owns its event loop gets
 * Linux's native epoll where its library loads (less CPU per request than the JDK's selector), the
 * JDK's NIO elsewhere or when the system property {@value #PROPERTY} is {@code nio}; with an event
 * loop group the application gives ({@link WardenClient.Builder#eventLoopGroup}), the channel
 * follows the group's kind, which must be one of the two.
 */
final class ClientTransport {
    /** The system property that turns the native transport off: {@code nio}. */
    static final String PROPERTY = "warden.netty.transport";
    private static final boolean EPOLL = !"nio".equalsIgnoreCase(System.getProperty(PROPERTY))
            && Epoll.isAvailable();

    private ClientTransport() {
    }

    /** A one-thread event loop group of the transport chosen for this process. */
    static EventLoopGroup eventLoops(ThreadFactory threadFactory) {
        return EPOLL ? new EpollEventLoopGroup(1, threadFactory) : new NioEventLoopGroup(1, threadFactory);
    }

    /**
     * The channel class that can register with {@code loop}.
     *
     * @throws IllegalArgumentException for a loop of neither NIO nor epoll (a local or kqueue
     *     group), on which no connection could ever register
     */
    static Class<? extends SocketChannel> socketChannelFor(EventLoop loop) {
        if (loop.parent() instanceof EpollEventLoopGroup) {
            return EpollSocketChannel.class;
        }
        if (loop.parent() instanceof NioEventLoopGroup) {
            return NioSocketChannel.class;
        }
        throw new IllegalArgumentException("the client's connections need an event loop group of NIO or epoll, not "
                + loop.parent().getClass().getName());
    }
}
