package io.warden.it.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import io.warden.it.client.AgainstBothServers;
import io.warden.it.client.ClientServers;
import io.warden.recipes.discovery.ServiceCache;
import io.warden.recipes.discovery.ServiceDiscovery;
import io.warden.recipes.discovery.ServiceInstance;
import io.warden.recipes.discovery.ServiceType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Warden's service discovery and curator-x-discovery on the same base path, against Warden and
 * Apache ZooKeeper: each sees the other's instances, payloads and URI templates included, and their
 * registrations, updates and removals.
 */
class ServiceDiscoveryCuratorInteropTest extends AgainstBothServers {
    private static final Duration POLL = Duration.ofMillis(10);

    /** A Curator payload class, as an application would have one. */
    public static final class Details {
        public String zone;
        public int weight;

        public Details() {
        }

        public Details(String zone, int weight) {
            this.zone = zone;
            this.weight = weight;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void curatorReadsOurInstancesWithTheirPayloads(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "interop-ours")) {
            String base = session.path("services");
            ServiceDiscovery ours = session.closeLater(new ServiceDiscovery(session.client(), base));
            ServiceInstance pojo = ServiceInstance.builder("api").id("api-1").address("10.0.0.1").port(8080)
                    .sslPort(8443).uriSpec("{scheme}://{address}:{port}/v1")
                    .metadata(Map.of("zone", "eu", "weight", 3)).payloadClass(Details.class.getName()).build();
            ServiceInstance map = ServiceInstance.builder("maps").id("m-1").address("10.0.0.2").port(9090)
                    .metadata(Map.of("zone", "us", "tags", List.of("x", "y"))).build();
            ServiceInstance disabled = ServiceInstance.builder("maps").id("m-2").enabled(false).build();
            ServiceInstance bare = ServiceInstance.builder("maps").id("m-3").serviceType(ServiceType.STATIC).build();
            ours.register(pojo);
            ours.register(map);
            ours.register(disabled);
            ours.register(bare);
            var client = DiscoveryCuratorSide.client(session);
            var withDetails = DiscoveryCuratorSide.discovery(session, client, base, Details.class);
            var withMaps = DiscoveryCuratorSide.discovery(session, client, base, Map.class);

            assertThat(withDetails.queryForNames()).containsExactlyInAnyOrder("api", "maps");
            var read = withDetails.queryForInstance("api", "api-1");
            assertThat(read.getPayload().zone).isEqualTo("eu");
            assertThat(read.getPayload().weight).isEqualTo(3);
            assertThat(read.getAddress()).isEqualTo("10.0.0.1");
            assertThat(read.getPort()).isEqualTo(8080);
            assertThat(read.getSslPort()).isEqualTo(8443);
            assertThat(read.getRegistrationTimeUTC()).isEqualTo(pojo.registrationTimeUtcMs());
            assertThat(read.getServiceType().name()).isEqualTo("DYNAMIC");
            assertThat(read.getUriSpec()).isEqualTo(DiscoveryCuratorSide.uriSpec("{scheme}://{address}:{port}/v1"));
            assertThat(read.buildUriSpec()).isEqualTo(pojo.uri()).isEqualTo("https://10.0.0.1:8080/v1");
            assertThat(read.isEnabled()).isTrue();

            var readMap = withMaps.queryForInstance("maps", "m-1");
            assertThat(readMap.getPayload()).isEqualTo(Map.of("zone", "us", "tags", List.of("x", "y")));
            assertThat(readMap.getPayload().getClass().getName()).isEqualTo("java.util.LinkedHashMap");
            assertThat(withMaps.queryForInstance("maps", "m-2").isEnabled()).isFalse();
            assertThat(withMaps.queryForInstance("maps", "m-3").getPayload()).isNull();
            assertThat(withMaps.queryForInstance("maps", "m-3").getServiceType().name()).isEqualTo("STATIC");

            // Curator's provider leaves out the instance we registered disabled.
            var provider = session.closeLater(withMaps.serviceProviderBuilder().serviceName("maps").build());
            provider.start();
            assertThat(provider.getAllInstances()).extracting(each -> each.getId())
                    .containsExactlyInAnyOrder("m-1", "m-3");

            ours.updateService(map.toBuilder().port(9191).build());
            assertThat(withMaps.queryForInstance("maps", "m-1").getPort()).isEqualTo(9191);
            ours.unregister(map);
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() -> provider.getAllInstances().size() == 1);
            assertThat(withMaps.queryForInstance("maps", "m-1")).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void weReadCuratorsInstancesAndFollowTheirChanges(ServerKind kind) throws Exception {
        try (ClientServers.Session session = servers.session(kind, "interop-theirs")) {
            String base = session.path("services");
            var client = DiscoveryCuratorSide.client(session);
            var theirs = DiscoveryCuratorSide.discovery(session, client, base, Details.class);
            var api1 = DiscoveryCuratorSide.instance("api", "api-1", "10.0.0.1", 8080, 8443, new Details("eu", 3),
                    "{scheme}://{address}:{ssl-port}/x");
            theirs.registerService(api1);
            ServiceDiscovery ours = session.closeLater(new ServiceDiscovery(session.client(), base));

            // Bounded wait, in case Curator's discovery still hears its client's CONNECTED event and
            // registers api-1 again (see DiscoveryCuratorSide.client): its node is briefly missing then.
            ServiceInstance read = await().atMost(TestClient.WAIT).pollInterval(POLL)
                    .until(() -> ours.queryForInstance("api", "api-1"), found -> found != null);
            assertThat(read.name()).isEqualTo("api");
            assertThat(read.address()).isEqualTo("10.0.0.1");
            assertThat(read.port()).isEqualTo(8080);
            assertThat(read.sslPort()).isEqualTo(8443);
            assertThat(read.metadata()).isEqualTo(Map.of("zone", "eu", "weight", 3));
            assertThat(read.payloadClass()).isEqualTo(Details.class.getName());
            assertThat(read.registrationTimeUtcMs()).isEqualTo(api1.getRegistrationTimeUTC());
            assertThat(read.serviceType()).isEqualTo(ServiceType.DYNAMIC);
            assertThat(read.uriSpec()).isEqualTo("{scheme}://{address}:{ssl-port}/x");
            assertThat(read.uri()).isEqualTo(api1.buildUriSpec()).isEqualTo("https://10.0.0.1:8443/x");
            assertThat(read.enabled()).isTrue();

            ServiceCache cache = ours.serviceCache("api").start();
            assertThat(cache.awaitInitialized(TestClient.WAIT)).isTrue();
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() -> cache.instances().equals(List.of(read)));

            var api2 = DiscoveryCuratorSide.<Details>instance("api", "api-2", "10.0.0.2", 8081, null, null, null);
            theirs.registerService(api2);
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() -> cache.instances().size() == 2);
            ServiceInstance second = cache.instances().get(1);
            assertThat(second.id()).isEqualTo("api-2");
            assertThat(second.metadata()).isEmpty();
            assertThat(second.payloadClass()).isNull();
            assertThat(second.uriSpec()).isNull();

            var moved = DiscoveryCuratorSide.instance("api", "api-1", "10.0.0.9", 8080, null, new Details("us", 5),
                    null);
            theirs.updateService(moved);
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() ->
                    "10.0.0.9".equals(cache.instances().get(0).address()));
            assertThat(cache.instances().get(0).metadata()).isEqualTo(Map.of("zone", "us", "weight", 5));

            theirs.unregisterService(api2);
            await().atMost(TestClient.WAIT).pollInterval(POLL).until(() -> cache.instances().size() == 1);

            // What we write back for an instance read from Curator, Curator reads as it wrote it.
            ServiceInstance copy = ours.queryForInstance("api", "api-1").toBuilder().id("api-3").build();
            ours.register(copy);
            var copied = theirs.queryForInstance("api", "api-3");
            assertThat(copied.getPayload().zone).isEqualTo("us");
            assertThat(copied.getPayload().weight).isEqualTo(5);
            assertThat(copied.getAddress()).isEqualTo("10.0.0.9");

            // Curator's process goes away: its instance goes with its session.
            client.close();
            await().atMost(TestClient.WAIT).pollInterval(POLL)
                    .until(() -> cache.instances().stream().map(ServiceInstance::id).toList().equals(List.of("api-3")));
        }
    }
}
