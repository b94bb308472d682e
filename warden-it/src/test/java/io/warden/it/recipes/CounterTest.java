package io.warden.it.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import io.warden.recipes.counter.SharedCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.retry.RetryNTimes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared counter against Warden and Apache ZooKeeper: exact totals under concurrent updates
 * from several clients, compare-and-set, listeners, and the value format of Curator's
 * DistributedAtomicLong.
 */
class CounterTest extends AgainstBothServers {

    /** One change a listener heard. */
    record Change(long oldValue, long newValue) {
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void concurrentIncrementsFromSeveralClientsAreNeverLost(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "increments")) {
            int clients = 4;
            int threadsPerClient = 2;
            int incrementsEach = 25;
            List<Callable<List<Long>>> tasks = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                WardenClient client = session.client();
                for (int t = 0; t < threadsPerClient; t++) {
                    SharedCounter counter = new SharedCounter(client, session.path("counter"));
                    tasks.add(() -> {
                        List<Long> seen = new ArrayList<>();
                        for (int i = 0; i < incrementsEach; i++) {
                            seen.add(counter.increment());
                        }
                        return seen;
                    });
                }
            }

            List<Long> returned = new ArrayList<>();
            for (List<Long> seen : RecipeFixtures.runAll(tasks)) {
                assertThat(seen).as("one thread's increments return growing values").isSorted();
                returned.addAll(seen);
            }

            int total = clients * threadsPerClient * incrementsEach;
            assertThat(new SharedCounter(session.client(), session.path("counter")).get()).isEqualTo(total);
            assertThat(returned).as("every increment returned a value of its own")
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void compareAndSetSetAndAddFollowTheValue(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "cas")) {
            SharedCounter counter = new SharedCounter(session.client(), session.path("deep/counter"));
            assertThat(counter.get()).as("a missing counter is 0").isZero();

            assertThat(counter.compareAndSet(1, 5)).isFalse();
            assertThat(session.client().blocking().exists(session.path("deep/counter"))).isNull();
            assertThat(counter.compareAndSet(0, 5)).isTrue();
            assertThat(counter.get()).isEqualTo(5);
            assertThat(counter.compareAndSet(4, 9)).isFalse();
            assertThat(counter.get()).isEqualTo(5);

            counter.set(-3);
            assertThat(counter.add(10)).isEqualTo(7);
            assertThat(counter.decrement()).isEqualTo(6);
            counter.set(Long.MAX_VALUE);
            assertThat(counter.increment()).as("long arithmetic wraps").isEqualTo(Long.MIN_VALUE);
            assertThat(session.client().blocking().getData(session.path("deep/counter")).data()).hasSize(8);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aNodeThatIsNoCounterIsReportedNotOverwrittenByUpdates(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "foreign")) {
            BlockingClient writer = session.client().blocking();
            writer.ensurePath(session.base());
            writer.create(session.path("counter"), new byte[] {1, 2, 3}, CreateMode.PERSISTENT);
            SharedCounter counter = new SharedCounter(session.client(), session.path("counter"));

            assertThatThrownBy(counter::get).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(session.path("counter")).hasMessageContaining("3 bytes");
            assertThatThrownBy(counter::increment).isInstanceOf(IllegalStateException.class);
            assertThat(writer.getData(session.path("counter")).data()).containsExactly(1, 2, 3);

            counter.set(11);
            assertThat(counter.get()).isEqualTo(11);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void listenersHearChangesIncludingThoseMadeDuringAnOutage(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "listeners")) {
            SharedCounter writer = new SharedCounter(session.client(), session.path("counter"));
            writer.set(40);
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder);
            StateRecorder states = StateRecorder.of(client);
            SharedCounter watched = session.closeLater(new SharedCounter(client, session.path("counter")));
            List<Change> changes = new CopyOnWriteArrayList<>();
            watched.addListener((oldValue, newValue) -> changes.add(new Change(oldValue, newValue)));
            watched.start();
            assertThat(watched.awaitStarted(TestClient.WAIT)).isTrue();

            writer.increment();
            await().atMost(TestClient.WAIT).until(() -> changes.contains(new Change(40, 41)));

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            writer.add(9);
            proxy.restore();
            states.await(ConnectionState.RECONNECTED);

            await("the change made during the outage").atMost(TestClient.WAIT)
                    .until(() -> changes.contains(new Change(41, 50)));
            assertThat(changes).as("the initial value is no change").containsExactly(new Change(40, 41),
                    new Change(41, 50));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void itSharesItsValueWithCuratorsDistributedAtomicLong(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "curator")) {
            CuratorFramework curator = session.closeLater(session.curator());
            DistributedAtomicLong theirs = new DistributedAtomicLong(curator, session.path("counter"),
                    new RetryNTimes(10, 10));
            SharedCounter ours = new SharedCounter(session.client(), session.path("counter"));

            AtomicValue<Long> added = theirs.add(41L);
            assertThat(added.succeeded()).isTrue();
            assertThat(ours.get()).isEqualTo(41);
            assertThat(ours.increment()).isEqualTo(42);
            AtomicValue<Long> read = theirs.get();
            assertThat(read.succeeded()).isTrue();
            assertThat(read.postValue()).isEqualTo(42);
            ours.set(-7);
            assertThat(theirs.get().postValue()).isEqualTo(-7);
        }
    }

}
