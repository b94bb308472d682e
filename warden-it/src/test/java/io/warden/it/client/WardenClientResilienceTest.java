package io.warden.it.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.client.AddWatchMode;
import io.warden.client.BlockingClient;
import io.warden.client.ConnectionState;
import io.warden.client.CreateMode;
import io.warden.client.EventType;
import io.warden.client.NodeData;
import io.warden.client.RetryPolicy;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.client.WatchEvent;
import io.warden.it.CuttableProxy;
import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import io.warden.it.client.WardenClientOperationsTest.Events;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.proto.ClientInfo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the Warden client does when connections break and sessions end, against Warden and Apache
 * ZooKeeper: outages come from a proxy that cuts every connection, expiry from closing the session
 * through another client.
 */
class WardenClientResilienceTest extends AgainstBothServers {

    @ParameterizedTest
    @MethodSource("kinds")
    void aReconnectKeepsTheSessionAndWatchesSeeWhatChangedMeanwhile(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "reconnect")) {
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder);
            BlockingClient other = session.client().blocking();
            StateRecorder states = StateRecorder.of(client);
            BlockingClient blocking = client.blocking();
            blocking.ensurePath(session.path("n"));
            blocking.create(session.path("eph"), null, CreateMode.EPHEMERAL);
            Events events = new Events();
            blocking.getData(session.path("n"), events);
            long sessionId = client.sessionId();

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            other.setData(session.path("n"), "meanwhile".getBytes(UTF_8), -1);
            proxy.restore();
            states.await(ConnectionState.RECONNECTED);

            events.await(1);
            assertThat(events.events.get(0).type()).isEqualTo(EventType.NODE_DATA_CHANGED);
            assertThat(client.sessionId()).isEqualTo(sessionId);
            assertThat(other.exists(session.path("eph"))).isNotNull();
            assertThat(states.states).containsExactly(ConnectionState.SUSPENDED, ConnectionState.RECONNECTED);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anExpiredSessionIsReplacedAndPersistentWatchesFollow(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "expiry")) {
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder);
            BlockingClient other = session.client().blocking();
            StateRecorder states = StateRecorder.of(client);
            BlockingClient blocking = client.blocking();
            blocking.ensurePath(session.path("p"));
            blocking.create(session.path("eph"), null, CreateMode.EPHEMERAL);
            Events events = new Events();
            blocking.addWatch(session.path("p"), events, AddWatchMode.PERSISTENT);
            long oldSession = client.sessionId();

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            try (TestClient thief = TestClient.attach(session.server().connectString(),
                    ClientServers.SESSION_TIMEOUT_MS, oldSession, client.sessionPassword())) {
                thief.barrier();
            }
            assertThat(other.exists(session.path("eph"))).isNull();
            proxy.restore();
            states.await(ConnectionState.CONNECTED);

            assertThat(states.states).containsExactly(ConnectionState.SUSPENDED, ConnectionState.EXPIRED,
                    ConnectionState.CONNECTED);
            assertThat(client.sessionId()).isNotEqualTo(oldSession).isNotZero();
            other.setData(session.path("p"), null, -1);
            events.await(1);
            assertThat(events.events).extracting(WatchEvent::type).contains(EventType.NODE_DATA_CHANGED);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void beingCutOffForTheSessionTimeoutLosesTheSessionAndANewOneFollows(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "lost")) {
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder.sessionTimeoutMs(4_000)
                    .retryPolicy(RetryPolicy.none()));
            StateRecorder states = StateRecorder.of(client);
            long oldSession = client.sessionId();

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            CompletableFuture<NodeData> waiting = client.getData("/");
            states.await(ConnectionState.LOST);
            assertThat(waiting).failsWithin(TestClient.WAIT)
                    .withThrowableThat().havingCause().isInstanceOfSatisfying(WardenException.class,
                            failure -> assertThat(failure.code()).isEqualTo(ErrorCode.SESSIONEXPIRED));
            proxy.restore();
            states.await(ConnectionState.CONNECTED);

            assertThat(states.states).containsExactly(ConnectionState.SUSPENDED, ConnectionState.LOST,
                    ConnectionState.CONNECTED);
            assertThat(client.sessionId()).isNotEqualTo(oldSession);
            assertThat(client.blocking().exists("/")).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aReadMadeDuringAnOutageIsAnsweredAfterIt(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "retry")) {
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder);
            StateRecorder states = StateRecorder.of(client);

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            CompletableFuture<NodeData> read = client.getData("/");
            proxy.restore();

            assertThat(read.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS).stat()).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRetryWaitingWhenTheClientClosesEndsWithIt(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "retryclose")) {
            CuttableProxy proxy = session.proxy();
            CompletableFuture<Void> retryScheduled = new CompletableFuture<>();
            WardenClient client = session.clientThrough(proxy, builder -> builder.connectionTimeoutMs(200)
                    .retryPolicy((retry, elapsedMs, random) -> {
                        retryScheduled.complete(null);
                        return 60_000;
                    }));
            StateRecorder states = StateRecorder.of(client);
            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            CompletableFuture<NodeData> read = client.getData("/");
            retryScheduled.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(read).isNotDone();

            client.close();

            assertThat(read).failsWithin(TestClient.WAIT).withThrowableThat().havingCause()
                    .isInstanceOfSatisfying(WardenException.class,
                            failure -> assertThat(failure.code()).isEqualTo(ErrorCode.SESSIONEXPIRED));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aListenerMayWaitForTheReconnect(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "listenerwait")) {
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder);
            CompletableFuture<Boolean> reconnectedInListener = new CompletableFuture<>();
            client.addConnectionStateListener((state, sessionId) -> {
                if (state == ConnectionState.SUSPENDED && !reconnectedInListener.isDone()) {
                    try {
                        reconnectedInListener.complete(client.blocking().awaitConnected(
                                TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS));
                    } catch (InterruptedException e) {
                        reconnectedInListener.completeExceptionally(e);
                    }
                }
            });
            StateRecorder states = StateRecorder.of(client);

            proxy.cut();
            await().atMost(TestClient.WAIT).until(() -> client.state() == ConnectionState.SUSPENDED);
            proxy.restore();

            assertThat(reconnectedInListener.get(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)).isTrue();
            states.await(ConnectionState.RECONNECTED);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRequestThatFindsNoConnectionInTimeFails(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "noconnection")) {
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder.connectionTimeoutMs(300)
                    .retryPolicy(RetryPolicy.none()));
            StateRecorder states = StateRecorder.of(client);

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);

            assertThat(WardenClientOperationsTest.codeOf(() -> client.blocking().getData("/")))
                    .isEqualTo(ErrorCode.CONNECTIONLOSS);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void credentialsAreSentAgainOnEveryConnection(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "reauth")) {
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder.digestAuth("bob", "pw"));
            StateRecorder states = StateRecorder.of(client);
            BlockingClient blocking = client.blocking();
            blocking.ensurePath(session.base());
            blocking.create(session.path("mine"), "x".getBytes(UTF_8), Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT);

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            proxy.restore();
            states.await(ConnectionState.RECONNECTED);

            assertThat(blocking.whoAmI()).contains(new ClientInfo("digest", "bob"));
            assertThat(blocking.getData(session.path("mine")).data()).isEqualTo("x".getBytes(UTF_8));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRefusedCredentialEndsTheClient(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "authfailed")) {
            WardenClient client = session.client();
            StateRecorder states = StateRecorder.of(client);

            assertThat(WardenClientOperationsTest.codeOf(() -> client.blocking().addAuth("no-such-scheme",
                    "x".getBytes(UTF_8)))).isEqualTo(ErrorCode.AUTHFAILED);
            states.await(ConnectionState.AUTH_FAILED);
            assertThat(WardenClientOperationsTest.codeOf(() -> client.blocking().exists("/")))
                    .isEqualTo(ErrorCode.AUTHFAILED);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void closeEndsTheSessionAndItsEphemeralsAtOnce(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "close")) {
            BlockingClient other = session.client().blocking();
            other.ensurePath(session.base());
            WardenClient client = ClientServers.Session.builder(session.server().connectString()).build();
            StateRecorder states = StateRecorder.of(client);
            client.blocking().create(session.path("eph"), null, CreateMode.EPHEMERAL);

            client.close();

            assertThat(other.exists(session.path("eph"))).isNull();
            assertThat(states.states).endsWith(ConnectionState.CLOSED);
            assertThat(WardenClientOperationsTest.codeOf(() -> client.blocking().exists("/")))
                    .isEqualTo(ErrorCode.SESSIONEXPIRED);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aServerThatIsDownIsSkipped(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "skip")) {
            CuttableProxy dead = session.proxy();
            dead.cut();
            for (long seed = 0; seed < 4; seed++) {
                long fixed = seed;
                WardenClient client = session.closeLater(ClientServers.Session.builder(
                        dead.connectString() + "," + session.server().connectString()).randomSeed(fixed).build());
                assertThat(client.blocking().awaitConnected(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS))
                        .isTrue();
                assertThat(client.blocking().exists("/")).isNotNull();
            }
        }
    }
}
