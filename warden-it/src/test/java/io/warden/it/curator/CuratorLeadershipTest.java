package io.warden.it.curator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListenerAdapter;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Leader election with Curator: LeaderLatch and LeaderSelector, one leader at a time, hand-over. */
class CuratorLeadershipTest {

    private static final Duration POLL = Duration.ofMillis(10);

    @RegisterExtension
    static final CuratorServers servers = new CuratorServers();

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void leaderLatchHasOneLeaderAndHandsOverWhenItCloses(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "latch")) {
            List<LeaderLatch> latches = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                LeaderLatch latch = new LeaderLatch(s.client(), s.path("latch"), "p" + i);
                latches.add(latch);
                latch.start();
            }
            // Watches every latch's own view for the whole test: never two leaders at the same moment.
            AtomicInteger mostLeaders = new AtomicInteger();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    int now = (int) latches.stream().filter(LeaderLatch::hasLeadership).count();
                    mostLeaders.accumulateAndGet(now, Math::max);
                    Thread.yield();
                }
            }, "latch-sampler");
            sampler.start();
            await("all three queued").atMost(TestClient.WAIT).pollInterval(POLL)
                    .until(() -> latches.get(0).getParticipants().size() == 3);
            List<String> queue = latches.get(0).getParticipants().stream().map(p -> p.getId()).toList();
            List<String> order = new ArrayList<>();
            List<LeaderLatch> remaining = new ArrayList<>(latches);
            try {
                while (!remaining.isEmpty()) {
                    await("one leader among " + remaining.size()).atMost(TestClient.WAIT).pollInterval(POLL)
                            .until(() -> remaining.stream().filter(LeaderLatch::hasLeadership).count() == 1);
                    LeaderLatch leader = remaining.stream().filter(LeaderLatch::hasLeadership).findFirst()
                            .orElseThrow();
                    for (LeaderLatch latch : remaining) {
                        assertThat(latch.getLeader().getId()).as("everyone agrees on the leader")
                                .isEqualTo(leader.getId());
                        assertThat(latch.getParticipants()).hasSize(remaining.size());
                    }
                    order.add(leader.getId());
                    remaining.remove(leader);
                    leader.close();
                }
            } finally {
                sampling.set(false);
                sampler.join(TestClient.WAIT.toMillis());
            }
            // Leadership passes down the queue, in the order of the server's sequence numbers.
            assertThat(order).isEqualTo(queue);
            assertThat(mostLeaders.get()).as("leaders at once").isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void leaderSelectorsTakeTurnsOneAtATime(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "selector")) {
            CuratorFramework logClient = s.client();
            logClient.create().creatingParentsIfNeeded().forPath(s.path("log"));
            AtomicInteger leaders = new AtomicInteger();
            AtomicInteger mostLeaders = new AtomicInteger();
            AtomicInteger terms = new AtomicInteger();
            Map<String, AtomicInteger> termsBy = new ConcurrentHashMap<>();
            List<LeaderSelector> selectors = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = "s" + i;
                CuratorFramework client = s.client();
                LeaderSelector selector = new LeaderSelector(client, s.path("election"),
                        new LeaderSelectorListenerAdapter() {
                    @Override
                    public void takeLeadership(CuratorFramework c) throws Exception {
                        mostLeaders.accumulateAndGet(leaders.incrementAndGet(), Math::max);
                        try {
                            // a term's work: one write, then leadership is given up (and requeued)
                            c.create().withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath(s.path("log/" + id + "-"));
                            terms.incrementAndGet();
                            termsBy.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        } finally {
                            leaders.decrementAndGet();
                        }
                    }
                });
                selector.setId(id);
                selector.autoRequeue();
                selectors.add(s.closeLater(selector));
            }
            for (LeaderSelector selector : selectors) {
                selector.start();
            }
            await("every selector led at least twice").atMost(TestClient.WAIT).pollInterval(POLL)
                    .until(() -> termsBy.size() == 3 && termsBy.values().stream().allMatch(n -> n.get() >= 2));
            for (LeaderSelector selector : selectors) {
                selector.close();
            }
            assertThat(mostLeaders.get()).as("leaders at once").isEqualTo(1);
            // A leader interrupted by close() may or may not have written its entry.
            assertThat(logClient.getChildren().forPath(s.path("log"))).as("log entries")
                    .hasSizeBetween(terms.get(), terms.get() + 1)
                    .allMatch(name -> name.matches("s[0-2]-\\d{10}"));
            await("election nodes removed").atMost(TestClient.WAIT).pollInterval(POLL)
                    .until(() -> logClient.getChildren().forPath(s.path("election")).isEmpty());
        }
    }
}
