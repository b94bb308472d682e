package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ServerConfig;
import io.warden.daemon.config.ZooCfgParser;

/**
 * Restarting Warden on the same data directory: the tree, Stats and sessions come back; clients
 * resume their sessions with id and password; sessions whose clients do not return expire and
 * lose their ephemerals. Snapshots are taken along the way (a small snapCount).
 */
class RestartDurabilityTest {
    @TempDir
    Path dataDir;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private ServerConfig config(int port) throws Exception {
        return ZooCfgParser.parse(List.of("tickTime=500", "dataDir=" + dataDir, "clientPort=" + port,
                "clientPortAddress=127.0.0.1", "snapCount=40", "autopurge.snapRetainCount=3"), "restart.cfg",
                Map.of()).config();
    }

    @Test
    void nodesStatsAndSessionsSurviveARestart() throws Exception {
        int port = freePort();
        String connect = "127.0.0.1:" + port;
        List<String> created = new ArrayList<>();
        Stat before;
        long sessionId;
        byte[] password;
        try (WardenServer server = WardenServer.start(config(port))) {
            try (TestClient client = TestClient.connect(connect, 10_000)) {
                client.zk().create("/app", "root".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                for (int i = 0; i < 150; i++) {
                    created.add(client.zk().create("/app/item-", ("v" + i).getBytes(StandardCharsets.UTF_8),
                            ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
                }
                client.zk().setData("/app", "changed".getBytes(StandardCharsets.UTF_8), -1);
            }
            TestClient owner = TestClient.connect(connect, 10_000);
            owner.zk().create("/app/ephemeral", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            before = owner.zk().exists("/app", false);
            sessionId = owner.sessionId();
            password = owner.sessionPassword();
            owner.dropConnection();
        }
        assertThat(dataDir.resolve("warden-1").toFile().list()).anyMatch(name -> name.startsWith("snapshot."));

        try (WardenServer server = WardenServer.start(config(port));
                TestClient reader = TestClient.connect(connect, 10_000)) {
            Stat after = reader.zk().exists("/app", false);
            assertThat(after).isEqualTo(before);
            assertThat(new String(reader.zk().getData("/app", false, null), StandardCharsets.UTF_8))
                    .isEqualTo("changed");
            for (String path : created) {
                assertThat(reader.zk().exists(path, false)).as(path).isNotNull();
            }
            assertThat(reader.zk().exists("/app/ephemeral", false)).isNotNull();

            try (TestClient resumed = TestClient.attach(connect, 10_000, sessionId, password)) {
                resumed.awaitState(KeeperState.SyncConnected);
                assertThat(resumed.sessionId()).isEqualTo(sessionId);
                assertThat(resumed.zk().getEphemerals("/app")).containsExactly("/app/ephemeral");
            }
        }
    }

    @Test
    void aSessionWhoseClientDoesNotComeBackExpiresAfterTheRestart() throws Exception {
        int port = freePort();
        String connect = "127.0.0.1:" + port;
        try (WardenServer server = WardenServer.start(config(port))) {
            TestClient owner = TestClient.connect(connect, 4_000);
            owner.zk().create("/lonely", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            owner.dropConnection();
        }
        try (WardenServer server = WardenServer.start(config(port));
                TestClient reader = TestClient.connect(connect, 10_000)) {
            assertThat(reader.zk().exists("/lonely", false)).isNotNull();
            await().atMost(TestClient.WAIT).until(() -> reader.zk().exists("/lonely", false) == null);
        }
    }
}
