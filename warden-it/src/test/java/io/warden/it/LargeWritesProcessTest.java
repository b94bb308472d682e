package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client writing nodes of the largest size a request may carry cannot run an ensemble member out
 * of memory. Each member's consensus core keeps every transaction since its last snapshot in
 * memory; before {@code snapSizeLimitInKb} counted their bytes, 229 writes of 1 MB ran two of
 * three members with 256 MiB heaps out of memory (the default {@code snapCount} would snapshot
 * only after tens of thousands). Here members with 64 MiB heaps take twice their heap in writes.
 */
class LargeWritesProcessTest {
    /** A request carrying this much data stays within the default {@code jute.maxbuffer}. */
    private static final int DATA_BYTES = 1_000_000;
    private static final int NODES = 4;
    private static final int WRITES = 128;

    @TempDir
    Path dir;

    @Test
    void membersWithSmallHeapsTakeTwiceTheirHeapInLargeWritesAndSnapshotByBytes() throws Exception {
        try (EnsembleProcesses ensemble = EnsembleProcesses.start(dir, 3, 0,
                List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"))) {
            ensemble.awaitLeader();
            byte[][] last = new byte[NODES][];
            try (TestClient writer = TestClient.connect(ensemble.connectString(), 10_000)) {
                ZooKeeper zk = writer.zk();
                for (int node = 0; node < NODES; node++) {
                    zk.create("/large" + node, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                }
                for (int write = 0; write < WRITES; write++) {
                    byte[] data = new byte[DATA_BYTES];
                    Arrays.fill(data, (byte) write);
                    int node = write % NODES;
                    // A member that ran out of memory exits (-XX:+ExitOnOutOfMemoryError), so the
                    // write would fail; one that lost its leader for another reason is retried.
                    try {
                        await().atMost(TestClient.WAIT).ignoreException(KeeperException.ConnectionLossException.class)
                                .untilAsserted(() -> zk.setData("/large" + node, data, -1));
                    } catch (ConditionTimeoutException e) {
                        throw new AssertionError("write " + (write + 1) + " of " + WRITES + " not acknowledged; members"
                                + " alive: " + alive(ensemble) + "; logs:\n" + ensemble.logs(), e);
                    }
                    last[node] = data;
                }
            }
            assertThat(alive(ensemble)).as(() -> "every member is alive; logs:\n" + ensemble.logs())
                    .containsExactly(true, true, true);
            for (int id = 1; id <= 3; id++) {
                try (TestClient reader = TestClient.connect("127.0.0.1:" + ensemble.clientPort(id), 10_000)) {
                    ClientSync.sync(reader.zk());
                    for (int node = 0; node < NODES; node++) {
                        assertThat(reader.zk().getData("/large" + node, false, null))
                                .as("member %d, node %d", id, node).isEqualTo(last[node]);
                    }
                }
                assertThat(snapshotFiles(dir.resolve("member" + id)))
                        .as("member %d snapshotted by bytes, long before snapCount (300) transactions", id)
                        .isGreaterThan(2);
            }
        }
    }

    private static List<Boolean> alive(EnsembleProcesses ensemble) {
        return List.of(ensemble.member(1).isAlive(), ensemble.member(2).isAlive(), ensemble.member(3).isAlive());
    }

    private static long snapshotFiles(Path home) throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(f -> f.getFileName().toString().startsWith("snapshot.")).count();
        }
    }
}
