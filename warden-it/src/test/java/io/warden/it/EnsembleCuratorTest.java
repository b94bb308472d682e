package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Curator with a three-server connect string keeps working across the kill of the Warden leader:
 * a lock stays held by its owner (and only by it), a leader latch has one leader again, a cache
 * follows the writes made after the failover.
 */
class EnsembleCuratorTest {
    @TempDir
    Path dir;

    private static CuratorFramework curator(String connect) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connect)
                .sessionTimeoutMs(8_000).connectionTimeoutMs(6_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 20)).build();
        client.start();
        assertThat(client.blockUntilConnected((int) TestClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return client;
    }

    @Test
    void locksLatchesAndCachesSurviveTheLeadersKill() throws Exception {
        try (EnsembleProcesses ensemble = EnsembleProcesses.start(dir, 3)) {
            int leader = ensemble.awaitLeader();
            String connect = ensemble.connectString();
            try (CuratorFramework a = curator(connect); CuratorFramework b = curator(connect);
                    LeaderLatch latchA = new LeaderLatch(a, "/latch", "a");
                    LeaderLatch latchB = new LeaderLatch(b, "/latch", "b");
                    CuratorCache cache = CuratorCache.build(b, "/cfg")) {
                InterProcessMutex lockA = new InterProcessMutex(a, "/locks/m");
                InterProcessMutex lockB = new InterProcessMutex(b, "/locks/m");
                assertThat(lockA.acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                latchA.start();
                latchB.start();
                a.create().creatingParentsIfNeeded().forPath("/cfg/x", bytes("before"));
                cache.start();
                await().atMost(TestClient.WAIT).until(() -> latchA.hasLeadership() != latchB.hasLeadership());

                ensemble.member(leader).kill();
                ensemble.awaitLeader();

                a.setData().forPath("/cfg/x", bytes("after")); // Curator retries across the failover
                await().atMost(TestClient.WAIT).until(() -> cache.get("/cfg/x").map(ChildData::getData)
                        .map(EnsembleCuratorTest::text).orElse("").equals("after"));
                await().atMost(TestClient.WAIT).alias("one latch leads again")
                        .until(() -> latchA.hasLeadership() != latchB.hasLeadership());
                assertThat(lockA.isAcquiredInThisProcess()).isTrue();
                assertThat(lockB.acquire(300, TimeUnit.MILLISECONDS)).as("the lock is still held by a").isFalse();
                lockA.release();
                assertThat(lockB.acquire(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                lockB.release();
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
