package io.warden.it.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.it.TestClient;
import io.warden.it.client.ClientServers;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceInstanceBuilder;
import org.apache.curator.x.discovery.UriSpec;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;

/**
 * The curator-x-discovery side of the interoperability tests, used exactly as an application would
 * use it (its class names clash with Warden's, so it lives apart from the tests).
 */
final class DiscoveryCuratorSide {
    private DiscoveryCuratorSide() {
    }

    /**
     * A started Curator client of the session's server, closed with the session, returned once its
     * CONNECTED event has been handed to listeners. Curator's service discovery registers its
     * instances again (deleting and re-creating their nodes) when it hears that event; a discovery
     * started after it has passed does not hear it, so its nodes stay as they were first made.
     */
    static CuratorFramework client(ClientServers.Session session) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(session.server().connectString())
                .sessionTimeoutMs(ClientServers.SESSION_TIMEOUT_MS)
                .connectionTimeoutMs((int) TestClient.WAIT.toMillis())
                .retryPolicy(new ExponentialBackoffRetry(50, 5))
                .build();
        session.closeLater(client);
        AtomicBoolean connectedHeard = new AtomicBoolean();
        client.getConnectionStateListenable().addListener((ignored, state) -> {
            if (state == ConnectionState.CONNECTED) {
                connectedHeard.set(true);
            }
        });
        client.start();
        assertThat(client.blockUntilConnected((int) TestClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await("Curator's CONNECTED event").atMost(TestClient.WAIT).until(connectedHeard::get);
        return client;
    }

    /** A started Curator discovery with the JSON serializer of {@code payload}, closed with the session. */
    static <T> ServiceDiscovery<T> discovery(ClientServers.Session session, CuratorFramework client, String base,
            Class<T> payload) throws Exception {
        ServiceDiscovery<T> discovery = ServiceDiscoveryBuilder.builder(payload).client(client).basePath(base)
                .serializer(new JsonInstanceSerializer<>(payload)).build();
        session.closeLater(discovery);
        discovery.start();
        return discovery;
    }

    /** A Curator instance; {@code payload}, {@code sslPort} and {@code uriSpec} may be null. */
    static <T> ServiceInstance<T> instance(String name, String id, String address, int port, Integer sslPort,
            T payload, String uriSpec) throws Exception {
        ServiceInstanceBuilder<T> builder = ServiceInstance.<T>builder().name(name).id(id).address(address).port(port)
                .payload(payload).uriSpec(uriSpec == null ? null : new UriSpec(uriSpec));
        if (sslPort != null) {
            builder.sslPort(sslPort);
        }
        return builder.build();
    }

    /** Curator's parts of a URI template. */
    static UriSpec uriSpec(String template) {
        return new UriSpec(template);
    }
}
