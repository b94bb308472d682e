package io.warden.it.curator;

import io.warden.it.ServerKind;
import io.warden.it.ServerOptions;
import io.warden.it.TestClient;
import io.warden.it.TempDirs;
import io.warden.it.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server of each selected kind (Warden, and the reference to show that a test is right), shared
 * by the tests of one class, and Curator clients for them. Curator is used exactly as an
 * application would: default settings apart from the retry policy and bounded timeouts. A test
 * class registers it as an extension ({@code @RegisterExtension static final CuratorServers
 * servers = new CuratorServers();}): the servers start in a temporary directory before the class's
 * tests and are stopped, and the directory deleted, after them. Tests take the kinds from
 * {@code @MethodSource(KINDS)}.
 */
final class CuratorServers implements BeforeAllCallback, AfterAllCallback {
    /** The method source of the parameterised tests: the kinds selected. */
    static final String KINDS = "io.warden.it.curator.CuratorServers#kinds";

    static final int SESSION_TIMEOUT_MS = 15_000;
    static final int CONNECTION_TIMEOUT_MS = 10_000;

    private final Map<ServerKind, TestServer> servers = new EnumMap<>(ServerKind.class);
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("warden-curator-");
        try {
            for (ServerKind kind : ServerKind.selected()) {
                servers.put(kind, kind.start(dir.resolve(kind.name().toLowerCase(Locale.ROOT)),
                        ServerOptions.defaults()));
            }
        } catch (RuntimeException | Error e) {
            try {
                afterAll(context);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The server kinds the parameterised tests run on. */
    static List<ServerKind> kinds() {
        return ServerKind.selected();
    }

    /** A place for one test on one server: a base path of its own and clients closed at the end. */
    Session session(ServerKind kind, String name) {
        return new Session(servers.get(kind), "/" + name);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        for (TestServer server : servers.values()) {
            try {
                server.close();
            } catch (RuntimeException ignored) {
                // close the others anyway
            }
        }
        servers.clear();
        TempDirs.delete(dir);
        dir = null;
    }

    /** Curator clients of one test; closing the session closes them all, concurrently. */
    static final class Session implements AutoCloseable {
        private final TestServer server;
        private final String base;
        private final List<AutoCloseable> resources = new ArrayList<>();

        private Session(TestServer server, String base) {
            this.server = server;
            this.base = base;
        }

        /** {@code base + "/" + relative}: the test's own paths. */
        String path(String relative) {
            return base + "/" + relative;
        }

        String base() {
            return base;
        }

        /** A started Curator client, connected (bounded wait). */
        CuratorFramework client() {
            CuratorFramework client = CuratorFrameworkFactory.builder()
                    .connectString(server.connectString())
                    .sessionTimeoutMs(SESSION_TIMEOUT_MS)
                    .connectionTimeoutMs(CONNECTION_TIMEOUT_MS)
                    .retryPolicy(new ExponentialBackoffRetry(50, 5))
                    .build();
            resources.add(client);
            client.start();
            try {
                if (!client.blockUntilConnected((int) TestClient.WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError("Curator did not connect to " + server + " within " + TestClient.WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while connecting", e);
            }
            return client;
        }

        /** Closes {@code resource} (a recipe) before the clients when the session ends. */
        <T extends AutoCloseable> T closeLater(T resource) {
            resources.add(resource);
            return resource;
        }

        @Override
        public void close() {
            // Recipes first, in reverse order, then the clients all at once (each close of the official
            // client spends about 100 ms joining its threads).
            List<Thread> closers = new ArrayList<>();
            for (int i = resources.size() - 1; i >= 0; i--) {
                AutoCloseable resource = resources.get(i);
                if (resource instanceof CuratorFramework) {
                    Thread closer = new Thread(() -> closeQuietly(resource), "curator-close");
                    closer.start();
                    closers.add(closer);
                } else {
                    closeQuietly(resource);
                }
            }
            for (Thread closer : closers) {
                try {
                    closer.join(TestClient.WAIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            resources.clear();
        }

        private static void closeQuietly(AutoCloseable resource) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // keep closing the rest
            }
        }
    }
}
