package io.warden.storage.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.SyncRequestProcessor;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.SnapStream;

/**
 * A real Apache ZooKeeper 3.9.3 standalone server in this JVM, writing its snapshots and logs under
 * {@code <dir>/version-2}: the producer of the files the importer is tested on. ZooKeeper takes
 * settings from JVM-wide system properties (and the snapshot interval from a static field read
 * once); they are set on start and restored on close, so tests using it must not run in parallel.
 */
final class RealZooKeeper implements AutoCloseable {
    static final int TICK_TIME_MS = 2000;
    private static final int CONNECT_TIMEOUT_SECONDS = 30;

    static {
        // ZooKeeper logs through SLF4J, which has no provider in these tests: keep its notice out of
        // the test output.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    private final Map<String, String> savedProperties;
    private final int savedSnapCount;
    private final ZooKeeperServer server;
    private final ServerCnxnFactory factory;
    private final List<ZooKeeper> clients = new ArrayList<>();
    private boolean stopped;

    private RealZooKeeper(Map<String, String> savedProperties, int savedSnapCount, ZooKeeperServer server,
            ServerCnxnFactory factory) {
        this.savedProperties = savedProperties;
        this.savedSnapCount = savedSnapCount;
        this.server = server;
        this.factory = factory;
    }

    /**
     * Starts a server on a loopback port with its data in {@code dir}.
     *
     * @param snapCount ZooKeeper's {@code snapCount}: a snapshot (and a new log file) after about
     *                  this many transactions; 2, the smallest, means after every second one
     */
    static RealZooKeeper start(Path dir, int snapCount, boolean digestEnabled) {
        return start(dir, snapCount, digestEnabled, SnapStream.StreamMode.CHECKED);
    }

    static RealZooKeeper start(Path dir, int snapCount, boolean digestEnabled, SnapStream.StreamMode streamMode) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("zookeeper.admin.enableServer", "false");
        wanted.put("zookeeper.serverCnxnFactory", "org.apache.zookeeper.server.NIOServerCnxnFactory");
        wanted.put("zookeeper.forceSync", "no");
        wanted.put("zookeeper.extendedTypesEnabled", "true");
        wanted.put("zookeeper.snapCount", Integer.toString(snapCount));
        Map<String, String> saved = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            saved.put(e.getKey(), System.getProperty(e.getKey()));
            System.setProperty(e.getKey(), e.getValue());
        }
        int savedSnapCount = SyncRequestProcessor.getSnapCount();
        boolean savedDigest = ZooKeeperServer.isDigestEnabled();
        // Read once when the class loads, so set it directly as well.
        SyncRequestProcessor.setSnapCount(snapCount);
        ZooKeeperServer.setDigestEnabled(digestEnabled);
        saved.put("#digest", Boolean.toString(savedDigest));
        saved.put("#stream", SnapStream.getStreamMode().name());
        SnapStream.setStreamMode(streamMode);
        ZooKeeperServer server = null;
        ServerCnxnFactory factory = null;
        try {
            Files.createDirectories(dir);
            server = new ZooKeeperServer(dir.toFile(), dir.toFile(), TICK_TIME_MS);
            factory = ServerCnxnFactory.createFactory(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 60);
            factory.startup(server);
            return new RealZooKeeper(saved, savedSnapCount, server, factory);
        } catch (IOException e) {
            stop(server, factory);
            restore(saved, savedSnapCount);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(server, factory);
            restore(saved, savedSnapCount);
            throw new IllegalStateException(e);
        }
    }

    ZooKeeperServer server() {
        return server;
    }

    /** A connected client; closed by {@link #close()} unless the test closes it first. */
    ZooKeeper connect(int sessionTimeoutMs) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        String address = InetAddress.getLoopbackAddress().getHostAddress() + ":" + factory.getLocalPort();
        ZooKeeper client = new ZooKeeper(address, sessionTimeoutMs, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        clients.add(client);
        if (!connected.await(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no connection to the ZooKeeper at " + address);
        }
        return client;
    }

    /** Writes a snapshot of the tree as it is now, and returns its file. */
    Path takeSnapshot() throws IOException {
        return server.takeSnapshot(true).toPath();
    }

    /**
     * Stops the server without closing the sessions of clients still open (they stay in its data,
     * as after a crash or a restart), then closes those clients.
     */
    void stop() throws InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            stop(server, factory);
            for (ZooKeeper client : clients) {
                client.close(0);
            }
        } finally {
            restore(savedProperties, savedSnapCount);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void stop(ZooKeeperServer server, ServerCnxnFactory factory) {
        if (factory != null) {
            factory.shutdown();
        }
        if (server != null) {
            if (server.isRunning()) {
                server.shutdown();
            }
            if (server.getZKDatabase() != null) {
                try {
                    server.getZKDatabase().close();
                } catch (IOException ignored) {
                    // nothing more to release
                }
            }
        }
    }

    private static void restore(Map<String, String> saved, int snapCount) {
        SyncRequestProcessor.setSnapCount(snapCount);
        for (Map.Entry<String, String> e : saved.entrySet()) {
            if (e.getKey().equals("#stream")) {
                SnapStream.setStreamMode(SnapStream.StreamMode.valueOf(e.getValue()));
            } else if (e.getKey().equals("#digest")) {
                ZooKeeperServer.setDigestEnabled(Boolean.parseBoolean(e.getValue()));
            } else if (e.getValue() == null) {
                System.clearProperty(e.getKey());
            } else {
                System.setProperty(e.getKey(), e.getValue());
            }
        }
    }
}
