package io.warden.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
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
 */
public final class ReferenceZooKeeper implements TestServer {

    /** The tick time of every reference server; session timeouts are clamped to [2, 20] ticks. */
    public static final int TICK_TIME_MS = 2000;

    private static final String EXTENDED_TYPES = "zookeeper.extendedTypesEnabled";
    private static final String WHITELIST = "zookeeper.4lw.commands.whitelist";
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
    private final String host;
    private final int port;
    private boolean closed;

    private ReferenceZooKeeper(ZooKeeperServer server, ServerCnxnFactory factory, String host, int port) {
        this.server = server;
        this.factory = factory;
        this.host = host;
        this.port = port;
    }

    /** Starts a fresh standalone server whose snapshots and logs go under {@code dataDir}. */
    public static ReferenceZooKeeper start(Path dataDir, ServerOptions options) {
        acquireProperties(options);
        ZooKeeperServer server = null;
        ServerCnxnFactory factory = null;
        try {
            Path snapDir = Files.createDirectories(dataDir.resolve("snap"));
            Path logDir = Files.createDirectories(dataDir.resolve("log"));
            server = new ZooKeeperServer(snapDir.toFile(), logDir.toFile(), TICK_TIME_MS);
            InetAddress loopback = InetAddress.getLoopbackAddress();
            factory = ServerCnxnFactory.createFactory(new InetSocketAddress(loopback, 0), 60);
            factory.startup(server);
            return new ReferenceZooKeeper(server, factory, loopback.getHostAddress(), factory.getLocalPort());
        } catch (IOException e) {
            stopQuietly(server, factory);
            releaseProperties();
            throw new UncheckedIOException("could not start the reference ZooKeeper", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(server, factory);
            releaseProperties();
            throw new IllegalStateException("interrupted while starting the reference ZooKeeper", e);
        } catch (RuntimeException | Error e) {
            stopQuietly(server, factory);
            releaseProperties();
            throw e;
        }
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
            stopQuietly(server, factory);
        } finally {
            releaseProperties();
        }
    }

    @Override
    public String toString() {
        return name() + "@" + connectString();
    }

    private static void stopQuietly(ZooKeeperServer server, ServerCnxnFactory factory) {
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

    private static void setOrClear(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
