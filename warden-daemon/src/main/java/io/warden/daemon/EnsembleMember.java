package io.warden.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.common.Clock;
import io.warden.daemon.admin.AdminServer;
import io.warden.daemon.admin.AdminStorage;
import io.warden.common.RandomSource;
import io.warden.common.Zxid;
import io.warden.daemon.config.Endpoint;
import io.warden.daemon.config.PeerRole;
import io.warden.daemon.config.PlantedBug;
import io.warden.daemon.config.ServerConfig;
import io.warden.daemon.config.ServerMember;
import io.warden.server.CoreConfig;
import io.warden.server.ServerEnvironment;
import io.warden.server.replication.ReplicatedServer;
import io.warden.storage.CorruptDataException;
import io.warden.storage.DataFiles;
import io.warden.storage.DirectoryFileStore;
import io.warden.storage.ReplicaRecovery;
import io.warden.storage.TxnLogWriter;
import io.warden.transport.ClientPort;
import io.warden.transport.NettyTransport;
import io.warden.transport.peer.PeerLimits;
import io.warden.transport.peer.PeerNetwork;
import io.warden.zab.ZabConfig;
import io.warden.zab.ZabCore;
import io.warden.zab.ZabOutput;

/**
 * Starts one member of an ensemble: its id from {@code myid}, its durable state (the snapshot,
 * the logged proposals after it and the epochs), the consensus core and the request pipeline over
 * it, the disk and snapshot threads, the peer ports and the client port.
 */
final class EnsembleMember {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleMember.class);

    private EnsembleMember() {
    }

    static WardenServer start(ServerConfig config, String superDigest, FatalErrorHandler onFatal) throws IOException {
        long myId = MyIdFile.read(config.dataDir());
        ServerMember me = config.member(myId).orElseThrow(() -> new IOException(config.dataDir().resolve(MyIdFile.NAME)
                + " says this is server " + myId + ", but the configuration has no server." + myId + " line"));
        Clock clock = Clock.system();
        RandomSource random = RandomSource.seeded(new SecureRandom().nextLong());
        DirectoryFileStore snapshots = new DirectoryFileStore(config.dataDir().resolve(DataFiles.SUBDIRECTORY));
        DirectoryFileStore logs = new DirectoryFileStore(config.dataLogDir().resolve(DataFiles.SUBDIRECTORY));
        int recordBytesMax = WardenServer.recordBytesMax(config);
        CoreConfig coreConfig = WardenServer.coreConfig(config, myId, superDigest, EnsembleSecret.of(config));
        EnsembleSecret.readableByOthers(config).ifPresent(LOG::warn);
        ReplicaRecovery.Recovered recovered;
        try {
            recovered = ReplicaRecovery.recover(snapshots, logs, coreConfig.treeOptions(), recordBytesMax, LOG::warn);
        } catch (CorruptDataException e) {
            throw new IOException("cannot start: corrupt data in " + e.getMessage(), e);
        }
        var state = recovered.zabState();
        long lastLogged = state.log().isEmpty() ? state.snapshotZxid()
                : state.log().get(state.log().size() - 1).zxid();
        LOG.info("server {}: recovered {} nodes at snapshot {}, {} logged proposals after it (up to {}),"
                + " epochs accepted {} current {}{}", myId, recovered.tree().nodeCount(),
                Zxid.toHex(state.snapshotZxid()), state.log().size(), Zxid.toHex(lastLogged), state.acceptedEpoch(),
                state.currentEpoch(), recovered.truncatedTornTail()
                        ? "; the log cut where a crash tore a write that was never synced" : "");

        ZabConfig zabConfig = zabConfig(config, myId);
        long snapSizeLimitBytes = snapSizeLimitBytes(config);
        LOG.info("server {}: snapshots after {} to {} transactions or {} to {} KiB of them; a leader takes no"
                + " proposals while it holds {} KiB since its last snapshot", myId, config.snapCount() / 2 + 1,
                config.snapCount(), snapSizeLimitBytes / 2048, snapSizeLimitBytes / 1024,
                zabConfig.retainedBytesMax() / 1024);
        ZabCore zab = new ZabCore(zabConfig, state, random);
        DaemonMetrics metrics = DaemonMetrics.forConfig(config);
        ServerEnvironment environment = Environment.describe(config, myId, metrics.metrics);
        ReplicatedServer server = new ReplicatedServer(coreConfig, environment,
                new SnapshotTransfer(snapshots, coreConfig.treeOptions(), recordBytesMax), recovered.tree(), zab,
                clock.nowMs());
        server.limitTransactionBytes(recordBytesMax);
        server.proposeOncePerTurn();
        if (config.readOnlyModeEnabled()) {
            server.enableReadOnlyMode();
        }
        plantBug(config.plantedBug(), server);

        ReplicaInbox inbound = new ReplicaInbox();
        WardenServer.Fatal fatal = new WardenServer.Fatal(onFatal);
        TxnLogWriter logWriter = new TxnLogWriter(logs, config.preAllocSizeKiB() * 1024L,
                WardenServer.SEGMENT_BYTES_MAX, config.forceSync(), recordBytesMax, lastLogged);
        DiskWriter<ZabOutput.Persist> disk = ReplicaRecords.diskWriter(logWriter, snapshots, logs,
                WardenServer.DISK_QUEUE_MAX,
                inbound::wakeUp,
                cause -> fatal.fatal("the disk failed; nothing more can be acknowledged", cause));
        Snapshotter snapshotter = new Snapshotter(snapshots, logs, config.snapRetainCount(),
                TimeUnit.HOURS.toMillis(config.purgeIntervalHours()), clock, inbound::snapshotWritten);
        snapshotter.onFailed(inbound::snapshotFailed);
        PeerNetwork peers = new PeerNetwork(myId, peerMembers(config.members()), peerLimits(),
                inbound::peerMessage);
        peers.receiverTakesLater();
        inbound.onPeerMessageTaken(peers::taken);
        peers.onConnectionLost(inbound::peerLost);
        peers.receiveSnapshotsInto(new SnapshotStaging(snapshots, inbound::snapshotArriving));
        metrics.measure(disk, snapshotter);
        ReplicaDriverLoop loop = new ReplicaDriverLoop(server, inbound, disk, peers::queue, peers::flushQueued,
                snapshotter, clock,
                config.tickTimeMs(), config.snapCount(), snapSizeLimitBytes, random, fatal);

        Endpoint clientEndpoint = config.clientAddressFor(myId);
        String host = clientEndpoint.host() == null ? "0.0.0.0" : clientEndpoint.host();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            metrics.start();
            started.add(metrics);
            peers.start();
            started.add(peers::close);
            ClientPort port = new ClientPort(new InetSocketAddress(host, clientEndpoint.port()),
                    WardenServer.transportLimits(config), Math.max(1, Runtime.getRuntime().availableProcessors()),
                    config.clientPortListenBacklog(), inbound::client);
            started.add(port::close);
            AdminServer admin = AdminServer.startIfEnabled(config, inbound::client, port,
                    new AdminStorage(snapshots, coreConfig.treeOptions(), recordBytesMax, false));
            if (admin != null) {
                started.add(admin);
            }
            disk.start();
            snapshotter.start();
            loop.attach(port);
            Thread thread = new Thread(loop, "warden-driver");
            thread.start();
            WardenServer member = new WardenServer(port, metrics, admin, List.of(WardenServer.stopping(loop::stop,
                    thread), port::close, peers::close, metrics, snapshotter, disk));
            fatal.server = member;
            LOG.info("Warden server {} of {} ({}): clients on {}:{}, peers on {}:{}, elections on {}:{} (Netty {})",
                    myId, config.members().size(), me.role().configName(), host, port.port(), me.host(),
                    me.peerPort(), me.host(), me.electionPort(), NettyTransport.name());
            return member;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(started);
            throw new IOException("interrupted while binding the ports", e);
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw e;
        } catch (Exception e) { // a checked exception Netty throws undeclared (the AdminServer's bind)
            closeAll(started);
            throw new IOException("cannot bind: " + e.getMessage(), e);
        }
    }

    /** Plants the bug {@code warden.plantedBug} names, for the fault harness, with a warning no one can miss. */
    private static void plantBug(PlantedBug bug, ReplicatedServer server) {
        switch (bug) {
            case NONE -> {
            }
            case FOLLOWER_LOCAL_SYNC -> {
                LOG.warn(PlantedBugWarning.text(bug, "as a follower or observer this server answers sync from its"
                        + " own state instead of through the leader, so a client can read stale data after sync"));
                server.plantFollowerLocalSync();
            }
            default -> throw new IllegalStateException("no way to plant " + bug);
        }
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing after a failed start failed", e);
            }
        }
    }

    static ZabConfig zabConfig(ServerConfig config, long myId) {
        Set<Long> voters = new TreeSet<>();
        Set<Long> observers = new TreeSet<>();
        for (ServerMember m : config.members()) {
            (m.role() == PeerRole.OBSERVER ? observers : voters).add(m.id());
        }
        return ZabConfig.of(myId, voters, observers).withLimits(config.initLimitTicks(), config.syncLimitTicks(),
                        ZabConfig.PROPOSALS_IN_FLIGHT_MAX_DEFAULT, ZabConfig.SYNC_BATCH_MAX_DEFAULT)
                .withRetainedBytesMax(RetainedLogBounds.retainedBytesMax(snapSizeLimitBytes(config)));
    }

    /**
     * The peer transport's defaults, with what waits for the driver from all peers bounded to
     * {@link PeerLimits#INBOUND_BYTES_MAX_DEFAULT} or a sixteenth of the heap, whichever is smaller.
     */
    static PeerLimits peerLimits() {
        long heapPart = Runtime.getRuntime().maxMemory() / RetainedLogBounds.HEAP_PARTS;
        return PeerLimits.DEFAULTS.withInboundBytesMax(Math.max(1, Math.min(PeerLimits.INBOUND_BYTES_MAX_DEFAULT,
                heapPart)));
    }

    private static long snapSizeLimitBytes(ServerConfig config) {
        return RetainedLogBounds.snapSizeLimitBytes(config.snapSizeLimitKiB(), Runtime.getRuntime().maxMemory());
    }

    private static List<PeerNetwork.Member> peerMembers(List<ServerMember> members) {
        List<PeerNetwork.Member> result = new ArrayList<>();
        for (ServerMember m : members) {
            result.add(new PeerNetwork.Member(m.id(), new InetSocketAddress(m.host(), m.peerPort()),
                    new InetSocketAddress(m.host(), m.electionPort())));
        }
        return result;
    }
}
