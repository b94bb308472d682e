package io.warden.it.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.client.ConnectionState;
import io.warden.client.WardenClient;
import io.warden.it.CuttableProxy;
import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import io.warden.it.client.AgainstBothServers;
import io.warden.it.client.ClientServers;
import io.warden.it.client.StateRecorder;
import io.warden.it.recipes.RecipeFixtures.FencedResource;
import io.warden.it.recipes.RecipeFixtures.Occupancy;
import io.warden.recipes.leader.LeaderLatch;
import io.warden.recipes.leader.LeaderSelector;
import io.warden.recipes.leader.LeadershipListener;
import io.warden.wire.Stat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Leader latch and selector against Warden and Apache ZooKeeper, with connection loss and expiry. */
class LeaderElectionTest extends AgainstBothServers {

    /** Records isLeader / notLeader calls. */
    static final class Signals implements LeadershipListener {
        final List<String> signals = new CopyOnWriteArrayList<>();

        @Override
        public void isLeader() {
            signals.add("leader");
        }

        @Override
        public void notLeader() {
            signals.add("not leader");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void exactlyOneLeaderAndTheNextTakesOverWithALargerToken(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "latch")) {
            List<LeaderLatch> latches = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                latches.add(session.closeLater(new LeaderLatch(session.client(), session.path("election"), "p" + i))
                        .start());
            }
            await().atMost(TestClient.WAIT).until(() -> leaders(latches).size() == 1);
            LeaderLatch first = leaders(latches).get(0);
            long firstToken = first.fencingToken();
            assertThat(latches.get(2).leaderId()).isEqualTo(first.participantId());

            first.close();
            latches.remove(first);
            await().atMost(TestClient.WAIT).until(() -> leaders(latches).size() == 1);
            LeaderLatch second = leaders(latches).get(0);

            assertThat(second.fencingToken()).isGreaterThan(firstToken);
            assertThat(second.leaderId()).isEqualTo(second.participantId());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aLeaderCutOffStopsAtOnceAndLeadsAgainWhenItsSessionSurvives(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "suspend")) {
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder);
            LeaderLatch latch = session.closeLater(new LeaderLatch(client, session.path("election"), "only"));
            Signals signals = new Signals();
            latch.addListener(signals);
            latch.start();
            assertThat(latch.await(TestClient.WAIT)).isTrue();
            StateRecorder states = StateRecorder.of(client);

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            await().atMost(TestClient.WAIT).until(() -> signals.signals.size() == 2);
            assertThat(signals.signals).containsExactly("leader", "not leader");
            assertThat(latch.hasLeadership()).isFalse();

            proxy.restore();
            assertThat(latch.await(TestClient.WAIT)).isTrue();
            // The listener is told after waiters are woken: wait for it, not for luck.
            await().atMost(TestClient.WAIT).until(() -> signals.signals.size() == 3);
            assertThat(signals.signals).containsExactly("leader", "not leader", "leader");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aLeaderWhoseSessionExpiresIsReplacedAndRejoinsBehind(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "expire")) {
            CuttableProxy proxy = session.proxy();
            WardenClient leaderClient = session.clientThrough(proxy, builder -> builder);
            LeaderLatch leader = session.closeLater(new LeaderLatch(leaderClient, session.path("election"), "a"))
                    .start();
            assertThat(leader.await(TestClient.WAIT)).isTrue();
            long oldToken = leader.fencingToken();
            LeaderLatch follower = session.closeLater(new LeaderLatch(session.client(), session.path("election"), "b"))
                    .start();

            RecipeFixtures.expireSession(session, proxy, leaderClient);

            assertThat(follower.await(TestClient.WAIT)).isTrue();
            assertThat(follower.fencingToken()).isGreaterThan(oldToken);
            await().atMost(TestClient.WAIT).until(() -> follower.leaderId() != null
                    && session.client().blocking().getChildren(session.path("election")).names().size() == 2);
            assertThat(leader.hasLeadership()).isFalse();
            follower.close();
            assertThat(leader.await(TestClient.WAIT)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void latchesClosedRightAfterStartingLeaveNoNodeBehind(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "startclose")) {
            WardenClient client = session.client();
            for (int i = 0; i < 20; i++) {
                new LeaderLatch(client, session.path("election"), "short-" + i).start().close();
            }

            await().atMost(TestClient.WAIT).until(() -> {
                Stat stat = client.blocking().exists(session.path("election"));
                return stat == null || stat.numChildren() == 0;
            });
            LeaderLatch next = session.closeLater(new LeaderLatch(session.client(), session.path("election"), "next"))
                    .start();
            assertThat(next.await(TestClient.WAIT)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void wardenAndCuratorLatchesElectOneLeaderTogether(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "curator")) {
            CuratorFramework curator = session.closeLater(CuratorFrameworkFactory.builder()
                    .connectString(session.server().connectString())
                    .sessionTimeoutMs(ClientServers.SESSION_TIMEOUT_MS)
                    .retryPolicy(new ExponentialBackoffRetry(50, 5))
                    .build());
            curator.start();
            assertThat(curator.blockUntilConnected((int) TestClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            org.apache.curator.framework.recipes.leader.LeaderLatch curatorLatch = session.closeLater(
                    new org.apache.curator.framework.recipes.leader.LeaderLatch(curator, session.path("election"),
                            "curator"));
            curatorLatch.start();
            assertThat(curatorLatch.await(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

            LeaderLatch warden = session.closeLater(new LeaderLatch(session.client(), session.path("election"),
                    "warden")).start();
            await().atMost(TestClient.WAIT).until(() -> warden.leaderId() != null);
            assertThat(warden.leaderId()).isEqualTo("curator");
            assertThat(warden.hasLeadership()).isFalse();

            curatorLatch.close();
            assertThat(warden.await(TestClient.WAIT)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void selectorsTakeTurnsOneAtATime(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "selector")) {
            Occupancy leading = new Occupancy();
            FencedResource resource = new FencedResource();
            AtomicInteger terms = new AtomicInteger();
            List<LeaderSelector> selectors = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                selectors.add(session.closeLater(new LeaderSelector(session.client(), session.path("election"),
                        "s" + i, token -> {
                            leading.enter();
                            try {
                                assertThat(resource.write(token)).isTrue();
                                terms.incrementAndGet();
                                Thread.yield();
                            } finally {
                                leading.leave();
                            }
                        }).autoRequeue().start()));
            }

            await().atMost(TestClient.WAIT).until(() -> selectors.stream().allMatch(each -> each.terms() >= 3));

            for (LeaderSelector selector : selectors) {
                selector.close();
            }
            assertThat(leading.max()).isEqualTo(1);
            assertThat(resource.acceptedTokens()).isSorted().doesNotHaveDuplicates();
            assertThat(resource.refused()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aLeadingSelectorIsInterruptedWhenItsConnectionIsInDoubt(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "interrupt")) {
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder);
            List<String> happened = new CopyOnWriteArrayList<>();
            LeaderSelector selector = session.closeLater(new LeaderSelector(client, session.path("election"), "x",
                    token -> {
                        happened.add("leading");
                        try {
                            synchronized (happened) {
                                happened.wait(TestClient.WAIT.toMillis());
                            }
                            happened.add("not interrupted");
                        } catch (InterruptedException e) {
                            happened.add("interrupted");
                        }
                    }).start());
            await().atMost(TestClient.WAIT).until(() -> happened.contains("leading"));
            assertThat(selector.hasLeadership()).isTrue();

            proxy.cut();

            await().atMost(TestClient.WAIT).until(() -> happened.size() == 2);
            assertThat(happened).containsExactly("leading", "interrupted");
            proxy.restore();
            await().atMost(TestClient.WAIT).until(() -> !selector.hasLeadership());
        }
    }

    private static List<LeaderLatch> leaders(List<LeaderLatch> latches) {
        return latches.stream().filter(LeaderLatch::hasLeadership).toList();
    }
}
