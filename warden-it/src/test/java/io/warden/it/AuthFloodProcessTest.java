package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that adds digest identities without end: before the bound, every transaction
 * carried all of them into the log until one record was too large and the disk thread stopped the
 * server. Now the auth past the bound fails (AUTHFAILED) and closes that connection, a connection
 * with as many identities as allowed writes normally, and the server restarts with every write.
 */
class AuthFloodProcessTest {
    private static final int OP_AUTH = 100;

    @TempDir
    Path dir;

    @Test
    void identitiesPastTheBoundFailTheAuthAndTheLogStaysWritable() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, List.of(), List.of())) {
            int answered = flood(server, 100_000);
            assertThat(answered).as("auths answered before the connection was closed").isBetween(31, 100_000);

            try (RawConnection raw = RawConnection.open(server)) {
                raw.handshake(30_000);
                for (int i = 0; i < 31; i++) {
                    String credentials = "user" + i + "-" + "x".repeat(150) + ":secret";
                    RawConnection.Outcome outcome = raw.call(-4, OP_AUTH, JuteBytes.create().i32(0)
                            .ustring("digest").buffer(credentials.getBytes(StandardCharsets.UTF_8)).bytes());
                    assertThat(((RawConnection.Frame) outcome).header().err()).as("auth %d", i).isZero();
                }
                RawConnection.Outcome created = raw.call(1, RawScenarios.OP_CREATE,
                        RawScenarios.create("/by-many-identities", new byte[1000], 0));
                assertThat(((RawConnection.Frame) created).header().err()).isZero();
            }
            try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
                client.zk().create("/after", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
            server.kill();
            server.launch(null);
            try (TestClient client = TestClient.connect(server.connectString(), 10_000)) {
                assertThat(client.zk().exists("/by-many-identities", false)).isNotNull();
                assertThat(client.zk().exists("/after", false)).isNotNull();
            }
        }
    }

    /** Pipelines {@code count} auths with distinct users; returns how many replies came before the close. */
    private static int flood(ServerProcess server, int count) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.clientPort()));
            socket.setSoTimeout((int) TestClient.WAIT.toMillis());
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(RawConnection.connectRequest(0, 30_000, 0, new byte[16], true));
                    for (int i = 0; i < count; i++) {
                        out.write(RawConnection.request(-4, OP_AUTH, JuteBytes.create().i32(0).ustring("digest")
                                .buffer(("flood" + i + ":pw").getBytes(StandardCharsets.UTF_8)).bytes()));
                    }
                } catch (IOException e) {
                    // closed by the server
                }
            });
            writer.setDaemon(true);
            writer.start();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.skipNBytes(in.readInt()); // the ConnectResponse
            int answered = 0;
            try {
                while (true) {
                    byte[] reply = new byte[in.readInt()];
                    in.readFully(reply);
                    int err = ByteBuffer.wrap(reply).getInt(12);
                    if (err != 0) {
                        assertThat(KeeperException.Code.get(err)).isEqualTo(KeeperException.Code.AUTHFAILED);
                        break;
                    }
                    answered++;
                }
                while (in.read() >= 0) {
                    // the server closes the connection after the failed auth
                }
            } catch (IOException e) {
                // closed
            }
            return answered;
        }
    }
}
