package io.warden.daemon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The mutable form of {@link ServerConfig} the parser fills in; starts at ZooKeeper's defaults. */
final class ServerConfigBuilder {
    int tickTimeMs = Defaults.TICK_TIME_MS;
    int initLimitTicks;
    int syncLimitTicks;
    Path dataDir;
    Path dataLogDir;
    int clientPort = Defaults.CLIENT_PORT;
    String clientPortAddress;
    int secureClientPort;
    int clientPortListenBacklog = -1;
    int maxClientCnxns = Defaults.MAX_CLIENT_CNXNS;
    int minSessionTimeoutMs = -1;
    int maxSessionTimeoutMs = -1;
    int globalOutstandingLimit = Defaults.GLOBAL_OUTSTANDING_LIMIT;
    int snapCount = Defaults.SNAP_COUNT;
    long snapSizeLimitKiB = -1;
    long preAllocSizeKiB = Defaults.PRE_ALLOC_SIZE_KIB;
    boolean forceSync = true;
    int snapRetainCount = Defaults.SNAP_RETAIN_COUNT_MIN;
    int purgeIntervalHours;
    boolean adminServerEnabled = false;
    int adminServerPort = Defaults.ADMIN_SERVER_PORT;
    String adminServerAddress = Defaults.ADMIN_SERVER_ADDRESS;
    Set<String> fourLetterWords = new LinkedHashSet<>(Defaults.FOUR_LETTER_WORDS);
    boolean extendedTypesEnabled;
    int containerCheckIntervalMs = Defaults.CONTAINER_CHECK_INTERVAL_MS;
    int containerMaxPerMinute = Defaults.CONTAINER_MAX_PER_MINUTE;
    long containerMaxNeverUsedIntervalMs = Defaults.CONTAINER_MAX_NEVER_USED_INTERVAL_MS;
    int juteMaxBufferBytes = Defaults.JUTE_MAX_BUFFER_BYTES;
    boolean enforceQuota;
    boolean reconfigEnabled;
    boolean standaloneEnabled = true;
    boolean readOnlyModeEnabled;
    PlantedBug plantedBug = PlantedBug.NONE;
    int electionAlg = Defaults.ELECTION_ALG;
    String metricsProviderClassName = Defaults.METRICS_PROVIDER_CLASS_NAME;
    List<ServerMember> members = new ArrayList<>();
    PeerRole peerType = PeerRole.PARTICIPANT;
    Map<String, String> groups = new LinkedHashMap<>();
    Map<String, String> weights = new LinkedHashMap<>();
    Path dynamicConfigFile;
    Path sessionSecretFile;
    Map<String, String> extraKeys = new LinkedHashMap<>();
    ClientBounds clientBounds = ClientBounds.DEFAULTS;

    static ServerConfigBuilder from(ServerConfig c) {
        ServerConfigBuilder b = new ServerConfigBuilder();
        b.tickTimeMs = c.tickTimeMs();
        b.initLimitTicks = c.initLimitTicks();
        b.syncLimitTicks = c.syncLimitTicks();
        b.dataDir = c.dataDir();
        b.dataLogDir = c.dataLogDir();
        b.clientPort = c.clientPort();
        b.clientPortAddress = c.clientPortAddress();
        b.secureClientPort = c.secureClientPort();
        b.clientPortListenBacklog = c.clientPortListenBacklog();
        b.maxClientCnxns = c.maxClientCnxns();
        b.minSessionTimeoutMs = c.minSessionTimeoutMs();
        b.maxSessionTimeoutMs = c.maxSessionTimeoutMs();
        b.globalOutstandingLimit = c.globalOutstandingLimit();
        b.snapCount = c.snapCount();
        b.snapSizeLimitKiB = c.snapSizeLimitKiB();
        b.preAllocSizeKiB = c.preAllocSizeKiB();
        b.forceSync = c.forceSync();
        b.snapRetainCount = c.snapRetainCount();
        b.purgeIntervalHours = c.purgeIntervalHours();
        b.adminServerEnabled = c.adminServerEnabled();
        b.adminServerPort = c.adminServerPort();
        b.adminServerAddress = c.adminServerAddress();
        b.fourLetterWords = new LinkedHashSet<>(c.fourLetterWords());
        b.extendedTypesEnabled = c.extendedTypesEnabled();
        b.containerCheckIntervalMs = c.containerCheckIntervalMs();
        b.containerMaxPerMinute = c.containerMaxPerMinute();
        b.containerMaxNeverUsedIntervalMs = c.containerMaxNeverUsedIntervalMs();
        b.juteMaxBufferBytes = c.juteMaxBufferBytes();
        b.enforceQuota = c.enforceQuota();
        b.reconfigEnabled = c.reconfigEnabled();
        b.standaloneEnabled = c.standaloneEnabled();
        b.readOnlyModeEnabled = c.readOnlyModeEnabled();
        b.plantedBug = c.plantedBug();
        b.electionAlg = c.electionAlg();
        b.metricsProviderClassName = c.metricsProviderClassName();
        b.members = new ArrayList<>(c.members());
        b.peerType = c.peerType();
        b.groups = new LinkedHashMap<>(c.groups());
        b.weights = new LinkedHashMap<>(c.weights());
        b.dynamicConfigFile = c.dynamicConfigFile();
        b.sessionSecretFile = c.sessionSecretFile();
        b.extraKeys = new LinkedHashMap<>(c.extraKeys());
        b.clientBounds = c.clientBounds();
        return b;
    }

    ServerConfig build() {
        return new ServerConfig(
                tickTimeMs,
                initLimitTicks,
                syncLimitTicks,
                dataDir,
                dataLogDir,
                clientPort,
                clientPortAddress,
                secureClientPort,
                clientPortListenBacklog,
                maxClientCnxns,
                minSessionTimeoutMs,
                maxSessionTimeoutMs,
                globalOutstandingLimit,
                snapCount,
                snapSizeLimitKiB,
                preAllocSizeKiB,
                forceSync,
                snapRetainCount,
                purgeIntervalHours,
                adminServerEnabled,
                adminServerPort,
                adminServerAddress,
                fourLetterWords,
                extendedTypesEnabled,
                containerCheckIntervalMs,
                containerMaxPerMinute,
                containerMaxNeverUsedIntervalMs,
                juteMaxBufferBytes,
                enforceQuota,
                reconfigEnabled,
                standaloneEnabled,
                readOnlyModeEnabled,
                plantedBug,
                electionAlg,
                metricsProviderClassName,
                members,
                peerType,
                groups,
                weights,
                dynamicConfigFile,
                sessionSecretFile,
                extraKeys,
                clientBounds);
    }
}
