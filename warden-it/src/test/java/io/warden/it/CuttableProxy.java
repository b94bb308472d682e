package io.warden.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between test clients and a server's client port that can cut every connection through
 * it and turn new ones away until told otherwise: a network outage under test control, for what a
 * client does when it reconnects to its session (setWatches) after things changed meanwhile. While
 * cut, a connection attempt is accepted and closed at once, so the client keeps retrying.
 */
public final class CuttableProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean cut;
    /** Bytes are read and thrown away, in both directions, with every connection left open. */
    private volatile boolean blackholed;
    private volatile boolean closed;

    private CuttableProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
        this.acceptor = new Thread(this::acceptLoop, "cuttable-proxy-accept");
        this.acceptor.setDaemon(true);
    }

    /** Starts a relay to {@code server} on an ephemeral loopback port. */
    public static CuttableProxy start(TestServer server) {
        return start(new InetSocketAddress(server.host(), server.clientPort()));
    }

    /** Starts a relay to {@code target} on an ephemeral loopback port. */
    public static CuttableProxy start(InetSocketAddress target) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            CuttableProxy proxy = new CuttableProxy(listener, target);
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the proxy", e);
        }
    }

    /** A connect string that goes through the relay. */
    public String connectString() {
        return listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort();
    }

    /** Closes every relayed connection, on both sides, and turns new ones away. */
    public void cut() {
        cut = true;
        closeAll();
    }

    /** Lets new connections through again, and bytes after {@link #blackhole}. */
    public void restore() {
        cut = false;
        blackholed = false;
    }

    /** The port the relay listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Drops every byte from now on, in both directions, leaving the connections open: a network
     * that silently stops delivering, as a partition does, until {@link #restore}.
     */
    public void blackhole() {
        blackholed = true;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut || closed) {
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                upstream.connect(target, CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!blackholed) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException ignored) {
                // one side went away: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "cuttable-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void closeAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // nothing to release
        }
        closeAll();
        try {
            acceptor.join(CONNECT_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
