package io.warden.it.curator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.barriers.DistributedDoubleBarrier;
import org.apache.curator.framework.recipes.queue.DistributedQueue;
import org.apache.curator.framework.recipes.queue.QueueBuilder;
import org.apache.curator.framework.recipes.queue.QueueConsumer;
import org.apache.curator.framework.recipes.queue.QueueSerializer;
import org.apache.curator.framework.state.ConnectionState;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Curator's DistributedDoubleBarrier and DistributedQueue across several sessions. */
class CuratorQueueAndBarrierTest {

    private static final Duration POLL = Duration.ofMillis(10);

    @RegisterExtension
    static final CuratorServers servers = new CuratorServers();

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void doubleBarrierLetsNobodyInOrOutAlone(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "barrier")) {
            int members = 4;
            AtomicInteger entering = new AtomicInteger();
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                DistributedDoubleBarrier barrier = new DistributedDoubleBarrier(s.client(), s.path("barrier"), members);
                tasks.add(() -> {
                    entering.incrementAndGet();
                    boolean in = barrier.enter(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    int enteredWhenIn = entering.get();
                    // Not asserted: that leave() returns only once every member has called it. Curator
                    // 5.7.1 does not guarantee it: its enter and leave share one watcher, and a late
                    // notification of the ready node can let a member out early. Seen against
                    // ZooKeeper 3.9.3 itself in 1 of 60 rounds (and 0 of 60 against Warden).
                    boolean out = barrier.leave(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    return "in=" + in + " with " + enteredWhenIn + ", out=" + out;
                });
            }
            assertThat(CuratorLocksTest.runAll(tasks)).as("each member: entered once all had arrived, then left")
                    .containsOnly("in=true with 4, out=true");
            assertThat(s.client().getChildren().forPath(s.path("barrier"))).as("barrier nodes left").isEmpty();
        }
    }

    private static final QueueSerializer<String> STRINGS = new QueueSerializer<>() {
        @Override
        public byte[] serialize(String item) {
            return item.getBytes(UTF_8);
        }

        @Override
        public String deserialize(byte[] bytes) {
            return new String(bytes, UTF_8);
        }
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void distributedQueueDeliversEveryItemExactlyOnce(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "queue")) {
            Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
            Map<String, AtomicInteger> byConsumer = new ConcurrentHashMap<>();
            for (int c = 0; c < 2; c++) {
                String name = "consumer" + c;
                QueueConsumer<String> consumer = new QueueConsumer<>() {
                    @Override
                    public void consumeMessage(String message) {
                        received.computeIfAbsent(message, k -> new AtomicInteger()).incrementAndGet();
                        byConsumer.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                    }

                    @Override
                    public void stateChanged(CuratorFramework client, ConnectionState newState) {
                        // nothing to do in a test
                    }
                };
                DistributedQueue<String> queue = s.closeLater(QueueBuilder.builder(s.client(), consumer, STRINGS,
                        s.path("queue")).buildQueue());
                queue.start();
            }
            DistributedQueue<String> producer = s.closeLater(QueueBuilder.builder(s.client(), null, STRINGS,
                    s.path("queue")).buildQueue());
            producer.start();
            int items = 40;
            for (int i = 0; i < items; i++) {
                producer.put("item-" + i);
            }
            List<String> multi = List.of("multi-a", "multi-b", "multi-c");
            producer.putMulti(new org.apache.curator.framework.recipes.queue.MultiItem<>() {
                private int next;

                @Override
                public String nextItem() {
                    return next < multi.size() ? multi.get(next++) : null;
                }
            });
            await("every item consumed").atMost(TestClient.WAIT).pollInterval(POLL)
                    .until(() -> received.size() == items + multi.size());
            assertThat(received.values()).as("deliveries per item").allMatch(n -> n.get() == 1);
            assertThat(received.keySet()).contains("item-0", "item-39", "multi-a", "multi-c");
            assertThat(byConsumer.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(items + multi.size());
            await("queue drained").atMost(TestClient.WAIT).pollInterval(POLL)
                    .until(() -> s.client().getChildren().forPath(s.path("queue")).isEmpty());
        }
    }
}
