package io.warden.it.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.client.AddWatchMode;
import io.warden.client.BlockingClient;
import io.warden.client.Children;
import io.warden.client.CreateMode;
import io.warden.client.Created;
import io.warden.client.EventType;
import io.warden.client.NodeAcl;
import io.warden.client.NodeData;
import io.warden.client.Op;
import io.warden.client.OpResult;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.client.WatchEvent;
import io.warden.client.Watcher;
import io.warden.client.WatcherType;
import io.warden.it.ServerKind;
import io.warden.it.ServerOptions;
import io.warden.it.TestClient;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.Perms;
import io.warden.wire.Stat;
import io.warden.wire.proto.ClientInfo;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation of the Warden client against Warden and against Apache ZooKeeper: the same
 * assertions hold on both, so the client is right and Warden agrees with the reference.
 */
class WardenClientOperationsTest {

    @TempDir
    static Path dir;

    static ClientServers servers;

    @BeforeAll
    static void startServers() {
        servers = ClientServers.start(dir, ServerOptions.defaults().withExtendedTypesEnabled(true));
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    static List<ServerKind> kinds() {
        return ClientServers.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void createReadUpdateDeleteWithVersions(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "crud")) {
            BlockingClient client = session.client().blocking();
            client.ensurePath(session.base());
            String path = session.path("node");

            assertThat(client.create(path, "one".getBytes(UTF_8), CreateMode.PERSISTENT)).isEqualTo(path);
            NodeData read = client.getData(path);
            assertThat(read.data()).isEqualTo("one".getBytes(UTF_8));
            assertThat(read.stat().version()).isZero();

            Stat updated = client.setData(path, "two".getBytes(UTF_8), 0);
            assertThat(updated.version()).isEqualTo(1);
            assertThat(codeOf(() -> client.setData(path, "x".getBytes(UTF_8), 0))).isEqualTo(ErrorCode.BADVERSION);
            assertThat(codeOf(() -> client.create(path, null, CreateMode.PERSISTENT)))
                    .isEqualTo(ErrorCode.NODEEXISTS);
            assertThat(codeOf(() -> client.delete(path, 0))).isEqualTo(ErrorCode.BADVERSION);

            client.delete(path, 1);
            assertThat(client.exists(path)).isNull();
            assertThat(codeOf(() -> client.getData(path))).isEqualTo(ErrorCode.NONODE);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyCreateMode(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "modes")) {
            WardenClient async = session.client();
            BlockingClient client = async.blocking();
            client.ensurePath(session.base());

            String sequential = client.create(session.path("seq-"), null, CreateMode.PERSISTENT_SEQUENTIAL);
            assertThat(sequential).matches(session.path("seq-") + "\\d{10}");
            Stat ephemeral = client.create(Op.create(session.path("eph"), null, CreateMode.EPHEMERAL)).stat();
            assertThat(ephemeral.ephemeralOwner()).isEqualTo(async.sessionId());
            String ephemeralSequential = client.create(session.path("es-"), null, CreateMode.EPHEMERAL_SEQUENTIAL);
            assertThat(ephemeralSequential).startsWith(session.path("es-"));
            Created container = client.create(Op.create(session.path("box"), null, CreateMode.CONTAINER));
            assertThat(container.path()).isEqualTo(session.path("box"));
            Created ttl = client.create(Op.createWithTtl(session.path("ttl"), null, null,
                    CreateMode.PERSISTENT_WITH_TTL, 60_000));
            assertThat(ttl.path()).isEqualTo(session.path("ttl"));
            assertThat(ttl.stat().ephemeralOwner()).isZero();
            assertThat(codeOf(() -> client.create(session.path("eph/child"), null, CreateMode.PERSISTENT)))
                    .isEqualTo(ErrorCode.NOCHILDRENFOREPHEMERALS);

            assertThat(client.getEphemerals(session.base())).containsExactlyInAnyOrder(session.path("eph"),
                    ephemeralSequential);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void childrenAndCounts(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "children")) {
            BlockingClient client = session.client().blocking();
            client.ensurePath(session.path("a/b/c"));
            client.create(session.path("a/x"), null, CreateMode.PERSISTENT);

            Children children = client.getChildren(session.path("a"));
            assertThat(children.names()).containsExactlyInAnyOrder("b", "x");
            assertThat(children.stat().numChildren()).isEqualTo(2);
            assertThat(client.getAllChildrenNumber(session.path("a"))).isEqualTo(3);

            client.deleteAll(session.path("a"));
            assertThat(client.exists(session.path("a"))).isNull();
            client.deleteAll(session.path("a"));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aclsAndAuthentication(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "acl")) {
            BlockingClient owner = session.client(builder -> builder.digestAuth("alice", "secret")).blocking();
            BlockingClient stranger = session.client().blocking();
            owner.ensurePath(session.base());
            String path = session.path("private");

            owner.create(path, "s".getBytes(UTF_8), Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT);

            assertThat(owner.getData(path).data()).isEqualTo("s".getBytes(UTF_8));
            assertThat(codeOf(() -> stranger.getData(path))).isEqualTo(ErrorCode.NOAUTH);
            NodeAcl acl = owner.getAcl(path);
            assertThat(acl.acl()).singleElement().satisfies(entry -> {
                assertThat(entry.perms()).isEqualTo(Perms.ALL);
                assertThat(entry.id().scheme()).isEqualTo("digest");
                assertThat(entry.id().id()).startsWith("alice:");
            });
            assertThat(owner.whoAmI()).contains(new ClientInfo("digest", "alice"));

            stranger.addAuth("digest", "alice:secret".getBytes(UTF_8));
            assertThat(stranger.getData(path).data()).isEqualTo("s".getBytes(UTF_8));
            Stat changed = owner.setAcl(path, List.of(new Acl(Perms.READ, Id.ANYONE)), acl.stat().aversion());
            assertThat(changed.aversion()).isEqualTo(1);
            assertThat(codeOf(() -> owner.setData(path, null, -1))).isEqualTo(ErrorCode.NOAUTH);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void multiIsAllOrNothingAndMultiReadAnswersEachOp(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "multi")) {
            BlockingClient client = session.client().blocking();
            client.ensurePath(session.base());
            String a = session.path("a");
            String b = session.path("b");

            List<OpResult> results = client.multi(List.of(
                    Op.create(a, "1".getBytes(UTF_8), CreateMode.PERSISTENT),
                    Op.create(b, null, CreateMode.PERSISTENT),
                    Op.setData(a, "2".getBytes(UTF_8), 0),
                    Op.check(b, 0)));
            assertThat(results.get(0)).isInstanceOfSatisfying(OpResult.CreateResult.class,
                    created -> assertThat(created.path()).isEqualTo(a));
            assertThat(results.get(2)).isInstanceOfSatisfying(OpResult.SetDataResult.class,
                    set -> assertThat(set.stat().version()).isEqualTo(1));
            assertThat(results.get(3)).isInstanceOf(OpResult.CheckResult.class);

            WardenException failure = catchWarden(() -> client.multi(List.of(
                    Op.delete(b, -1),
                    Op.check(a, 0),
                    Op.setData(a, null, -1))));
            assertThat(failure.code()).isEqualTo(ErrorCode.BADVERSION);
            assertThat(failure.path()).isEqualTo(a);
            assertThat(failure.results()).containsExactly(new OpResult.ErrorResult(ErrorCode.OK),
                    new OpResult.ErrorResult(ErrorCode.BADVERSION),
                    new OpResult.ErrorResult(ErrorCode.RUNTIMEINCONSISTENCY));
            assertThat(client.exists(b)).isNotNull();

            List<OpResult> reads = client.multiRead(List.of(Op.getData(a), Op.getChildren(session.base()),
                    Op.getData(session.path("missing"))));
            assertThat(reads.get(0)).isInstanceOfSatisfying(OpResult.GetDataResult.class,
                    data -> assertThat(data.node().data()).isEqualTo("2".getBytes(UTF_8)));
            assertThat(reads.get(1)).isInstanceOfSatisfying(OpResult.GetChildrenResult.class,
                    children -> assertThat(children.names()).containsExactlyInAnyOrder("a", "b"));
            assertThat(reads.get(2)).isEqualTo(new OpResult.ErrorResult(ErrorCode.NONODE));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void oneShotWatchesFireOnceWithTheChange(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "watch")) {
            BlockingClient client = session.client().blocking();
            BlockingClient other = session.client().blocking();
            client.ensurePath(session.base());
            String path = session.path("n");
            Events data = new Events();
            Events exists = new Events();
            Events children = new Events();

            assertThat(client.exists(path, exists)).isNull();
            other.create(path, null, CreateMode.PERSISTENT);
            exists.await(1);
            assertThat(exists.events.get(0).type()).isEqualTo(EventType.NODE_CREATED);

            client.getData(path, data);
            client.getChildren(path, children);
            Stat set = other.setData(path, "v".getBytes(UTF_8), -1);
            other.create(path + "/c", null, CreateMode.PERSISTENT);
            other.setData(path, "w".getBytes(UTF_8), -1);
            data.await(1);
            children.await(1);
            client.sync(path);

            assertThat(data.events).containsExactly(new WatchEvent(EventType.NODE_DATA_CHANGED, path, set.mzxid()));
            assertThat(children.events).extracting(WatchEvent::type).containsExactly(EventType.NODE_CHILDREN_CHANGED);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void persistentRecursiveWatchesSeeTheWholeSubtreeUntilRemoved(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "recursive")) {
            BlockingClient client = session.client().blocking();
            BlockingClient other = session.client().blocking();
            client.ensurePath(session.path("top"));
            Events events = new Events();

            client.addWatch(session.path("top"), events, AddWatchMode.PERSISTENT_RECURSIVE);
            other.create(session.path("top/a"), null, CreateMode.PERSISTENT);
            other.setData(session.path("top/a"), null, -1);
            other.setData(session.path("top/a"), null, -1);
            other.delete(session.path("top/a"), -1);
            events.await(4);
            assertThat(events.events).extracting(WatchEvent::type).containsExactly(EventType.NODE_CREATED,
                    EventType.NODE_DATA_CHANGED, EventType.NODE_DATA_CHANGED, EventType.NODE_DELETED);

            client.removeWatches(session.path("top"), events, WatcherType.PERSISTENT_RECURSIVE, false);
            events.await(5);
            assertThat(events.events.get(4)).isEqualTo(new WatchEvent(EventType.PERSISTENT_WATCH_REMOVED,
                    session.path("top"), -1));
            other.create(session.path("top/b"), null, CreateMode.PERSISTENT);
            client.sync(session.path("top"));
            assertThat(codeOf(() -> client.removeWatches(session.path("top"), events,
                    WatcherType.PERSISTENT_RECURSIVE, false))).isEqualTo(ErrorCode.NOWATCHER);
            assertThat(events.events).hasSize(5);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void removeAllWatchesTellsEveryWatcher(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "removeall")) {
            BlockingClient client = session.client().blocking();
            client.ensurePath(session.path("n"));
            Events first = new Events();
            Events second = new Events();
            client.getData(session.path("n"), first);
            client.exists(session.path("n"), second);

            client.removeAllWatches(session.path("n"), WatcherType.DATA, false);

            first.await(1);
            second.await(1);
            assertThat(first.events).extracting(WatchEvent::type).containsExactly(EventType.DATA_WATCH_REMOVED);
            assertThat(second.events).extracting(WatchEvent::type).containsExactly(EventType.DATA_WATCH_REMOVED);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aChrootedClientSeesOnlyItsSubtree(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "chroot")) {
            BlockingClient root = session.client().blocking();
            root.ensurePath(session.base());
            BlockingClient chrooted = session.closeLater(ClientServers.Session
                    .builder(session.server().connectString() + session.base()).build()).blocking();
            assertThat(chrooted.awaitConnected(TestClient.WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isTrue();
            Events events = new Events();

            assertThat(chrooted.create("/a", null, CreateMode.PERSISTENT)).isEqualTo("/a");
            String sequential = chrooted.create("/s-", null, CreateMode.EPHEMERAL_SEQUENTIAL);
            assertThat(sequential).startsWith("/s-");
            assertThat(root.exists(session.path("a"))).isNotNull();
            assertThat(chrooted.getChildren("/").names()).containsExactlyInAnyOrder("a", sequential.substring(1));
            assertThat(chrooted.getEphemerals()).containsExactly(sequential);

            chrooted.exists("/a", events);
            root.delete(session.path("a"), -1);
            events.await(1);
            assertThat(events.events.get(0).path()).isEqualTo("/a");
            List<OpResult> results = chrooted.multi(List.of(Op.create("/m", null, CreateMode.PERSISTENT)));
            assertThat(((OpResult.CreateResult) results.get(0)).path()).isEqualTo("/m");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void blockingCallsWorkInsideAWatcher(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "reentrant")) {
            BlockingClient client = session.client().blocking();
            client.ensurePath(session.path("n"));
            CompletableFuture<byte[]> seen = new CompletableFuture<>();
            Watcher rereading = event -> {
                try {
                    seen.complete(client.getData(event.path()).data());
                } catch (InterruptedException | RuntimeException e) {
                    seen.completeExceptionally(e);
                }
            };

            client.getData(session.path("n"), rereading);
            client.setData(session.path("n"), "fresh".getBytes(UTF_8), -1);

            assertThat(seen.get(TestClient.WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isEqualTo("fresh".getBytes(UTF_8));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void asyncCompletionsAndWatchEventsArriveInServerOrder(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "order")) {
            WardenClient client = session.client();
            client.blocking().ensurePath(session.path("n"));
            List<String> order = new CopyOnWriteArrayList<>();
            client.getData(session.path("n"), event -> order.add("event")).join();

            CompletableFuture<Stat> write = client.setData(session.path("n"), null, -1)
                    .whenComplete((stat, failure) -> order.add("reply"));
            write.join();

            await().atMost(TestClient.WAIT).until(() -> order.size() == 2);
            assertThat(order).containsExactly("event", "reply");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void badArgumentsFailBeforeAnythingIsSent(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "bad")) {
            WardenClient client = session.client(builder -> builder.maxFrameBytes(4096));
            assertThatThrownBy(() -> client.getData("no-slash")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.create("/a/", null, CreateMode.PERSISTENT))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.multi(List.of(Op.getData("/a"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(codeOf(() -> client.blocking().create(session.path("big"), new byte[8192],
                    CreateMode.PERSISTENT))).isEqualTo(ErrorCode.BADARGUMENTS);
            assertThat(client.blocking().exists("/")).isNotNull();
        }
    }

    /** An application's own event loop group, NIO or native epoll, carries clients of the same kind. */
    @ParameterizedTest
    @MethodSource("kinds")
    void clientsShareAnEventLoopGroupOfEitherKind(ServerKind kind) throws Exception {
        List<EventLoopGroup> groups = new ArrayList<>();
        groups.add(new NioEventLoopGroup(1));
        if (Epoll.isAvailable()) {
            groups.add(new EpollEventLoopGroup(1));
        }
        try (ClientServers.Session session = servers.session(kind, "shared-loops")) {
            session.client().blocking().ensurePath(session.base());
            for (EventLoopGroup group : groups) {
                String name = group.getClass().getSimpleName();
                WardenClient first = session.client(builder -> builder.eventLoopGroup(group));
                WardenClient second = session.client(builder -> builder.eventLoopGroup(group));

                first.blocking().create(session.path(name), name.getBytes(UTF_8), CreateMode.PERSISTENT);

                assertThat(second.blocking().getData(session.path(name)).data()).isEqualTo(name.getBytes(UTF_8));
                first.close();
                second.close();
                assertThat(group.isShuttingDown()).as("a shared group outlives its clients").isFalse();
            }
        } finally {
            for (EventLoopGroup group : groups) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
        }
    }

    /** Collects a watcher's events. */
    static final class Events implements Watcher {
        final List<WatchEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(WatchEvent event) {
            events.add(event);
        }

        void await(int count) {
            org.awaitility.Awaitility.await().atMost(TestClient.WAIT).until(() -> events.size() >= count);
        }
    }

    interface Action {
        void run() throws Exception;
    }

    static WardenException catchWarden(Action action) {
        try {
            action.run();
        } catch (WardenException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a WardenException, got " + e, e);
        }
        throw new AssertionError("expected a WardenException, nothing was thrown");
    }

    static ErrorCode codeOf(Action action) {
        return catchWarden(action).code();
    }
}
