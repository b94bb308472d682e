package io.warden.it.client;

import io.warden.client.WardenClient;
import io.warden.it.CuttableProxy;
import io.warden.it.ServerKind;
import io.warden.it.ServerOptions;
import io.warden.it.TestClient;
import io.warden.it.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * One server of each selected kind (Warden, and the reference Apache ZooKeeper to show that a test
 * is right), shared by the tests of one class, and Warden clients for them. Each test works under
 * a base path of its own, so tests of a class do not see each other's nodes.
 */
public final class ClientServers implements AutoCloseable {
    /** The session timeout clients ask for; the servers (tickTime 2000) allow 4 000 to 40 000. */
    public static final int SESSION_TIMEOUT_MS = 10_000;

    private final Map<ServerKind, TestServer> servers = new EnumMap<>(ServerKind.class);

    private ClientServers() {
    }

    public static ClientServers start(Path dir) {
        return start(dir, ServerOptions.defaults());
    }

    public static ClientServers start(Path dir, ServerOptions options) {
        ClientServers started = new ClientServers();
        try {
            for (ServerKind kind : ServerKind.selected()) {
                started.servers.put(kind, kind.start(dir.resolve(kind.name().toLowerCase(Locale.ROOT)), options));
            }
        } catch (RuntimeException | Error e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** The server kinds the parameterised tests run on. */
    public static List<ServerKind> kinds() {
        return ServerKind.selected();
    }

    public TestServer server(ServerKind kind) {
        return servers.get(kind);
    }

    /** A place for one test on one server: a base path of its own and clients closed at the end. */
    public Session session(ServerKind kind, String name) {
        return new Session(servers.get(kind), "/" + name);
    }

    @Override
    public void close() {
        for (TestServer server : servers.values()) {
            try {
                server.close();
            } catch (RuntimeException ignored) {
                // close the others anyway
            }
        }
        servers.clear();
    }

    /** The clients, proxies and recipes of one test; closing the session closes them, newest first. */
    public static final class Session implements AutoCloseable {
        private final TestServer server;
        private final String base;
        private final List<AutoCloseable> resources = new ArrayList<>();

        private Session(TestServer server, String base) {
            this.server = server;
            this.base = base;
        }

        public TestServer server() {
            return server;
        }

        /** {@code base + "/" + relative}: the test's own paths. */
        public String path(String relative) {
            return base + "/" + relative;
        }

        public String base() {
            return base;
        }

        /** A connected client with the test settings. */
        public WardenClient client() {
            return client(UnaryOperator.identity());
        }

        /** A connected client with the test settings, changed by {@code settings}. */
        public WardenClient client(UnaryOperator<WardenClient.Builder> settings) {
            return connected(settings.apply(builder(server.connectString())));
        }

        /** A connected client whose connections go through {@code proxy}. */
        public WardenClient clientThrough(CuttableProxy proxy, UnaryOperator<WardenClient.Builder> settings) {
            return connected(settings.apply(builder(proxy.connectString())));
        }

        /** A started Curator client of this server, connected (bounded wait), closed with the session. */
        public CuratorFramework curator() throws InterruptedException {
            CuratorFramework curator = closeLater(CuratorFrameworkFactory.builder()
                    .connectString(server.connectString())
                    .sessionTimeoutMs(SESSION_TIMEOUT_MS)
                    .connectionTimeoutMs((int) TestClient.WAIT.toMillis())
                    .retryPolicy(new ExponentialBackoffRetry(50, 5))
                    .build());
            curator.start();
            if (!curator.blockUntilConnected((int) TestClient.WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("Curator did not connect to " + server + " within " + TestClient.WAIT);
            }
            return curator;
        }

        /** A proxy in front of this server, closed with the session. */
        public CuttableProxy proxy() {
            return closeLater(CuttableProxy.start(server));
        }

        /** The test settings: short timeouts, quick reconnects. */
        public static WardenClient.Builder builder(String connectString) {
            return WardenClient.builder(connectString)
                    .sessionTimeoutMs(SESSION_TIMEOUT_MS)
                    .connectionTimeoutMs(TestClient.WAIT.toMillis())
                    .reconnectBackoffMaxMs(100);
        }

        private WardenClient connected(WardenClient.Builder builder) {
            WardenClient client = closeLater(builder.build());
            try {
                if (!client.blocking().awaitConnected(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the client did not connect to " + server + " within " + TestClient.WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while connecting", e);
            }
            return client;
        }

        /** Closes {@code resource} when the session ends, before what was registered earlier. */
        public <T extends AutoCloseable> T closeLater(T resource) {
            resources.add(resource);
            return resource;
        }

        @Override
        public void close() {
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception ignored) {
                    // keep closing the rest
                }
            }
            resources.clear();
        }
    }
}
