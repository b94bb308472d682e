package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that hold a server's file descriptors and memory without doing anything: sockets
 * that never send a handshake, first frames that claim a megabyte, sessions that stop halfway
 * through a frame. The server closes each of them (at once, or after its timeout), never holds
 * more connections than {@code maxCnxns}, stays small, and serves real clients throughout.
 */
class IdleAndStuckConnectionsProcessTest {
    private static final int MAX_CNXNS = 300;

    @TempDir
    Path dir;

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the test is over
            }
        }
    }

    private ServerProcess start() {
        return ServerProcess.start(dir, List.of("maxClientCnxns=0", "maxCnxns=" + MAX_CNXNS,
                "warden.handshakeTimeoutMs=1000", "warden.frameTimeoutMs=1500"), List.of("-Xmx256m"));
    }

    private Socket connect(ServerProcess server) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout((int) TestClient.WAIT.toMillis());
        socket.connect(new InetSocketAddress("127.0.0.1", server.clientPort()));
        sockets.add(socket);
        return socket;
    }

    /** Whether the server closed the socket: a read ends the stream (or the connection was reset). */
    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // drain whatever the server sent first
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void silentSocketsAreClosedAfterTheHandshakeTimeoutAndNeverExceedMaxCnxns() throws Exception {
        try (ServerProcess server = start()) {
            for (int i = 0; i < 2 * MAX_CNXNS; i++) {
                connect(server);
            }
            for (Socket socket : sockets) {
                assertThat(closedByServer(socket)).as("every silent socket is closed by the server").isTrue();
            }
            try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
                client.zk().create("/after-silence", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
            // only the connection asking mntr, once the client's close has been handled
            await().atMost(TestClient.WAIT).until(() -> server.mntr("zk_num_alive_connections") == 1);
        }
    }

    @Test
    void firstFramesClaimingAMegabyteAreClosedAtOnceAndTheServerStaysSmall() throws Exception {
        try (ServerProcess server = start()) {
            long before = server.residentKib();
            for (int i = 0; i < 250; i++) {
                Socket socket = connect(server);
                OutputStream out = socket.getOutputStream();
                out.write(ByteBuffer.allocate(4).putInt(1_000_000).array());
                out.write(new byte[8192]);
            }
            for (Socket socket : sockets) {
                assertThat(closedByServer(socket)).isTrue();
            }
            assertThat(server.residentKib() - before).as("resident growth in KiB").isLessThan(200 * 1024);
            try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
                client.zk().create("/served", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
        }
    }

    @Test
    void sessionsThatStopHalfwayThroughAFrameAreClosedAfterTheFrameTimeout() throws Exception {
        try (ServerProcess server = start(); TestClient client = TestClient.connect(server.connectString(), 10_000)) {
            List<RawConnection> stuck = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                RawConnection raw = RawConnection.open(server);
                stuck.add(raw);
                raw.handshake(30_000);
                raw.send(ByteBuffer.allocate(4 + 256 * 1024).putInt(1_000_000).array());
            }
            client.zk().create("/while-stuck", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            for (RawConnection raw : stuck) {
                RawConnection.Outcome outcome = raw.read();
                assertThat(outcome).as("closed by the server").isInstanceOf(RawConnection.Closed.class);
                raw.close();
            }
            // the client's connection and the one asking mntr
            await().atMost(TestClient.WAIT).until(() -> server.mntr("zk_num_alive_connections") == 2);
            assertThat(client.zk().exists("/while-stuck", false)).isNotNull();
        }
    }
}
