package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that pipeline reads of a large node and never read the replies: before the bounds, each
 * made the server buffer replies without limit until it ran past its heap. Now each connection is
 * answered only as far as its unwritten bytes (and its share of the server's) allow and then no
 * longer read; the server's memory stays bounded, other clients are served, the attackers'
 * connections are all closed in the end, and a SIGKILL restart keeps every acknowledged write.
 */
class UnreadRepliesProcessTest {
    private static final int NODE_BYTES = 512 * 1024;
    private static final int ATTACKERS = 30;
    private static final int READS_EACH = 4000;
    /**
     * An attacker's receive buffer: small beside a reply (512 KiB), so that the server's unwritten
     * bytes pile up at once, and at least a loopback segment (64 KiB). With 4 KiB the window, once
     * closed, reopened only when the server's kernel probed it (silly-window avoidance), and reading
     * the 3.5 MiB a closed connection still had in flight took 90 s.
     */
    private static final int ATTACKER_RECEIVE_BUFFER_BYTES = 64 * 1024;
    /** Beyond the attackers' session timeout (30 s asked for, at most 40 s with tickTime 2000). */
    private static final Duration ATTACKERS_GONE_WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void clientsThatNeverReadCannotMakeTheServerGrow() throws Exception {
        List<Socket> attackers = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        List<String> acknowledged = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dir, List.of("maxClientCnxns=0"),
                List.of("-Xmx256m", "-XX:MaxDirectMemorySize=128m"))) {
            try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
                client.zk().create("/big", new byte[NODE_BYTES], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                acknowledged.add("/big");
            }
            byte[] pipeline = pipelinedGetData(READS_EACH);
            for (int i = 0; i < ATTACKERS; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.clientPort()));
                socket.setReceiveBufferSize(ATTACKER_RECEIVE_BUFFER_BYTES);
                attackers.add(socket);
                Thread writer = new Thread(() -> writeQuietly(socket, pipeline), "attacker-" + i);
                writer.setDaemon(true);
                writer.start();
                writers.add(writer);
            }
            try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
                for (int i = 0; i < 50; i++) {
                    assertThat(client.zk().getData("/big", false, null)).hasSize(NODE_BYTES);
                    acknowledged.add(client.zk().create("/during-", null, ZooDefs.Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT_SEQUENTIAL));
                }
                long residentMib = server.residentKib() / 1024;
                assertThat(residentMib).as("resident MiB with a 256 MiB heap").isLessThan(768);
                assertThat(server.isAlive()).isTrue();
            }
            // The server lets go of every one of them: their sessions expire (the server stopped
            // reading their pings), or they are closed because they stopped reading. The test waits
            // for that before it reads from them, since reading an open one lets the server go on
            // answering it (up to 2 GiB).
            await().atMost(ATTACKERS_GONE_WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> server.mntr("zk_num_alive_connections") == 1); // the one asking
            for (Socket socket : attackers) {
                socket.setSoTimeout((int) TestClient.WAIT.toMillis());
                assertThat(readsToTheEnd(socket)).as("an attacker's connection closed by the server").isTrue();
                socket.close();
            }
            server.kill();
            server.launch(null);
            try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
                for (String path : acknowledged) {
                    assertThat(client.zk().exists(path, false)).as(path).isNotNull();
                }
            }
        }
        for (Thread writer : writers) {
            writer.join(TestClient.WAIT.toMillis());
        }
    }

    /** Reads what the server sent until it closed the connection; false when it stays open. */
    private static boolean readsToTheEnd(Socket socket) {
        byte[] chunk = new byte[1 << 16];
        try {
            while (socket.getInputStream().read(chunk) >= 0) {
                // discard
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A handshake, then {@code count} getData requests for /big, as one stream of bytes. */
    private static byte[] pipelinedGetData(int count) {
        byte[] handshake = RawConnection.connectRequest(0, 30_000, 0, new byte[16], true);
        byte[] request = RawConnection.request(1, RawScenarios.OP_GET_DATA, RawScenarios.pathWatch("/big", false));
        ByteBuffer all = ByteBuffer.allocate(handshake.length + count * request.length);
        all.put(handshake);
        for (int i = 0; i < count; i++) {
            all.put(request);
        }
        return all.array();
    }

    /** Writes until done or until the socket is closed under it (the server stops reading it). */
    private static void writeQuietly(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // closed by the test
        }
    }
}
