package io.warden.it.recipes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.client.BlockingClient;
import io.warden.client.ConnectionState;
import io.warden.client.CreateMode;
import io.warden.client.WardenClient;
import io.warden.it.CuttableProxy;
import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import io.warden.it.client.AgainstBothServers;
import io.warden.it.client.ClientServers;
import io.warden.it.client.StateRecorder;
import io.warden.recipes.queue.DistributedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.queue.SimpleDistributedQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The distributed queue against Warden and Apache ZooKeeper: FIFO order, waiting takes, every item
 * delivered exactly once to competing consumers, the size bound, and Curator's queue layout.
 */
class QueueTest extends AgainstBothServers {
    /** How long a consumer waits for an item before it looks whether the test is over. */
    private static final Duration TAKE_POLL = Duration.ofMillis(200);

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void itemsComeOutInTheOrderTheyWentIn(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "fifo")) {
            DistributedQueue queue = new DistributedQueue(session.client(), session.path("queue"));
            assertThat(queue.poll()).as("a queue that was never used is empty").isNull();
            assertThat(queue.size()).isZero();

            List<String> offered = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                offered.add("item-" + i);
                assertThat(queue.offer(bytes("item-" + i))).startsWith(session.path("queue/qn-"));
            }
            session.client().blocking().create(session.path("queue/not-an-item"), null, CreateMode.PERSISTENT);
            assertThat(queue.size()).isEqualTo(20);

            List<String> taken = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                taken.add(text(queue.poll()));
            }
            for (int i = 0; i < 10; i++) {
                taken.add(text(queue.take(TestClient.WAIT)));
            }
            assertThat(taken).isEqualTo(offered);
            assertThat(queue.poll()).isNull();
            assertThat(queue.take(Duration.ofMillis(50))).as("nothing to take").isNull();
            assertThat(queue.size()).isZero();
            assertThat(session.client().blocking().getChildren(session.path("queue")).names())
                    .containsExactly("not-an-item");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTakeWaitsForTheNextOffer(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "wait")) {
            DistributedQueue consumer = new DistributedQueue(session.client(), session.path("queue"));
            DistributedQueue producer = new DistributedQueue(session.client(), session.path("queue"));
            CompletableFuture<byte[]> taking = CompletableFuture.supplyAsync(() -> {
                try {
                    return consumer.take(TestClient.WAIT);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            producer.offer(bytes("late"));

            assertThat(text(taking.get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS))).isEqualTo("late");
            assertThat(consumer.size()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWaitingTakeGetsAnItemOfferedDuringAnOutage(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "outage")) {
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder);
            StateRecorder states = StateRecorder.of(client);
            DistributedQueue consumer = new DistributedQueue(client, session.path("queue"));
            DistributedQueue producer = new DistributedQueue(session.client(), session.path("queue"));
            producer.offer(bytes("before"));
            assertThat(text(consumer.take(TestClient.WAIT))).isEqualTo("before");
            CompletableFuture<byte[]> taking = CompletableFuture.supplyAsync(() -> {
                try {
                    return consumer.take(TestClient.WAIT);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            producer.offer(bytes("during"));
            proxy.restore();

            assertThat(text(taking.get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS))).isEqualTo("during");
            assertThat(producer.size()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void competingConsumersReceiveEveryItemExactlyOnceInOrder(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "compete")) {
            int producers = 2;
            int itemsEach = 60;
            int consumers = 4;
            int total = producers * itemsEach;
            AtomicInteger received = new AtomicInteger();
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                DistributedQueue queue = new DistributedQueue(session.client(), session.path("queue"));
                tasks.add(() -> {
                    List<String> mine = new ArrayList<>();
                    while (received.get() < total) {
                        byte[] item = queue.take(TAKE_POLL);
                        if (item != null) {
                            mine.add(text(item));
                            received.incrementAndGet();
                        }
                    }
                    return mine;
                });
            }
            for (int p = 0; p < producers; p++) {
                DistributedQueue queue = new DistributedQueue(session.client(), session.path("queue"));
                String name = "p" + p;
                tasks.add(() -> {
                    for (int i = 0; i < itemsEach; i++) {
                        queue.offer(bytes(name + "-" + i));
                    }
                    return List.of();
                });
            }

            List<List<String>> results = RecipeFixtures.runAll(tasks);

            Map<String, Integer> deliveries = new HashMap<>();
            for (List<String> consumed : results.subList(0, consumers)) {
                Map<String, Integer> lastPerProducer = new HashMap<>();
                for (String item : consumed) {
                    deliveries.merge(item, 1, Integer::sum);
                    String producer = item.substring(0, item.indexOf('-'));
                    int number = Integer.parseInt(item.substring(item.indexOf('-') + 1));
                    Integer last = lastPerProducer.put(producer, number);
                    assertThat(last == null || last < number)
                            .as("a consumer gets one producer's items in the order offered: %s", consumed).isTrue();
                }
            }
            assertThat(deliveries).hasSize(total);
            assertThat(deliveries.values()).as("deliveries per item").containsOnly(1);
            assertThat(results.subList(0, consumers).stream().filter(consumed -> !consumed.isEmpty()).count())
                    .as("consumers that received items").isGreaterThan(1);
            assertThat(new DistributedQueue(session.client(), session.path("queue")).size()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anItemLargerThanTheBoundIsRefusedBeforeAnythingIsWritten(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "bound")) {
            DistributedQueue small = new DistributedQueue(session.client(), session.path("queue"), 16);
            assertThatThrownBy(() -> small.offer(new byte[17])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("17").hasMessageContaining("16");
            assertThat(session.client().blocking().exists(session.path("queue"))).isNull();

            small.offer(new byte[16]);
            DistributedQueue usual = new DistributedQueue(session.client(), session.path("queue"));
            usual.offer(new byte[100_000]);
            assertThat(usual.poll()).hasSize(16);
            assertThat(usual.poll()).hasSize(100_000);
            assertThat(DistributedQueue.MAX_ITEM_BYTES_DEFAULT).isEqualTo(1024 * 1024 - 1);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void itSharesAQueueWithCuratorsSimpleDistributedQueue(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "curator")) {
            CuratorFramework curator = session.closeLater(session.curator());
            SimpleDistributedQueue theirs = new SimpleDistributedQueue(curator, session.path("queue"));
            DistributedQueue ours = new DistributedQueue(session.client(), session.path("queue"));

            theirs.offer(bytes("from-curator-1"));
            ours.offer(bytes("from-warden"));
            theirs.offer(bytes("from-curator-2"));

            assertThat(text(ours.poll())).isEqualTo("from-curator-1");
            assertThat(text(theirs.poll())).isEqualTo("from-warden");
            assertThat(text(ours.take(TestClient.WAIT))).isEqualTo("from-curator-2");
            assertThat(theirs.poll()).isNull();
            BlockingClient blocking = session.client().blocking();
            assertThat(RecipeFixtures.childrenOf(blocking, session.path("queue"))).isEmpty();
        }
    }

}
