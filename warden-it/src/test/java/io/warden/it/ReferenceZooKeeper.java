package io.warden.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.server.ContainerManager;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.apache.zookeeper.server.command.FourLetterCommands;

/**
 * Apache ZooKeeper 3.9.3, standalone, started in this JVM on an ephemeral loopback port with its
 * data in a caller-supplied temporary directory: the reference every compatibility scenario is
 * compared against.
 *
 * <p>ZooKeeper reads several settings from system properties, some of them on every request (the
 * extended-types flag), some once and cached (the four-letter-word whitelist). This class sets
 * them when the first reference server starts and restores the previous values when the last one
 * stops; two reference servers with different options cannot run at the same time, which is
 * enforced. Test classes using it must therefore not run in parallel within one JVM (the surefire
 * default).
 *
 * <p>Two settings are read once per JVM, when a ZooKeeper class is first loaded, and cannot follow a
 * test class's options: {@code zookeeper.enforceQuota} and the super digest. warden-it's surefire
 * configuration therefore sets both for the whole test JVM; a server whose options ask for them
 * checks that they are in effect and fails to start otherwise. Quota enforcement is then switched
 * per server: a server started without {@link ServerOptions#enforceQuota()} skips ZooKeeper's
 * quota check entirely, which is exactly what ZooKeeper does when the property is false. The super
 * digest cannot be switched off per server; no scenario authenticates as super unless its options
 * enable it.
 *
 * <p>ZooKeeper's container manager (which deletes empty containers and expired TTL nodes) is
 * started by {@code ZooKeeperServerMain}, not by the server itself; this class starts one the same
 * way, with ZooKeeper's own {@code znode.container.*} properties, when the options give a check
 * interval. Without one, no container or TTL node is ever deleted by the reference, so scenarios on
 * shared servers never see a background deletion use up a zxid.
 */
public final class ReferenceZooKeeper implements TestServer {

    /** The tick time of every reference server; session timeouts are clamped to [2, 20] ticks. */
    public static final int TICK_TIME_MS = 2000;

    private static final String EXTENDED_TYPES = "zookeeper.extendedTypesEnabled";
    private static final String WHITELIST = "zookeeper.4lw.commands.whitelist";
    private static final String ENFORCE_QUOTA = "zookeeper.enforceQuota";
    private static final String SUPER_DIGEST = "zookeeper.DigestAuthenticationProvider.superDigest";
    private static final String CONTAINER_CHECK_INTERVAL = "znode.container.checkIntervalMs";
    private static final String CONTAINER_MAX_PER_MINUTE = "znode.container.maxPerMinute";
    private static final String CONTAINER_MAX_NEVER_USED = "znode.container.maxNeverUsedIntervalMs";
    private static final Map<String, String> FIXED_PROPERTIES = Map.of(
            "zookeeper.admin.enableServer", "false",
            "zookeeper.serverCnxnFactory", "org.apache.zookeeper.server.NIOServerCnxnFactory",
            // Durability is not under test here, and skipping fsync keeps the suite fast.
            "zookeeper.forceSync", "no");

    private static final Object LOCK = new Object();
    private static int running;
    private static ServerOptions activeOptions;
    private static Map<String, String> savedProperties;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory factory;
    private final ContainerManager containerManager;
    private final String host;
    private final int port;
    private boolean closed;

    private ReferenceZooKeeper(ZooKeeperServer server, ServerCnxnFactory factory, ContainerManager containerManager,
            String host, int port) {
        this.server = server;
        this.factory = factory;
        this.containerManager = containerManager;
        this.host = host;
        this.port = port;
    }

    /** Starts a fresh standalone server whose snapshots and logs go under {@code dataDir}. */
    public static ReferenceZooKeeper start(Path dataDir, ServerOptions options) {
        acquireProperties(options);
        ReferenceServer server = null;
        ServerCnxnFactory factory = null;
        ContainerManager containerManager = null;
        try {
            checkOncePerJvmSettings(options);
            Path snapDir = Files.createDirectories(dataDir.resolve("snap"));
            Path logDir = Files.createDirectories(dataDir.resolve("log"));
            server = new ReferenceServer(snapDir.toFile(), logDir.toFile(), options.enforceQuota());
            InetAddress loopback = InetAddress.getLoopbackAddress();
            factory = ServerCnxnFactory.createFactory(new InetSocketAddress(loopback, 0), 60);
            factory.startup(server);
            if (options.containerCheckIntervalMs() > 0) {
                // As ZooKeeperServerMain does, from the same properties.
                containerManager = new ContainerManager(server.getZKDatabase(), server.firstProcessor(),
                        Integer.getInteger(CONTAINER_CHECK_INTERVAL, 60_000),
                        Integer.getInteger(CONTAINER_MAX_PER_MINUTE, 10_000),
                        Long.getLong(CONTAINER_MAX_NEVER_USED, 0));
                containerManager.start();
            }
            return new ReferenceZooKeeper(server, factory, containerManager, loopback.getHostAddress(),
                    factory.getLocalPort());
        } catch (IOException e) {
            stopQuietly(containerManager, server, factory);
            releaseProperties();
            throw new UncheckedIOException("could not start the reference ZooKeeper", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(containerManager, server, factory);
            releaseProperties();
            throw new IllegalStateException("interrupted while starting the reference ZooKeeper", e);
        } catch (RuntimeException | Error e) {
            stopQuietly(containerManager, server, factory);
            releaseProperties();
            throw e;
        }
    }

    /** The running ZooKeeper server, for attaching its AdminServer in the AdminServer differential test. */
    ZooKeeperServer zooKeeperServer() {
        return server;
    }

    @Override
    public String name() {
        return "zookeeper-3.9.3";
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int clientPort() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopQuietly(containerManager, server, factory);
        } finally {
            releaseProperties();
        }
    }

    @Override
    public String toString() {
        return name() + "@" + connectString();
    }

    private static void stopQuietly(ContainerManager containerManager, ZooKeeperServer server,
            ServerCnxnFactory factory) {
        if (containerManager != null) {
            containerManager.stop();
        }
        if (factory != null) {
            factory.shutdown();
        }
        if (server != null && server.isRunning()) {
            server.shutdown();
        }
        if (server != null && server.getZKDatabase() != null) {
            try {
                server.getZKDatabase().close();
            } catch (IOException ignored) {
                // the directory is temporary; nothing else to do
            }
        }
    }

    private static void acquireProperties(ServerOptions options) {
        synchronized (LOCK) {
            if (running > 0) {
                if (!activeOptions.equals(options)) {
                    throw new IllegalStateException("a reference ZooKeeper with options " + activeOptions
                            + " is running; cannot start one with " + options + " in the same JVM");
                }
                running++;
                return;
            }
            Map<String, String> wanted = new LinkedHashMap<>(FIXED_PROPERTIES);
            wanted.put(EXTENDED_TYPES, Boolean.toString(options.extendedTypesEnabled()));
            wanted.put(WHITELIST, options.fourLetterWordWhitelist());
            if (options.enforceQuota()) {
                wanted.put(ENFORCE_QUOTA, "true");
            }
            if (options.superDigest() != null) {
                wanted.put(SUPER_DIGEST, options.superDigest());
            }
            if (options.containerCheckIntervalMs() > 0) {
                wanted.put(CONTAINER_CHECK_INTERVAL, Integer.toString(options.containerCheckIntervalMs()));
            }
            Map<String, String> saved = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                saved.put(e.getKey(), System.getProperty(e.getKey()));
                setOrClear(e.getKey(), e.getValue());
            }
            savedProperties = saved;
            activeOptions = options;
            running = 1;
            // The whitelist is read once and cached; make it see the value just set.
            FourLetterCommands.resetWhiteList();
        }
    }

    private static void releaseProperties() {
        synchronized (LOCK) {
            if (running == 0) {
                return;
            }
            running--;
            if (running > 0) {
                return;
            }
            savedProperties.forEach(ReferenceZooKeeper::setOrClear);
            savedProperties = null;
            activeOptions = null;
            FourLetterCommands.resetWhiteList();
        }
    }

    /**
     * Fails unless the settings ZooKeeper reads once per JVM have the values {@code options} ask for.
     * They were read from the system properties when the classes were loaded, possibly before this
     * test class set them; warden-it's surefire configuration sets them for the whole JVM.
     */
    private static void checkOncePerJvmSettings(ServerOptions options) {
        if (options.enforceQuota() && !ZooKeeperServer.enforceQuota) {
            throw new IllegalStateException("the reference ZooKeeper reads " + ENFORCE_QUOTA + " once per JVM and it"
                    + " was false: run the test JVM with -D" + ENFORCE_QUOTA + "=true (warden-it's pom does)");
        }
        if (options.superDigest() != null && !options.superDigest().equals(effectiveSuperDigest())) {
            throw new IllegalStateException("the reference ZooKeeper reads " + SUPER_DIGEST + " once per JVM and it"
                    + " was " + effectiveSuperDigest() + ": run the test JVM with -D" + SUPER_DIGEST + "="
                    + options.superDigest() + " (warden-it's pom does)");
        }
    }

    private static String effectiveSuperDigest() {
        try {
            Field field = DigestAuthenticationProvider.class.getDeclaredField("superDigest");
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the reference's super digest", e);
        }
    }

    /**
     * The standalone server with two additions: its first request processor is reachable (for the
     * container manager), and its quota check runs only when this server's options enforce quotas.
     */
    private static final class ReferenceServer extends ZooKeeperServer {
        private final boolean enforceQuota;

        ReferenceServer(java.io.File snapDir, java.io.File logDir, boolean enforceQuota) throws IOException {
            super(snapDir, logDir, TICK_TIME_MS);
            this.enforceQuota = enforceQuota;
        }

        org.apache.zookeeper.server.RequestProcessor firstProcessor() {
            return Objects.requireNonNull(firstProcessor, "the server has not started");
        }

        @Override
        public void checkQuota(String path, byte[] lastData, byte[] data, int type)
                throws KeeperException.QuotaExceededException {
            if (enforceQuota) {
                super.checkQuota(path, lastData, data, type);
            }
        }
    }

    private static void setOrClear(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
