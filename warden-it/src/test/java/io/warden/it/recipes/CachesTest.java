package io.warden.it.recipes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.client.BlockingClient;
import io.warden.client.ConnectionState;
import io.warden.client.CreateMode;
import io.warden.client.NodeData;
import io.warden.client.WardenClient;
import io.warden.common.ZnodePaths;
import io.warden.it.CuttableProxy;
import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import io.warden.it.client.AgainstBothServers;
import io.warden.it.client.ClientServers;
import io.warden.it.client.StateRecorder;
import io.warden.recipes.cache.CacheEvent;
import io.warden.recipes.cache.NodeCache;
import io.warden.recipes.cache.TreeCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The caches against Warden and Apache ZooKeeper: they mirror the tree, report every change, and
 * lose no update across connection losses and session expiry.
 */
class CachesTest extends AgainstBothServers {

    /** Collects cache events. */
    static final class Events {
        final List<CacheEvent> events = new CopyOnWriteArrayList<>();

        List<CacheEvent.Type> types() {
            return events.stream().map(CacheEvent::type).toList();
        }

        long count(CacheEvent.Type type) {
            return events.stream().filter(event -> event.type() == type).count();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTreeCacheLoadsTheSubtreeAndFollowsEveryChange(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "tree")) {
            BlockingClient writer = session.client().blocking();
            writer.ensurePath(session.path("root/a/deep"));
            writer.setData(session.path("root/a"), "1".getBytes(UTF_8), -1);
            TreeCache cache = session.closeLater(new TreeCache(session.client(), session.path("root")));
            Events events = new Events();
            cache.addListener(events.events::add);

            cache.start();
            assertThat(cache.awaitInitialized(TestClient.WAIT)).isTrue();
            assertThat(cache.snapshot().keySet()).containsExactly(session.path("root"), session.path("root/a"),
                    session.path("root/a/deep"));
            assertThat(events.types()).containsExactly(CacheEvent.Type.NODE_ADDED, CacheEvent.Type.NODE_ADDED,
                    CacheEvent.Type.NODE_ADDED, CacheEvent.Type.INITIALIZED);

            writer.create(session.path("root/b"), "new".getBytes(UTF_8), CreateMode.PERSISTENT);
            writer.setData(session.path("root/a/deep"), "changed".getBytes(UTF_8), -1);
            // The cache reports a change once it has read it; deleting at once could make it read nothing.
            await().atMost(TestClient.WAIT).until(() -> "changed".equals(text(cache.get(session.path("root/a/deep")))));
            writer.deleteAll(session.path("root/a"));

            await().atMost(TestClient.WAIT).until(() -> cache.snapshot().keySet()
                    .equals(Set.of(session.path("root"), session.path("root/b"))));
            assertThat(cache.get(session.path("root/b")).data()).isEqualTo("new".getBytes(UTF_8));
            assertThat(cache.childrenOf(session.path("root"))).containsExactly("b");
            await().atMost(TestClient.WAIT).until(() -> events.count(CacheEvent.Type.NODE_REMOVED) == 2);
            assertThat(events.events).anySatisfy(event -> {
                assertThat(event.type()).isEqualTo(CacheEvent.Type.NODE_UPDATED);
                assertThat(event.path()).isEqualTo(session.path("root/a/deep"));
            });
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aNodeCacheFollowsCreationChangeAndDeletion(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "node")) {
            BlockingClient writer = session.client().blocking();
            writer.ensurePath(session.base());
            NodeCache cache = session.closeLater(new NodeCache(session.client(), session.path("n")));
            cache.start();
            assertThat(cache.awaitInitialized(TestClient.WAIT)).isTrue();
            assertThat(cache.current()).isNull();

            writer.create(session.path("n"), "a".getBytes(UTF_8), CreateMode.PERSISTENT);
            await().atMost(TestClient.WAIT).until(() -> cache.current() != null);
            writer.setData(session.path("n"), "b".getBytes(UTF_8), -1);
            await().atMost(TestClient.WAIT).until(() -> "b".equals(text(cache.current())));
            writer.create(session.path("n/child"), null, CreateMode.PERSISTENT);
            writer.deleteAll(session.path("n"));
            await().atMost(TestClient.WAIT).until(() -> cache.current() == null);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void changesMadeDuringAnOutageReachTheCache(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "outage")) {
            BlockingClient writer = session.client().blocking();
            CuttableProxy proxy = session.proxy();
            WardenClient cacheClient = session.clientThrough(proxy, builder -> builder);
            writer.ensurePath(session.path("root/keep"));
            writer.ensurePath(session.path("root/gone/child"));
            TreeCache cache = session.closeLater(new TreeCache(cacheClient, session.path("root")));
            Events events = new Events();
            cache.addListener(events.events::add);
            cache.start();
            assertThat(cache.awaitInitialized(TestClient.WAIT)).isTrue();
            StateRecorder states = StateRecorder.of(cacheClient);

            proxy.cut();
            states.await(ConnectionState.SUSPENDED);
            writer.setData(session.path("root/keep"), "v2".getBytes(UTF_8), -1);
            writer.deleteAll(session.path("root/gone"));
            writer.ensurePath(session.path("root/added/deeper"));
            proxy.restore();

            await().atMost(TestClient.WAIT).until(() -> events.types().contains(CacheEvent.Type.CONNECTION_RESTORED));
            assertThat(cache.snapshot()).isEqualTo(readTree(writer, session.path("root")));
            assertThat(events.types()).contains(CacheEvent.Type.CONNECTION_SUSPENDED);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void noUpdateIsLostWhileConnectionsDropAndTheSessionExpires(ServerKind kind) throws Exception {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        try (ClientServers.Session session = servers.session(kind, "chaos")) {
            BlockingClient writer = session.client().blocking();
            CuttableProxy proxy = session.proxy();
            WardenClient cacheClient = session.clientThrough(proxy, builder -> builder);
            String root = session.path("root");
            writer.ensurePath(root);
            TreeCache cache = session.closeLater(new TreeCache(cacheClient, root));
            Map<String, String> lastSeen = new ConcurrentHashMap<>();
            cache.addListener(event -> {
                if (event.path() != null && event.type() != CacheEvent.Type.NODE_REMOVED) {
                    lastSeen.put(event.path(), text(event.data()));
                }
            });
            cache.start();
            assertThat(cache.awaitInitialized(TestClient.WAIT)).isTrue();
            StateRecorder states = StateRecorder.of(cacheClient);

            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 30; i++) {
                    mutate(writer, root, random);
                }
                if (round == 2) {
                    int connectedBefore = states.count(ConnectionState.CONNECTED);
                    RecipeFixtures.expireSession(session, proxy, cacheClient);
                    mutate(writer, root, random);
                    states.awaitAnother(ConnectionState.CONNECTED, connectedBefore);
                } else {
                    int reconnectedBefore = states.count(ConnectionState.RECONNECTED);
                    proxy.cut();
                    for (int i = 0; i < 10; i++) {
                        mutate(writer, root, random);
                    }
                    proxy.restore();
                    states.awaitAnother(ConnectionState.RECONNECTED, reconnectedBefore);
                }
            }

            Map<String, NodeData> expected = readTree(writer, root);
            await("the cache equals the tree (seed " + seed + ")").atMost(TestClient.WAIT)
                    .until(() -> cache.snapshot().equals(expected));
            for (Map.Entry<String, NodeData> node : expected.entrySet()) {
                assertThat(lastSeen.get(node.getKey())).as("last value reported for %s (seed %d)", node.getKey(), seed)
                        .isEqualTo(text(node.getValue()));
            }
        }
    }

    /** One random change under {@code root}: create, update or delete among a few names and levels. */
    private static void mutate(BlockingClient writer, String root, SplittableRandom random) throws Exception {
        String path = root + "/n" + random.nextInt(4) + (random.nextBoolean() ? "/m" + random.nextInt(3) : "");
        String value = Long.toString(random.nextLong());
        switch (random.nextInt(3)) {
            case 0 -> {
                writer.ensurePath(ZnodePaths.parent(path));
                if (writer.exists(path) == null) {
                    writer.create(path, value.getBytes(UTF_8), CreateMode.PERSISTENT);
                }
            }
            case 1 -> {
                if (writer.exists(path) != null) {
                    writer.setData(path, value.getBytes(UTF_8), -1);
                }
            }
            default -> writer.deleteAll(path);
        }
    }

    /** The subtree as the server has it now. */
    static Map<String, NodeData> readTree(BlockingClient client, String root) throws Exception {
        Map<String, NodeData> tree = new TreeMap<>();
        List<String> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            String path = pending.remove(pending.size() - 1);
            tree.put(path, client.getData(path));
            for (String child : client.getChildren(path).names()) {
                pending.add(ZnodePaths.child(path, child));
            }
        }
        return tree;
    }

    static String text(NodeData node) {
        return node == null || node.data() == null ? null : new String(node.data(), UTF_8);
    }
}
