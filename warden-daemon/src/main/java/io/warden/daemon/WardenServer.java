package io.warden.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.common.Clock;
import io.warden.common.RandomSource;
import io.warden.common.Zxid;
import io.warden.daemon.admin.AdminServer;
import io.warden.daemon.admin.AdminStorage;
import io.warden.daemon.config.ClientBounds;
import io.warden.daemon.config.PlantedBug;
import io.warden.daemon.config.ServerConfig;
import io.warden.server.ConnectionLimits;
import io.warden.server.CoreConfig;
import io.warden.server.ServerCore;
import io.warden.server.ServerEnvironment;
import io.warden.storage.CorruptDataException;
import io.warden.storage.DataFiles;
import io.warden.storage.DirectoryFileStore;
import io.warden.storage.Recovery;
import io.warden.storage.SessionSecret;
import io.warden.storage.TxnLogWriter;
import io.warden.transport.ClientPort;
import io.warden.transport.NettyTransport;
import io.warden.transport.TransportLimits;
import io.warden.tree.TreeOptions;
import io.warden.tree.Txn;

import com.sun.management.UnixOperatingSystemMXBean;

/**
 * A running standalone server: recovery from the data directories, the disk and snapshot threads,
 * the driver loop that owns the core, and the client port. {@link #start} returns once clients
 * can connect.
 */
public final class WardenServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WardenServer.class);
    /** Open files kept for the server's own use (log segments, snapshots, peers) below the process's limit. */
    static final int FILE_DESCRIPTORS_RESERVED = 256;
    /** The connection bound when the process's open-file limit cannot be read. */
    static final int MAX_CONNECTIONS_FALLBACK = 10_000;
    /** The most proposals waiting for the disk before proposing waits. */
    static final int DISK_QUEUE_MAX = 10_000;
    /** A log segment is closed and a new one started past this size. */
    static final long SEGMENT_BYTES_MAX = 64L * 1024 * 1024;
    /** The server id of a standalone server, as in ZooKeeper. */
    private static final long STANDALONE_SERVER_ID = 1;

    private final ClientPort clientPort;
    private final DaemonMetrics metrics;
    /** The HTTP AdminServer, or null when it is not enabled. */
    private final AdminServer admin;
    /** What {@link #close} stops, in order. */
    private final List<AutoCloseable> stopSteps;
    private final AtomicBoolean closed = new AtomicBoolean();

    WardenServer(ClientPort clientPort, DaemonMetrics metrics, AdminServer admin, List<AutoCloseable> stopSteps) {
        this.clientPort = clientPort;
        this.metrics = metrics;
        this.admin = admin;
        List<AutoCloseable> steps = new java.util.ArrayList<>();
        if (admin != null) {
            steps.add(admin);
        }
        steps.addAll(stopSteps);
        this.stopSteps = List.copyOf(steps);
    }

    /**
     * Starts a standalone server with this configuration; a fatal error is logged and stops the
     * server (see {@link #start(ServerConfig, String, FatalErrorHandler)}).
     */
    public static WardenServer start(ServerConfig config) throws IOException {
        return start(config, null);
    }

    /** Starts a standalone server; a fatal error is logged and stops the server, leaving the process running. */
    public static WardenServer start(ServerConfig config, String superDigest) throws IOException {
        return start(config, superDigest, null);
    }

    /**
     * Starts a server, first recovering what its data directories hold: standalone, or a member of
     * the ensemble the configuration's {@code server.N} lines describe (see {@link EnsembleMember}).
     *
     * @param superDigest {@code super:<base64 sha1>}, the identity that passes every ACL, or null
     * @param onFatal     what to do when the server cannot go on (the disk failed, the driver loop
     *                    failed); {@code null} logs the error and stops the server. Either way
     *                    nothing more is acknowledged.
     * @throws IOException when the data cannot be read or trusted; the message names the file
     */
    public static WardenServer start(ServerConfig config, String superDigest, FatalErrorHandler onFatal)
            throws IOException {
        UnimportedDataCheck.check(config);
        if (!config.standalone()) {
            return EnsembleMember.start(config, superDigest, onFatal);
        }
        if (config.plantedBug() != PlantedBug.NONE) {
            LOG.warn(PlantedBugWarning.text(config.plantedBug(), "it does nothing on a standalone server"));
        }
        Clock clock = Clock.system();
        RandomSource random = RandomSource.seeded(new SecureRandom().nextLong());
        DirectoryFileStore snapshots = new DirectoryFileStore(config.dataDir().resolve(DataFiles.SUBDIRECTORY));
        DirectoryFileStore logs = new DirectoryFileStore(config.dataLogDir().resolve(DataFiles.SUBDIRECTORY));
        int recordBytesMax = recordBytesMax(config);
        String host = config.clientPortAddress() == null ? "0.0.0.0" : config.clientPortAddress();
        // Unbounded as a queue, bounded by what feeds it: per connection at most
        // TransportLimits.IN_TRANSIT_FRAMES_MAX frames, one written-frames report, an open and a close.
        BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
        EarlyOpening opening = EarlyOpening.start(config, host, transportLimits(config), inbound::add);
        CoreConfig coreConfig;
        Recovery.Recovered recovered;
        try {
            coreConfig = coreConfig(config, STANDALONE_SERVER_ID, superDigest,
                    SessionSecret.loadOrCreate(snapshots, random, LOG::warn));
            recovered = Recovery.recover(snapshots, logs, coreConfig.treeOptions(), recordBytesMax, LOG::warn);
        } catch (CorruptDataException e) {
            opening.abandon();
            throw new IOException("cannot start: corrupt data in " + e.getMessage(), e);
        } catch (IOException | RuntimeException | Error e) {
            opening.abandon();
            throw e;
        }
        long lastZxid = recovered.tree().lastZxid();
        LOG.info("recovered {} nodes and {} sessions up to zxid {} (snapshot {} loaded in {} ms, {} logged transactions"
                + " replayed in {} ms{})", recovered.tree().nodeCount(), recovered.tree().sessions().size(),
                Zxid.toHex(lastZxid), Zxid.toHex(recovered.snapshotZxid()), recovered.snapshotLoadMs(),
                recovered.replayed(), recovered.logReplayMs(),
                recovered.truncatedTornTail() ? ", the log cut where a crash tore a write that was never synced" : "");

        long startMs = clock.nowMs();
        EarlyOpening.Opened opened = opening.await();
        DaemonMetrics metrics = opened.metrics();
        ClientPort port = opened.port();
        Fatal fatal = new Fatal(onFatal);
        DiskWriter<Txn> disk;
        Snapshotter snapshotter;
        DriverLoop driver;
        AdminServer admin;
        try {
            ServerEnvironment environment = Environment.describe(config, STANDALONE_SERVER_ID, metrics.metrics);
            ServerCore core = new ServerCore(coreConfig, environment, startMs, recovered.tree());
            TxnLogWriter logWriter = new TxnLogWriter(logs, config.preAllocSizeKiB() * 1024, SEGMENT_BYTES_MAX,
                    config.forceSync(), recordBytesMax, lastZxid);
            disk = DiskWriter.forTransactions(logWriter, DISK_QUEUE_MAX, lastZxid,
                    () -> inbound.offer(DriverLoop.WAKE_UP),
                    cause -> fatal.fatal("the transaction log failed; nothing more can be acknowledged", cause));
            snapshotter = new Snapshotter(snapshots, logs, config.snapRetainCount(),
                    TimeUnit.HOURS.toMillis(config.purgeIntervalHours()), clock);
            metrics.measure(disk, snapshotter);
            driver = new DriverLoop(core, inbound, disk, snapshotter, clock,
                    Math.max(1, config.tickTimeMs() / 2), config.snapCount(), random, fatal,
                    (tree, nowMs) -> new ServerCore(coreConfig, environment, nowMs, tree), snapshots);
            metrics.start();
            admin = AdminServer.startIfEnabled(config, inbound::add, port,
                    new AdminStorage(snapshots, coreConfig.treeOptions(), recordBytesMax, true));
        } catch (IOException | RuntimeException | Error e) {
            opened.close();
            throw e;
        } catch (Exception e) { // a checked exception Netty throws undeclared when binding the AdminServer
            opened.close();
            throw new IOException("cannot bind: " + e.getMessage(), e);
        }
        disk.start();
        snapshotter.start();
        driver.attach(port);
        Thread thread = new Thread(driver, "warden-driver");
        thread.start();
        port.startAccepting();
        WardenServer server = new WardenServer(port, metrics, admin, List.of(stopping(driver::stop, thread), port::close,
                metrics, snapshotter, disk));
        fatal.server = server;
        LOG.info("Warden serving clients on {}:{} (Netty {})", host, port.port(), NettyTransport.name());
        return server;
    }

    /**
     * The fatal-error path of one server: passes the first error on to the caller's handler, or,
     * without one, logs it and stops the server on a thread of its own (the caller may be the
     * driver thread, which stopping the server waits for).
     */
    static final class Fatal implements FatalErrorHandler {
        private final FatalErrorHandler handler;
        private final AtomicBoolean happened = new AtomicBoolean();
        volatile WardenServer server;

        Fatal(FatalErrorHandler handler) {
            this.handler = handler;
        }

        @Override
        public void fatal(String reason, Throwable cause) {
            if (!happened.compareAndSet(false, true)) {
                return;
            }
            if (handler != null) {
                handler.fatal(reason, cause);
                return;
            }
            LOG.error("{}; the server stops", reason, cause);
            WardenServer target = server;
            if (target != null) {
                new Thread(target::close, "warden-stop").start();
            }
        }
    }

    static int recordBytesMax(ServerConfig config) {
        return (int) Math.min(Integer.MAX_VALUE - 1024, 4L * Math.max(config.juteMaxBufferBytes(), 1 << 20));
    }

    static CoreConfig coreConfig(ServerConfig config, long serverId, String superDigest, byte[] sessionSecret) {
        return new CoreConfig(serverId, config.tickTimeMs(), config.effectiveMinSessionTimeoutMs(),
                config.effectiveMaxSessionTimeoutMs(), config.maxClientCnxns(), config.fourLetterWords(),
                new TreeOptions(config.extendedTypesEnabled(), config.enforceQuota()), superDigest, sessionSecret,
                config.reconfigEnabled(), connectionLimits(config),
                new CoreConfig.ReaperSettings(config.containerCheckIntervalMs(), config.containerMaxPerMinute(),
                        config.containerMaxNeverUsedIntervalMs()));
    }

    /** What one connection may hold, with the bounds left at 0 in the configuration derived. */
    static ConnectionLimits connectionLimits(ServerConfig config) {
        ClientBounds bounds = config.clientBounds();
        return ConnectionLimits.DEFAULTS
                .withOutstandingMax(Math.max(1, config.globalOutstandingLimit()))
                .withOutstandingBytesMax(outstandingBytesPerConnectionMax(config), globalOutstandingBytesMax(config))
                .withWatchesMax(bounds.watchesPerConnectionMax());
    }

    static TransportLimits transportLimits(ServerConfig config) {
        ClientBounds bounds = config.clientBounds();
        return new TransportLimits(config.juteMaxBufferBytes(), bounds.handshakeTimeoutMs(), bounds.frameTimeoutMs(),
                maxConnections(bounds.maxCnxns()), globalOutstandingBytesMax(config));
    }

    private static long outstandingBytesPerConnectionMax(ServerConfig config) {
        long configured = config.clientBounds().outstandingBytesPerConnectionMax();
        return configured > 0 ? configured : Math.max(ConnectionLimits.OUTSTANDING_BYTES_MAX_DEFAULT,
                4L * config.juteMaxBufferBytes());
    }

    private static long globalOutstandingBytesMax(ServerConfig config) {
        long configured = config.clientBounds().globalOutstandingBytesMax();
        if (configured > 0) {
            return configured;
        }
        return OutstandingBytesDefault.forThisJvm(outstandingBytesPerConnectionMax(config));
    }

    /**
     * {@code maxCnxns}, kept under the open-file limit so that the server always has files for its
     * log and snapshots; 0 means as many as that limit allows.
     */
    private static int maxConnections(int maxCnxns) {
        long fileLimit = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            fileLimit = unix.getMaxFileDescriptorCount();
        }
        long allowed = fileLimit > FILE_DESCRIPTORS_RESERVED ? fileLimit - FILE_DESCRIPTORS_RESERVED
                : fileLimit > 0 ? Math.max(1, fileLimit / 2) : MAX_CONNECTIONS_FALLBACK;
        if (maxCnxns == 0) {
            return (int) Math.min(Integer.MAX_VALUE, allowed);
        }
        if (maxCnxns > allowed) {
            LOG.warn("maxCnxns {} is more than the open-file limit {} allows; using {}", maxCnxns, fileLimit, allowed);
            return (int) allowed;
        }
        return maxCnxns;
    }

    /** The AdminServer's port, or -1 when it is not enabled. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    /** The port clients connect to (the bound one when the configuration asked for port 0). */
    public int clientPort() {
        return clientPort.port();
    }

    /** The port the Prometheus scrape is served on, or -1 when it is off (the default). */
    public int prometheusPort() {
        return metrics.prometheusPort();
    }

    /**
     * Stops serving: stops the driver (the transport may still hand it frames, which nobody takes
     * any more), closes the ports and their connections, then syncs and closes the log.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable step : stopSteps) {
            try {
                step.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", step, e);
            }
        }
    }

    /** A stop step: asks a thread's loop to stop and waits for the thread a while. */
    static AutoCloseable stopping(Runnable stop, Thread thread) {
        return () -> {
            stop.run();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
