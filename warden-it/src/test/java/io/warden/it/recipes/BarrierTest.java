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
import io.warden.recipes.barrier.Barrier;
import io.warden.recipes.barrier.DoubleBarrier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.recipes.barriers.DistributedDoubleBarrier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The barrier and the double barrier against Warden and Apache ZooKeeper, each participant with a
 * client and a thread of its own.
 */
class BarrierTest extends AgainstBothServers {
    /** A wait that is expected to run out. */
    private static final Duration SHORT = Duration.ofMillis(100);

    /** Runs {@code task} on a thread of its own. */
    private static <T> CompletableFuture<T> async(Callable<T> task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static <T> T result(CompletableFuture<T> future) throws Exception {
        return future.get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aBarrierHoldsEveryWaiterUntilItIsRemoved(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "barrier")) {
            Barrier controller = new Barrier(session.client(), session.path("gate/barrier"));
            assertThat(controller.isSet()).isFalse();
            assertThat(controller.waitOnBarrier(TestClient.WAIT)).as("a barrier never set holds nobody").isTrue();

            controller.set();
            controller.set();
            assertThat(controller.isSet()).isTrue();
            assertThat(new Barrier(session.client(), session.path("gate/barrier")).waitOnBarrier(SHORT))
                    .as("held while set").isFalse();
            List<CompletableFuture<Boolean>> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Barrier barrier = new Barrier(session.client(), session.path("gate/barrier"));
                waiters.add(async(() -> barrier.waitOnBarrier(TestClient.WAIT)));
            }

            controller.remove();
            controller.remove();

            for (CompletableFuture<Boolean> waiter : waiters) {
                assertThat(result(waiter)).isTrue();
            }
            assertThat(controller.isSet()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWaiterCutOffWhileTheBarrierIsRemovedSeesItDownAfterwards(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "outage")) {
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder);
            StateRecorder states = StateRecorder.of(client);
            Barrier controller = new Barrier(session.client(), session.path("barrier"));
            controller.set();
            Barrier waiting = new Barrier(client, session.path("barrier"));
            assertThat(waiting.waitOnBarrier(SHORT)).isFalse();
            CompletableFuture<Boolean> waiter = async(() -> waiting.waitOnBarrier(TestClient.WAIT));

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            controller.remove();
            proxy.restore();

            assertThat(result(waiter)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aDoubleBarrierLetsNobodyInOrOutAlone(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "double")) {
            int members = 4;
            AtomicInteger arrived = new AtomicInteger();
            AtomicInteger leaving = new AtomicInteger();
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                DoubleBarrier barrier = new DoubleBarrier(session.client(), session.path("barrier"), members);
                tasks.add(() -> {
                    arrived.incrementAndGet();
                    boolean in = barrier.enter(TestClient.WAIT);
                    int arrivedWhenIn = arrived.get();
                    leaving.incrementAndGet();
                    boolean out = barrier.leave(TestClient.WAIT);
                    int leavingWhenOut = leaving.get();
                    return "in=" + in + " with " + arrivedWhenIn + ", out=" + out + " with " + leavingWhenOut;
                });
            }

            assertThat(RecipeFixtures.runAll(tasks)).as("each entered once all had arrived, left once all were leaving")
                    .containsOnly("in=true with 4, out=true with 4");
            BlockingClient blocking = session.client().blocking();
            assertThat(RecipeFixtures.childrenOf(blocking, session.path("barrier"))).as("nodes left behind").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void tooFewParticipantsTimeOutAndLeaveNoNode(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "timeout")) {
            DoubleBarrier barrier = new DoubleBarrier(session.client(), session.path("barrier"), 2);

            assertThat(barrier.enter(SHORT)).isFalse();

            BlockingClient blocking = session.client().blocking();
            assertThat(blocking.exists(barrier.nodePath())).isNull();
            assertThat(RecipeFixtures.childrenOf(blocking, session.path("barrier"))).isEmpty();
            assertThatThrownBy(() -> barrier.leave(SHORT)).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void leaversWaitForAParticipantThatIsStillEntering(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "slow")) {
            BlockingClient slow = session.client().blocking();
            slow.ensurePath(session.path("barrier"));
            String slowNode = session.path("barrier/slow-participant");
            slow.create(slowNode, new byte[0], CreateMode.EPHEMERAL);
            DoubleBarrier first = new DoubleBarrier(session.client(), session.path("barrier"), 3);
            DoubleBarrier second = new DoubleBarrier(session.client(), session.path("barrier"), 3);
            CompletableFuture<Boolean> firstIn = async(() -> first.enter(TestClient.WAIT));
            CompletableFuture<Boolean> secondIn = async(() -> second.enter(TestClient.WAIT));
            assertThat(result(firstIn)).isTrue();
            assertThat(result(secondIn)).isTrue();

            CompletableFuture<Boolean> firstOut = async(() -> first.leave(TestClient.WAIT));
            CompletableFuture<Boolean> secondOut = async(() -> second.leave(TestClient.WAIT));
            await("both left their nodes").atMost(TestClient.WAIT).until(() -> slow.exists(first.nodePath()) == null
                    && slow.exists(second.nodePath()) == null);
            assertThat(slow.exists(session.path("barrier/ready"))).as("ready stays while someone has not left")
                    .isNotNull();
            assertThat(firstOut).isNotDone();
            assertThat(secondOut).isNotDone();

            slow.delete(slowNode, -1);

            assertThat(result(firstOut)).isTrue();
            assertThat(result(secondOut)).isTrue();
            assertThat(RecipeFixtures.childrenOf(slow, session.path("barrier"))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aParticipantWhoseSessionEndsCountsAsLeft(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "crash")) {
            WardenClient crashing = session.client();
            DoubleBarrier doomed = new DoubleBarrier(crashing, session.path("barrier"), 2);
            DoubleBarrier survivor = new DoubleBarrier(session.client(), session.path("barrier"), 2);
            CompletableFuture<Boolean> doomedIn = async(() -> doomed.enter(TestClient.WAIT));
            assertThat(survivor.enter(TestClient.WAIT)).isTrue();
            assertThat(result(doomedIn)).isTrue();

            crashing.close();

            assertThat(survivor.leave(TestClient.WAIT)).isTrue();
            assertThat(RecipeFixtures.childrenOf(session.client().blocking(), session.path("barrier"))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void wardenAndCuratorParticipantsMeetInOneDoubleBarrier(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "curator")) {
            int members = 4;
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < members / 2; i++) {
                DoubleBarrier ours = new DoubleBarrier(session.client(), session.path("barrier"), members);
                tasks.add(() -> "warden in=" + ours.enter(TestClient.WAIT) + " out=" + ours.leave(TestClient.WAIT));
                DistributedDoubleBarrier theirs = new DistributedDoubleBarrier(session.closeLater(session.curator()),
                        session.path("barrier"), members);
                tasks.add(() -> "curator in=" + theirs.enter(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        + " out=" + theirs.leave(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }

            assertThat(RecipeFixtures.runAll(tasks)).containsExactly("warden in=true out=true",
                    "curator in=true out=true", "warden in=true out=true", "curator in=true out=true");
        }
    }

}
