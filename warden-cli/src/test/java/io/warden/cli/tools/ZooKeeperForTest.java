package io.warden.cli.tools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import org.apache.zookeeper.server.ZooKeeperServer;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * A real Apache ZooKeeper 3.9.3 standalone server in this JVM, its files in
 * {@code <dir>/version-2}. The system properties it reads are set on start and restored on
 * {@link #stop()}; clients still open then keep their sessions in its data.
 */
final class ZooKeeperForTest implements AutoCloseable {
    static final String ALICE = "alice:secret";
    private static final Map<String, String> PROPERTIES = Map.of(
            "zookeeper.admin.enableServer", "false",
            "zookeeper.serverCnxnFactory", "org.apache.zookeeper.server.NIOServerCnxnFactory",
            "zookeeper.forceSync", "no",
            "zookeeper.extendedTypesEnabled", "true");

    static {
        // ZooKeeper's threads log at INFO until well after it stops; keep that out of the test output
        // for the rest of this test JVM (only these tests run ZooKeeper).
        ((Logger) LoggerFactory.getLogger("org.apache.zookeeper")).setLevel(Level.ERROR);
    }

    private final Map<String, String> saved = new LinkedHashMap<>();
    private final List<ZooKeeper> clients = new ArrayList<>();
    private ZooKeeperServer server;
    private ServerCnxnFactory factory;
    private boolean stopped;

    ZooKeeperForTest(Path dir) throws IOException, InterruptedException {
        for (Map.Entry<String, String> e : PROPERTIES.entrySet()) {
            saved.put(e.getKey(), System.getProperty(e.getKey()));
            System.setProperty(e.getKey(), e.getValue());
        }
        try {
            server = new ZooKeeperServer(dir.toFile(), dir.toFile(), 2000);
            factory = ServerCnxnFactory.createFactory(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 60);
            factory.startup(server);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    String address() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + factory.getLocalPort();
    }

    /** A client authenticated as alice, connected to {@code address}. */
    static ZooKeeper connect(String address, List<ZooKeeper> opened) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(address, 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        opened.add(client);
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no connection to " + address);
        }
        client.addAuthInfo("digest", ALICE.getBytes(StandardCharsets.UTF_8));
        return client;
    }

    ZooKeeper connect() throws IOException, InterruptedException {
        return connect(address(), clients);
    }

    void takeSnapshot() throws IOException {
        server.takeSnapshot(true);
    }

    long lastZxid() {
        return server.getZKDatabase().getDataTreeLastProcessedZxid();
    }

    Map<Long, Integer> sessions() {
        return new LinkedHashMap<>(server.getZKDatabase().getSessionWithTimeOuts());
    }

    void stop() throws InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
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
                        // the directory is temporary
                    }
                }
            }
            for (ZooKeeper client : clients) {
                client.close(0);
            }
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
