package io.warden.transport;

import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.unix.Errors;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Which of Netty's transports the server's ports use: Linux's native epoll where its library
 * loads (fewer system calls and less garbage per read and write than the JDK's selector), the
 * JDK's NIO elsewhere or when {@value #PROPERTY} is {@code nio}. One choice per process, so that
 * every channel matches the event loops it is registered with.
 */
public final class NettyTransport {
    private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);
    /** The system property that chooses the transport: {@code epoll} (the default where it loads) or {@code nio}. */
    public static final String PROPERTY = "warden.netty.transport";
    private static final boolean EPOLL = chooseEpoll(System.getProperty(PROPERTY, "epoll"));

    private NettyTransport() {
    }

    private static boolean chooseEpoll(String wanted) {
        if (wanted.equalsIgnoreCase("nio")) {
            return false;
        }
        if (!wanted.equalsIgnoreCase("epoll")) {
            LOG.warn("{}={} is neither epoll nor nio; using epoll where it loads", PROPERTY, wanted);
        }
        if (Epoll.isAvailable()) {
            return true;
        }
        LOG.debug("Netty's native epoll transport is not available here; using NIO", Epoll.unavailabilityCause());
        return false;
    }

    /**
     * The exception for a port that could not be bound: a {@link BindException} when the cause is
     * one (NIO) or a native call's failure (epoll reports a port in use as one, not as a
     * BindException), so that callers can tell a taken port the same way on either transport.
     */
    public static IOException bindFailure(String why, Throwable cause) {
        String message = why + ": " + cause.getMessage();
        IOException failure = cause instanceof BindException || cause instanceof Errors.NativeIoException
                ? new BindException(message) : new IOException(message);
        failure.initCause(cause);
        return failure;
    }

    /** The transport's name, for logs and tests: {@code epoll} or {@code nio}. */
    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    /** Event loops of this transport, on threads from {@code threadFactory}. */
    public static EventLoopGroup eventLoops(int threads, ThreadFactory threadFactory) {
        return EPOLL ? new EpollEventLoopGroup(threads, threadFactory) : new NioEventLoopGroup(threads, threadFactory);
    }

    /** Event loops of this transport, on Netty's default threads. */
    public static EventLoopGroup eventLoops(int threads) {
        return EPOLL ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
    }

    /** The listening channel's class for {@link #eventLoops}. */
    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The connecting channel's class for {@link #eventLoops}. */
    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
