package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
                socket.setReceiveBufferSize(4096);
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
            // reading their pings), or they are closed because they stopped reading.
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
