package io.warden.daemon.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the server takes from {@code zoo.cfg}, with Apache ZooKeeper 3.9's defaults.
 *
 * <h2>Where each setting comes from</h2>
 *
 * ZooKeeper reads its settings from three places, and which one wins depends on the setting. These
 * rules were taken from ZooKeeper 3.9.3 ({@code QuorumPeerConfig.parseProperties}, and the classes
 * that read the system properties: {@code ZooKeeperServer}, {@code FileTxnLog}, {@code
 * FilePadding}, {@code FourLetterCommands}, {@code AdminServerFactory}, {@code JettyAdminServer},
 * {@code EphemeralType}, {@code BinaryInputArchive}, {@code ZooKeeperServerMain}) and checked by
 * running its parser; the key list is in the ZooKeeper Administrator's Guide, "Configuration
 * Parameters".
 *
 * <ol>
 *   <li><b>Keys ZooKeeper's parser knows</b> ({@code tickTime}, {@code initLimit}, {@code
 *       syncLimit}, {@code dataDir}, {@code dataLogDir}, {@code clientPort}, {@code
 *       clientPortAddress}, {@code secureClientPort}, {@code clientPortListenBacklog}, {@code
 *       maxClientCnxns}, {@code minSessionTimeout}, {@code maxSessionTimeout}, {@code
 *       electionAlg}, {@code peerType}, {@code dynamicConfigFile}, {@code autopurge.*}, {@code
 *       standaloneEnabled}, {@code reconfigEnabled}, {@code metricsProvider.className}, {@code
 *       server.N}, {@code group.N}, {@code weight.N}): the file only. No system property is read.
 *   <li><b>Every other key in the file</b> becomes the system property {@code zookeeper.<key>}:
 *       the parser calls {@code System.setProperty("zookeeper." + key, value)}, replacing any
 *       {@code -D} value before the server reads it. So for {@code globalOutstandingLimit}, {@code
 *       snapCount}, {@code preAllocSize}, {@code forceSync}, {@code 4lw.commands.whitelist},
 *       {@code extendedTypesEnabled}, {@code enforceQuota}, {@code admin.enableServer}, {@code
 *       admin.serverPort} and {@code admin.serverAddress}: <em>the file wins</em>, then the system
 *       property {@code zookeeper.<key>}, then the default.
 *   <li><b>System-property-only settings without the prefix</b> ({@code jute.maxbuffer}, {@code
 *       znode.container.checkIntervalMs}, {@code znode.container.maxPerMinute}, {@code
 *       znode.container.maxNeverUsedIntervalMs}, and {@code readonlymode.enabled}, which adds
 *       {@code isro} to the four-letter words): ZooKeeper reads only the system property; in
 *       {@code zoo.cfg} they would become {@code zookeeper.jute.maxbuffer} and so on, which it
 *       never reads. Warden departs here: {@code jute.maxbuffer} and {@code znode.container.*}
 *       written in the file take effect when the system property is not set (the property wins),
 *       with a note in the warnings; {@code readonlymode.enabled} stays property-only.
 * </ol>
 *
 * @param tickTimeMs the basic time unit; ZooKeeper's default is 3000 ({@code
 *     ZooKeeperServer.DEFAULT_TICK_TIME}; the sample {@code zoo_sample.cfg} sets 2000)
 * @param initLimitTicks ticks a follower may take to connect and sync to a leader; 0 = not set,
 *     which is only allowed for a standalone server
 * @param syncLimitTicks ticks a follower may lag behind the leader; 0 = not set, as above
 * @param dataDir where snapshots (and, unless {@code dataLogDir} is set, the log) live; absolute
 *     once parsed
 * @param dataLogDir where the transaction log lives; defaults to {@code dataDir}
 * @param clientPort the client port; 0 asks for an ephemeral port (tests). ZooKeeper opens no
 *     client port at all when the key is absent and no {@code server.N} line names one; Warden
 *     listens on 2181 instead and warns
 * @param clientPortAddress the address to listen on for clients; {@code null} = all interfaces
 * @param secureClientPort the TLS client port, 0 = not set (parsed, not used by Warden)
 * @param clientPortListenBacklog the listen backlog of the client socket; -1 = the OS default
 * @param maxClientCnxns concurrent connections allowed from one IP address; 0 = unlimited
 * @param minSessionTimeoutMs the smallest session timeout a client may negotiate; -1 = 2 ticks
 *     (see {@link #effectiveMinSessionTimeoutMs()})
 * @param maxSessionTimeoutMs the largest session timeout a client may negotiate; -1 = 20 ticks
 *     (see {@link #effectiveMaxSessionTimeoutMs()})
 * @param globalOutstandingLimit requests queued in the server before clients are throttled
 * @param snapCount transactions between snapshots (each server picks a random point in
 *     [snapCount/2+1, snapCount]); at least 2
 * @param snapSizeLimitKiB {@code snapSizeLimitInKb}: the KiB of transactions between an ensemble
 *     member's snapshots (each server picks a random point in the upper half, as for {@code
 *     snapCount}); -1 = derived from the heap (a sixteenth of it, ZooKeeper's 4 GiB at most)
 * @param preAllocSizeKiB the transaction log is grown in blocks of this many KiB; 0 = no
 *     preallocation
 * @param forceSync whether the log is fsynced before a write is acknowledged; only the value
 *     {@code no} turns it off, as in ZooKeeper
 * @param snapRetainCount snapshots kept by the purge task; at least 3
 * @param purgeIntervalHours how often the purge task runs; 0 = never
 * @param adminServerEnabled whether the HTTP AdminServer runs; only the value {@code true} turns it
 *     on (ZooKeeper 3.9 runs it unless the value is {@code false})
 * @param adminServerPort the AdminServer's port
 * @param adminServerAddress the AdminServer's address
 * @param fourLetterWords the enabled four-letter words; {@code srvr} is always there, {@code *}
 *     in the whitelist expands to all of them
 * @param extendedTypesEnabled whether TTL nodes (and other extended types) are allowed; server
 *     ids must then be at most 254
 * @param containerCheckIntervalMs how often container and TTL nodes are checked for deletion
 * @param containerMaxPerMinute the most container and TTL nodes deleted per minute
 * @param containerMaxNeverUsedIntervalMs how long a container that never had children is kept; 0
 *     = forever
 * @param juteMaxBufferBytes the largest packet and znode data accepted
 * @param enforceQuota whether exceeding a quota fails the write rather than only logging
 * @param reconfigEnabled whether the {@code reconfig} operation is allowed
 * @param standaloneEnabled whether a configuration with one participant runs standalone
 * @param electionAlg the election algorithm; ZooKeeper 3.6+ accepts only 3
 * @param metricsProviderClassName the metrics provider ZooKeeper would load (kept, not loaded)
 * @param members the {@code server.N} lines, sorted by id
 * @param peerType this server's role as set by {@code peerType}; the {@code server.N} line for
 *     this server's id takes precedence, as in ZooKeeper
 * @param groups {@code group.N} values by {@code N}, raw (hierarchical quorums)
 * @param weights {@code weight.N} values by {@code N}, raw
 * @param dynamicConfigFile the dynamic configuration file the members were read from, or {@code
 *     null}
 * @param readOnlyModeEnabled the system property {@code readonlymode.enabled}: an ensemble member
 *     cut off from the quorum serves reads to clients that allow it
 * @param plantedBug the system property {@code warden.plantedBug}: a bug planted on purpose for
 *     the fault harness ({@link PlantedBug}), {@link PlantedBug#NONE} unless set; never for
 *     production
 * @param sessionSecretFile {@code warden.sessionSecretFile}: a file every member of an ensemble
 *     holds a copy of, whose bytes session passwords derive from; {@code null} for a secret
 *     derived from the membership
 * @param extraKeys keys Warden does not use, with their values, in file order (ZooKeeper would
 *     expose each as the system property {@code zookeeper.<key>})
 * @param clientBounds the bounds on what clients can make the server hold ({@code maxCnxns} and
 *     Warden's own {@code warden.*} keys)
 */
public record ServerConfig(
        int tickTimeMs,
        int initLimitTicks,
        int syncLimitTicks,
        Path dataDir,
        Path dataLogDir,
        int clientPort,
        String clientPortAddress,
        int secureClientPort,
        int clientPortListenBacklog,
        int maxClientCnxns,
        int minSessionTimeoutMs,
        int maxSessionTimeoutMs,
        int globalOutstandingLimit,
        int snapCount,
        long snapSizeLimitKiB,
        long preAllocSizeKiB,
        boolean forceSync,
        int snapRetainCount,
        int purgeIntervalHours,
        boolean adminServerEnabled,
        int adminServerPort,
        String adminServerAddress,
        Set<String> fourLetterWords,
        boolean extendedTypesEnabled,
        int containerCheckIntervalMs,
        int containerMaxPerMinute,
        long containerMaxNeverUsedIntervalMs,
        int juteMaxBufferBytes,
        boolean enforceQuota,
        boolean reconfigEnabled,
        boolean standaloneEnabled,
        boolean readOnlyModeEnabled,
        PlantedBug plantedBug,
        int electionAlg,
        String metricsProviderClassName,
        List<ServerMember> members,
        PeerRole peerType,
        Map<String, String> groups,
        Map<String, String> weights,
        Path dynamicConfigFile,
        Path sessionSecretFile,
        Map<String, String> extraKeys,
        ClientBounds clientBounds) {

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (dataLogDir == null) {
            dataLogDir = dataDir;
        }
        Objects.requireNonNull(adminServerAddress, "adminServerAddress");
        Objects.requireNonNull(metricsProviderClassName, "metricsProviderClassName");
        Objects.requireNonNull(peerType, "peerType");
        Objects.requireNonNull(plantedBug, "plantedBug");
        fourLetterWords = Collections.unmodifiableSet(new TreeSet<>(fourLetterWords));
        members = members.stream()
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .toList();
        groups = orderedCopy(groups);
        weights = orderedCopy(weights);
        extraKeys = orderedCopy(extraKeys);
        Objects.requireNonNull(clientBounds, "clientBounds");
    }

    /**
     * The configuration of {@code warden server} started without a file: ZooKeeper's defaults,
     * except that clients are served on 127.0.0.1:2181 only.
     *
     * @param dataDir the data directory, used as given (also the log directory)
     */
    public static ServerConfig defaults(Path dataDir) {
        ServerConfigBuilder builder = new ServerConfigBuilder();
        builder.dataDir = dataDir;
        builder.clientPort = Defaults.CLIENT_PORT;
        builder.clientPortAddress = "127.0.0.1";
        return builder.build();
    }

    /** A copy listening for clients on {@code port} (0 = an ephemeral port, for tests). */
    public ServerConfig withClientPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("client port out of range: " + port);
        }
        ServerConfigBuilder builder = ServerConfigBuilder.from(this);
        builder.clientPort = port;
        return builder.build();
    }

    /** The minimum session timeout in force: {@code minSessionTimeoutMs}, or 2 ticks when it is -1. */
    public int effectiveMinSessionTimeoutMs() {
        return minSessionTimeoutMs == -1 ? 2 * tickTimeMs : minSessionTimeoutMs;
    }

    /** The maximum session timeout in force: {@code maxSessionTimeoutMs}, or 20 ticks when it is -1. */
    public int effectiveMaxSessionTimeoutMs() {
        return maxSessionTimeoutMs == -1 ? 20 * tickTimeMs : maxSessionTimeoutMs;
    }

    /**
     * Whether this server runs alone rather than in an ensemble. As ZooKeeper's {@code
     * QuorumPeerConfig.isDistributed()} (negated): standalone when there are no {@code server.N}
     * lines, or at most one participant and {@code standaloneEnabled} is true. With {@code
     * standaloneEnabled=false} even a single participant runs the replicated protocol.
     */
    public boolean standalone() {
        long participants = members.stream().filter(m -> m.role() == PeerRole.PARTICIPANT).count();
        return standaloneEnabled && participants <= 1;
    }

    /** The {@code server.N} line with this id, if any. */
    public Optional<ServerMember> member(long serverId) {
        return members.stream().filter(m -> m.id() == serverId).findFirst();
    }

    /**
     * Where the server with this id serves clients: the client part of its {@code server.N} line
     * when it has one (as ZooKeeper's {@code setupClientPort}), otherwise {@code
     * clientPortAddress:clientPort}.
     */
    public Endpoint clientAddressFor(long serverId) {
        return member(serverId)
                .map(ServerMember::clientAddress)
                .orElseGet(() -> new Endpoint(clientPortAddress, clientPort));
    }

    /**
     * The lines the {@code conf} four-letter word prints, as ZooKeeper 3.9 does ({@code
     * ZooKeeperServer.dumpConf}, plus {@code QuorumZooKeeperServer.dumpConf} in an ensemble).
     * {@code secureClientPort} is -1 because Warden opens no TLS port; {@code dataDir} and {@code
     * dataLogDir} are shown as ZooKeeper shows them, with its {@code version-2} subdirectory.
     *
     * @param dataDirSizeBytes the size of the snapshot files, measured by the caller
     * @param dataLogSizeBytes the size of the log files, measured by the caller
     * @param serverId this server's id (0 for a standalone server)
     */
    public List<String> describe(long dataDirSizeBytes, long dataLogSizeBytes, long serverId) {
        return ConfLines.of(this, dataDirSizeBytes, dataLogSizeBytes, serverId);
    }

    private static Map<String, String> orderedCopy(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
