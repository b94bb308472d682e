package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that keep the server's inbound queue full with pipelined reads: before the fair
 * schedule the driver never ticked, flushed or snapshotted while input waited, so no session
 * expired and replies waited. Now, during the flood, a session whose client went silent expires
 * (its ephemeral node goes), snapshots are taken, and four-letter words and other clients are
 * answered.
 */
class FloodFairnessProcessTest {
    private static final int FLOODERS = 4;

    @TempDir
    Path dir;

    @Test
    void sessionsExpireAndSnapshotsRunWhileClientsFloodTheServer() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong replies = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Socket> sockets = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dir, List.of("snapCount=100", "maxClientCnxns=0"),
                List.of())) {
            for (int i = 0; i < FLOODERS; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.clientPort()));
                sockets.add(socket);
                threads.add(start(() -> flood(socket, stop)));
                threads.add(start(() -> drain(socket, stop, replies)));
            }
            await().atMost(TestClient.WAIT).until(() -> replies.get() > 10_000);

            // During the flood, a session creates an ephemeral node and then sends nothing more:
            // the session must expire, and its node go, while the flood goes on.
            try (RawConnection victim = RawConnection.open(server);
                    TestClient client = TestClient.connect(server.connectString(), 10_000)) {
                victim.handshake(1_000);
                RawConnection.Outcome created = victim.call(1, RawScenarios.OP_CREATE,
                        RawScenarios.create("/victim", null, 1));
                assertThat(((RawConnection.Frame) created).header().err()).isZero();
                long repliesBefore = replies.get();
                await().atMost(TestClient.WAIT).until(() -> client.zk().exists("/victim", false) == null);
                assertThat(replies.get()).as("the flood went on meanwhile").isGreaterThan(repliesBefore);
                long snapshotsBefore = snapshots(server);
                for (int i = 0; i < 300; i++) {
                    client.zk().create("/during-", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
                }
                await().atMost(TestClient.WAIT).until(() -> snapshots(server) > snapshotsBefore);
                assertThat(server.fourLetterWord("ruok")).isEqualTo("imok");
            }
        } finally {
            stop.set(true);
            for (Socket socket : sockets) {
                socket.close();
            }
            for (Thread thread : threads) {
                thread.join(TestClient.WAIT.toMillis());
            }
        }
    }

    private static Thread start(Runnable body) {
        Thread thread = new Thread(body);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static long snapshots(ServerProcess server) throws IOException {
        try (Stream<Path> files = Files.list(server.dataDir().resolve("warden-1"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("snapshot.")).count();
        }
    }

    /** A session, then pipelined exists requests until stopped. */
    private static void flood(Socket socket, AtomicBoolean stop) {
        byte[] request = RawConnection.request(1, RawScenarios.OP_EXISTS, RawScenarios.pathWatch("/", false));
        ByteBuffer batch = ByteBuffer.allocate(request.length * 100);
        while (batch.hasRemaining()) {
            batch.put(request);
        }
        try {
            OutputStream out = socket.getOutputStream();
            out.write(RawConnection.connectRequest(0, 30_000, 0, new byte[16], true));
            while (!stop.get()) {
                out.write(batch.array());
            }
        } catch (IOException e) {
            // the test closed the socket
        }
    }

    /** Reads and counts replies, so that the flooding connection is never throttled. */
    private static void drain(Socket socket, AtomicBoolean stop, AtomicLong replies) {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (!stop.get()) {
                int length = in.readInt();
                in.skipNBytes(length);
                replies.incrementAndGet();
            }
        } catch (IOException e) {
            // the test closed the socket
        }
    }
}
