package io.warden.it.recipes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.client.BlockingClient;
import io.warden.client.CreateMode;
import io.warden.client.WardenClient;
import io.warden.it.CuttableProxy;
import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import io.warden.it.client.AgainstBothServers;
import io.warden.it.client.ClientServers;
import io.warden.recipes.discovery.ProviderStrategy;
import io.warden.recipes.discovery.ServiceCache;
import io.warden.recipes.discovery.ServiceDiscovery;
import io.warden.recipes.discovery.ServiceInstance;
import io.warden.recipes.discovery.ServiceProvider;
import io.warden.recipes.discovery.ServiceType;
import io.warden.wire.Stat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Service discovery against Warden and Apache ZooKeeper: registering, querying, updating and
 * unregistering; a cache that follows the instances; providers that pick only live, enabled ones;
 * and instances that come back after their session expires.
 */
class ServiceDiscoveryTest extends AgainstBothServers {
    private static final Duration POLL = Duration.ofMillis(10);

    private static ServiceInstance.Builder instance(String name, String id, int port) {
        return ServiceInstance.builder(name).id(id).address("10.0.0." + port % 250).port(port);
    }

    private static List<String> ids(List<ServiceInstance> instances) {
        return instances.stream().map(ServiceInstance::id).collect(Collectors.toList());
    }

    private static Set<String> picks(ServiceProvider provider, int count) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            ServiceInstance picked = provider.getInstance();
            ids.add(picked == null ? null : picked.id());
        }
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void registerQueryUpdateAndUnregister(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "disc-crud")) {
            String base = session.path("services");
            ServiceDiscovery discovery = session.closeLater(new ServiceDiscovery(session.client(), base));
            ServiceDiscovery reader = session.closeLater(new ServiceDiscovery(session.client(), base));
            BlockingClient other = session.client().blocking();
            ServiceInstance api1 = instance("api", "api-1", 8081).sslPort(8443).uriSpec("{scheme}://{address}:{port}")
                    .metadata(Map.of("zone", "eu", "weight", 3, "tags", List.of("a", "b"))).build();
            ServiceInstance api2 = instance("api", "api-2", 8082).build();
            ServiceInstance db = instance("db", "db-1", 5432).serviceType(ServiceType.PERMANENT).build();

            assertThat(reader.queryForNames()).isEmpty();
            assertThat(reader.queryForInstances("api")).isEmpty();
            discovery.register(api1);
            discovery.register(api2);
            discovery.register(db);

            assertThat(reader.queryForNames()).containsExactly("api", "db");
            assertThat(reader.queryForInstances("api")).containsExactly(api1, api2);
            assertThat(reader.queryForInstance("api", "api-1")).isEqualTo(api1);
            assertThat(reader.queryForInstance("api", "api-1").uri()).isEqualTo("https://10.0.0.81:8081");
            assertThat(reader.queryForInstance("api", "nope")).isNull();
            assertThat(reader.queryForInstance("nothing", "nope")).isNull();
            Stat dynamic = other.exists(base + "/api/api-1");
            assertThat(dynamic.ephemeralOwner()).isNotZero();
            assertThat(other.exists(base + "/db/db-1").ephemeralOwner()).isZero();

            ServiceInstance moved = api1.toBuilder().port(9091).metadata(Map.of("zone", "us")).build();
            discovery.updateService(moved);
            assertThat(reader.queryForInstance("api", "api-1")).isEqualTo(moved);
            ServiceInstance dbMoved = db.toBuilder().port(6543).build();
            discovery.updateService(dbMoved);
            assertThat(reader.queryForInstance("db", "db-1")).isEqualTo(dbMoved);

            discovery.unregister(api2);
            assertThat(reader.queryForInstances("api")).containsExactly(moved);
            assertThat(discovery.registeredInstances()).containsExactly(moved, dbMoved);

            // Closing keeps the permanent instance and removes the dynamic one.
            discovery.close();
            assertThat(reader.queryForInstances("api")).isEmpty();
            assertThat(reader.queryForInstances("db")).containsExactly(dbMoved);
            reader.unregister(dbMoved);
            assertThat(reader.queryForInstances("db")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aCacheSeesRegistrationsChangesAndRemovalsAndSkipsForeignData(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "disc-cache")) {
            String base = session.path("services");
            BlockingClient raw = session.client().blocking();
            ServiceDiscovery discovery = session.closeLater(new ServiceDiscovery(session.client(), base));
            ServiceDiscovery watcher = session.closeLater(new ServiceDiscovery(session.client(), base));
            ServiceInstance first = instance("api", "a", 8081).build();
            discovery.register(first);
            raw.create(base + "/api/garbage", "{not json".getBytes(UTF_8), CreateMode.PERSISTENT);
            raw.create(base + "/api/empty", null, CreateMode.PERSISTENT);

            ServiceCache cache = watcher.serviceCache("api");
            List<List<ServiceInstance>> seen = new CopyOnWriteArrayList<>();
            cache.addListener(seen::add);
            cache.start();
            assertThat(cache.awaitInitialized(TestClient.WAIT)).isTrue();
            assertThat(cache.instances()).containsExactly(first);
            assertThat(seen).containsExactly(List.of(first));

            ServiceInstance second = instance("api", "b", 8082).build();
            discovery.register(second);
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() -> cache.instances().size() == 2);
            assertThat(cache.instances()).containsExactly(first, second);

            ServiceInstance disabled = second.toBuilder().enabled(false).build();
            discovery.updateService(disabled);
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() -> cache.instances().contains(disabled));

            raw.setData(base + "/api/garbage", "[]".getBytes(UTF_8), -1);
            discovery.unregister(first);
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() -> cache.instances().equals(List.of(disabled)));
            assertThat(seen.get(seen.size() - 1)).containsExactly(disabled);
            assertThat(seen).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aProviderPicksOnlyLiveEnabledInstances(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "disc-provider")) {
            String base = session.path("services");
            WardenClient doomed = session.client();
            ServiceDiscovery one = session.closeLater(new ServiceDiscovery(doomed, base));
            ServiceDiscovery two = session.closeLater(new ServiceDiscovery(session.client(), base));
            one.register(instance("api", "a", 8081).build());
            ServiceInstance b = instance("api", "b", 8082).build();
            two.register(b);
            ServiceInstance c = instance("api", "c", 8083).build();
            two.register(c);
            ServiceDiscovery consumer = session.closeLater(new ServiceDiscovery(session.client(), base));
            ServiceProvider roundRobin = consumer.serviceProvider("api").build().start();
            ServiceProvider hashing = consumer.serviceProvider("api").strategy(ProviderStrategy.consistentHashing())
                    .build().start();
            assertThat(roundRobin.awaitInitialized(TestClient.WAIT)).isTrue();
            assertThat(hashing.awaitInitialized(TestClient.WAIT)).isTrue();

            assertThat(picks(roundRobin, 6)).containsExactlyInAnyOrder("a", "b", "c");
            List<String> owners = new ArrayList<>();
            for (int key = 0; key < 50; key++) {
                owners.add(hashing.getInstance("user-" + key).id());
            }
            assertThat(owners).containsOnly("a", "b", "c");

            ServiceInstance disabled = b.toBuilder().enabled(false).build();
            two.updateService(disabled);
            await().atMost(TestClient.WAIT).pollInterval(POLL)
                    .until(() -> roundRobin.allInstances().contains(disabled)
                            && hashing.allInstances().contains(disabled));
            assertThat(picks(roundRobin, 6)).containsExactlyInAnyOrder("a", "c");
            for (int key = 0; key < 50; key++) {
                String owner = hashing.getInstance("user-" + key).id();
                // Keys of the instances still there stay with them; only b's keys move.
                assertThat(owner).isIn("a", "c");
                if (!owners.get(key).equals("b")) {
                    assertThat(owner).isEqualTo(owners.get(key));
                }
            }

            // The process of instance a goes away: its session ends and its node with it.
            doomed.close();
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() -> roundRobin.allInstances().size() == 2
                    && hashing.allInstances().size() == 2);
            assertThat(picks(roundRobin, 4)).containsExactly("c");
            for (int key = 0; key < 50; key++) {
                String owner = hashing.getInstance("user-" + key).id();
                assertThat(owner).isEqualTo("c");
            }

            roundRobin.noteError(c);
            roundRobin.noteError(c);
            assertThat(roundRobin.getInstance()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void instancesComeBackAfterTheirSessionExpires(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "disc-expiry")) {
            String base = session.path("services");
            CuttableProxy proxy = session.proxy();
            WardenClient client = session.clientThrough(proxy, builder -> builder);
            BlockingClient other = session.client().blocking();
            ServiceDiscovery discovery = session.closeLater(new ServiceDiscovery(client, base));
            ServiceInstance dynamic = instance("api", "dyn", 8081).build();
            ServiceInstance sequential = instance("api", "seq", 8082).serviceType(ServiceType.DYNAMIC_SEQUENTIAL)
                    .build();
            discovery.register(dynamic);
            discovery.register(sequential);
            ServiceDiscovery observer = session.closeLater(new ServiceDiscovery(session.client(), base));
            ServiceCache cache = observer.serviceCache("api").start();
            assertThat(cache.awaitInitialized(TestClient.WAIT)).isTrue();
            assertThat(cache.instances()).containsExactly(dynamic, sequential);
            List<String> sequentialNodes = sequentialNodes(other, base);
            assertThat(sequentialNodes).hasSize(1);
            long oldSession = client.sessionId();

            proxy.cut();
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() -> !client.isConnected());
            try (TestClient thief = TestClient.attach(session.server().connectString(),
                    ClientServers.SESSION_TIMEOUT_MS, oldSession, client.sessionPassword())) {
                thief.barrier();
            }
            assertThat(other.exists(base + "/api/dyn")).isNull();
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() -> cache.instances().isEmpty());

            proxy.restore();
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() -> cache.instances().size() == 2);
            assertThat(cache.instances()).containsExactly(dynamic, sequential);
            assertThat(client.sessionId()).isNotEqualTo(oldSession);
            assertThat(other.exists(base + "/api/dyn").ephemeralOwner()).isEqualTo(client.sessionId());
            List<String> again = sequentialNodes(other, base);
            assertThat(again).hasSize(1).doesNotContainAnyElementsOf(sequentialNodes);
            assertThat(other.exists(base + "/api/" + again.get(0)).ephemeralOwner()).isEqualTo(client.sessionId());
            assertThat(observer.queryForInstances("api")).containsExactly(dynamic, sequential);
        }
    }

    private static List<String> sequentialNodes(BlockingClient client, String base) throws InterruptedException {
        return client.getChildren(base + "/api").names().stream().filter(name -> name.startsWith("seq"))
                .collect(Collectors.toList());
    }
}
