package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Warden process is killed with SIGKILL while clients write; after a restart on the same
 * data directory every write that was acknowledged is there.
 */
class KillDurabilityTest {
    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ServerProcess server = ServerProcess.start(dataDir, List.of("snapCount=200"), List.of())) {
            String connect = server.connectString();
            try (TestClient setup = TestClient.connect(connect, 10_000)) {
                setup.zk().create("/kill", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
            acknowledged.add("/kill");
            AtomicBoolean stop = new AtomicBoolean();
            Thread[] writers = new Thread[3];
            for (int w = 0; w < writers.length; w++) {
                int writer = w;
                writers[w] = new Thread(() -> write(connect, writer, acknowledged, stop));
                writers[w].start();
            }
            await().atMost(TestClient.WAIT).until(() -> acknowledged.size() > 300);
            server.kill();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join(TestClient.WAIT.toMillis());
            }

            server.launch(null);
            try (TestClient reader = TestClient.connect(connect, 10_000)) {
                for (String path : acknowledged) {
                    assertThat(reader.zk().exists(path, false)).as("acknowledged %s", path).isNotNull();
                }
            }
        }
    }

    private static void write(String connect, int writer, Set<String> acknowledged, AtomicBoolean stop) {
        try (TestClient client = TestClient.connect(connect, 10_000)) {
            for (int i = 0; !stop.get(); i++) {
                String path = "/kill/w" + writer + "-" + i;
                try {
                    client.zk().create(path, ("data " + i).getBytes(StandardCharsets.UTF_8),
                            ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                    acknowledged.add(path);
                } catch (KeeperException e) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the server went away mid-connect; what was acknowledged before is what counts
        }
    }
}
