package io.warden.it.curator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.it.ServerKind;
import io.warden.it.TestClient;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceProvider;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** curator-x-discovery: registering, querying and unregistering instances, and losing one with its session. */
class CuratorServiceDiscoveryTest {

    private static final Duration POLL = Duration.ofMillis(10);

    @RegisterExtension
    static final CuratorServers servers = new CuratorServers();

    /** An instance payload, serialised as JSON by Curator. */
    public static final class Details {
        public String zone;

        public Details() {
        }

        Details(String zone) {
            this.zone = zone;
        }
    }

    private static ServiceDiscovery<Details> discovery(CuratorFramework client, String base,
            ServiceInstance<Details> self) throws Exception {
        ServiceDiscoveryBuilder<Details> builder = ServiceDiscoveryBuilder.builder(Details.class).client(client)
                .basePath(base).serializer(new JsonInstanceSerializer<>(Details.class));
        if (self != null) {
            builder.thisInstance(self);
        }
        return builder.build();
    }

    private static ServiceInstance<Details> instance(String name, String id, int port, String zone) throws Exception {
        return ServiceInstance.<Details>builder().name(name).id(id).address("10.0.0." + port % 250).port(port)
                .payload(new Details(zone)).build();
    }

    private static Set<String> ids(ServiceDiscovery<Details> discovery, String name) throws Exception {
        return discovery.queryForInstances(name).stream().map(ServiceInstance::getId).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CuratorServers.KINDS)
    void registerQueryUnregisterAndLoseAnInstanceWithItsSession(ServerKind kind) throws Exception {
        try (CuratorServers.Session s = servers.session(kind, "discovery")) {
            String base = s.path("services");
            CuratorFramework first = s.client();
            // Never closed: its client goes away below without unregistering, as a crashed process would.
            ServiceDiscovery<Details> one = discovery(first, base, instance("api", "api-1", 8081, "eu"));
            one.start();
            ServiceDiscovery<Details> two = s.closeLater(discovery(s.client(), base, instance("api", "api-2", 8082,
                    "us")));
            two.start();
            two.registerService(instance("db", "db-1", 5432, "eu"));
            ServiceDiscovery<Details> query = s.closeLater(discovery(s.client(), base, null));
            query.start();

            assertThat(query.queryForNames()).containsExactlyInAnyOrder("api", "db");
            assertThat(ids(query, "api")).containsExactlyInAnyOrder("api-1", "api-2");
            ServiceInstance<Details> api1 = query.queryForInstance("api", "api-1");
            assertThat(api1.getAddress()).isEqualTo("10.0.0.81");
            assertThat(api1.getPort()).isEqualTo(8081);
            assertThat(api1.getPayload().zone).isEqualTo("eu");
            assertThat(query.queryForInstance("api", "nope")).isNull();

            ServiceProvider<Details> provider = s.closeLater(query.serviceProviderBuilder().serviceName("db").build());
            provider.start();
            assertThat(provider.getInstance().getId()).isEqualTo("db-1");

            two.unregisterService(query.queryForInstance("api", "api-2"));
            assertThat(ids(query, "api")).containsExactly("api-1");

            // The first instance's process dies: its session closes and the server removes the instance.
            first.close();
            await("api-1 gone with its session").atMost(TestClient.WAIT).pollInterval(POLL)
                    .until(() -> ids(query, "api").isEmpty());
            assertThat(ids(query, "db")).containsExactly("db-1");
            two.unregisterService(query.queryForInstance("db", "db-1"));
            assertThat(ids(query, "db")).isEmpty();
        }
    }
}
