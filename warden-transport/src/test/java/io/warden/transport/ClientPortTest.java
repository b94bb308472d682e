package io.warden.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.Test;

import io.warden.server.ServerInput;
import io.warden.server.ServerOutput;

/** The port over real sockets: the bound on open connections; connections inside the process. */
class ClientPortTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void connectionsPastMaxConnectionsAreClosedAtOnceAndNeverReachTheServer() throws Exception {
        LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        TransportLimits limits = new TransportLimits(1 << 20, 60_000, 60_000, 2, 1 << 20);
        List<Socket> sockets = new ArrayList<>();
        try (ClientPort port = new ClientPort(new InetSocketAddress("127.0.0.1", 0), limits, 1, arrivals::add)) {
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket();
                socket.setSoTimeout((int) WAIT.toMillis());
                socket.connect(new InetSocketAddress("127.0.0.1", port.port()));
                sockets.add(socket);
            }
            await().atMost(WAIT).until(() -> port.refusedConnections() == 1);
            InputStream third = sockets.get(2).getInputStream();
            assertThat(third.read()).as("closed by the server").isEqualTo(-1);
            await().atMost(WAIT).until(() -> opened(arrivals) == 2);

            sockets.get(0).close();
            await().atMost(WAIT).until(() -> arrivals.stream()
                    .anyMatch(a -> a instanceof Arrival.Plain p && p.input() instanceof ServerInput.ConnectionClosed));
            Socket again = new Socket("127.0.0.1", port.port());
            sockets.add(again);
            await().atMost(WAIT).until(() -> opened(arrivals) == 3);
            assertThat(port.refusedConnections()).as("a closed connection makes room").isEqualTo(1);
        } finally {
            for (Socket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    @Test
    void localConnectionsGetTheirOutputsInTheProcessAndOnlyInTheirRange() throws Exception {
        LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        TransportLimits limits = new TransportLimits(1 << 20, 60_000, 60_000, 2, 1 << 20);
        try (ClientPort port = new ClientPort(new InetSocketAddress("127.0.0.1", 0), limits, 1, arrivals::add)) {
            List<ServerOutput.ToConnection> received = new ArrayList<>();
            long local = ClientPort.LOCAL_CONN_ID_FIRST + 7;
            port.attachLocal(local, received::add);
            port.send(local, new ServerOutput.SendText(local, "hello"));
            port.send(local + 1, new ServerOutput.SendText(local + 1, "for nobody"));
            assertThat(received).containsExactly(new ServerOutput.SendText(local, "hello"));
            assertThatThrownBy(() -> port.attachLocal(local, received::add)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> port.attachLocal(5, received::add)).isInstanceOf(IllegalArgumentException.class);
            port.detachLocal(local);
            port.send(local, new ServerOutput.CloseConnection(local));
            assertThat(received).hasSize(1);
            assertThat(arrivals).as("the port reports nothing for a local connection").isEmpty();
        }
    }

    /** On either transport (the module's tests run over both), a taken port is a BindException and leaves no threads. */
    @Test
    void aPortInUseIsABindExceptionAndItsEventLoopsStop() throws Exception {
        TransportLimits limits = new TransportLimits(1 << 20, 60_000, 60_000, 2, 1 << 20);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long loopsBefore = eventLoopThreads();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());

            assertThatThrownBy(() -> new ClientPort(address, limits, 2, arrivals -> { }))
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining("cannot bind the client port " + address)
                    .hasMessageContaining("in use");

            await("the failed port's event loops are gone").atMost(WAIT).until(() -> eventLoopThreads() <= loopsBefore);
        }
    }

    /** Netty's default event loop threads ({@code nioEventLoopGroup-*}, {@code epollEventLoopGroup-*}) alive now. */
    private static long eventLoopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("(nio|epoll)EventLoopGroup-.*")).count();
    }

    private static long opened(LinkedBlockingQueue<Arrival> arrivals) {
        return arrivals.stream()
                .filter(a -> a instanceof Arrival.Plain p && p.input() instanceof ServerInput.ConnectionOpened).count();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the test is over
        }
    }
}
