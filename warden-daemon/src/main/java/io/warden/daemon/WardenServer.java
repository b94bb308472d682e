package io.warden.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.common.Clock;
import io.warden.daemon.config.ServerConfig;
import io.warden.server.CoreConfig;
import io.warden.server.ServerCore;
import io.warden.server.ServerEnvironment;
import io.warden.server.ServerInput;
import io.warden.tree.TreeOptions;
import io.warden.transport.ClientPort;

/**
 * A running standalone server: the client port, the driver loop that owns the core, and the log.
 * {@link #start} returns once clients can connect.
 */
public final class WardenServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WardenServer.class);
    /** The most inputs waiting for the driver before the transport stops reading. */
    static final int INBOUND_QUEUE_MAX = 10_000;
    /** The server id of a standalone server, as in ZooKeeper. */
    private static final long STANDALONE_SERVER_ID = 1;

    private final ClientPort clientPort;
    private final DriverLoop driver;
    private final Thread driverThread;
    private final TxnLog log;

    private WardenServer(ClientPort clientPort, DriverLoop driver, Thread driverThread, TxnLog log) {
        this.clientPort = clientPort;
        this.driver = driver;
        this.driverThread = driverThread;
        this.log = log;
    }

    /** Starts a standalone server with this configuration and the given super-user digest. */
    public static WardenServer start(ServerConfig config) throws IOException {
        return start(config, null);
    }

    /**
     * Starts a standalone server.
     *
     * @param superDigest {@code super:<base64 sha1>}, the identity that passes every ACL, or null
     */
    public static WardenServer start(ServerConfig config, String superDigest) throws IOException {
        Files.createDirectories(config.dataDir());
        Clock clock = Clock.system();
        long startMs = clock.nowMs();
        CoreConfig coreConfig = coreConfig(config, superDigest);
        ServerEnvironment environment = Environment.describe(config, STANDALONE_SERVER_ID);
        ServerCore core = new ServerCore(coreConfig, environment, startMs);
        BlockingQueue<ServerInput> inbound = new ArrayBlockingQueue<>(INBOUND_QUEUE_MAX);
        TxnLog log = new VolatileTxnLog();
        DriverLoop driver = new DriverLoop(core, inbound, log, clock, Math.max(1, config.tickTimeMs() / 2));
        String host = config.clientPortAddress() == null ? "0.0.0.0" : config.clientPortAddress();
        ClientPort port;
        try {
            port = new ClientPort(new InetSocketAddress(host, config.clientPort()), config.juteMaxBufferBytes(),
                    Math.max(1, Runtime.getRuntime().availableProcessors()), input -> put(inbound, input));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding the client port", e);
        }
        driver.attach(port);
        Thread thread = new Thread(driver, "warden-driver");
        thread.start();
        LOG.info("Warden serving clients on {}:{}", host, port.port());
        return new WardenServer(port, driver, thread, log);
    }

    private static void put(BlockingQueue<ServerInput> inbound, ServerInput input) {
        try {
            inbound.put(input);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static CoreConfig coreConfig(ServerConfig config, String superDigest) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new CoreConfig(STANDALONE_SERVER_ID, config.tickTimeMs(), config.effectiveMinSessionTimeoutMs(),
                config.effectiveMaxSessionTimeoutMs(), config.maxClientCnxns(), config.fourLetterWords(),
                new TreeOptions(config.extendedTypesEnabled(), config.enforceQuota()), superDigest, secret,
                config.reconfigEnabled(), Math.max(1, config.globalOutstandingLimit()),
                new CoreConfig.ReaperSettings(config.containerCheckIntervalMs(), config.containerMaxPerMinute(),
                        config.containerMaxNeverUsedIntervalMs()));
    }

    /** The port clients connect to (the bound one when the configuration asked for port 0). */
    public int clientPort() {
        return clientPort.port();
    }

    @Override
    public void close() {
        clientPort.close();
        driver.stop();
        try {
            driverThread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }
}
