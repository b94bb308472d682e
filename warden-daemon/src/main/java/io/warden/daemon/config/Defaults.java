package io.warden.daemon.config;

import java.util.List;

/** ZooKeeper 3.9's defaults, with where each comes from. */
final class Defaults {
    /** {@code ZooKeeperServer.DEFAULT_TICK_TIME}. */
    static final int TICK_TIME_MS = 3000;
    /** Warden's choice when {@code clientPort} is absent (ZooKeeper then opens no client port). */
    static final int CLIENT_PORT = 2181;
    /** {@code QuorumPeerConfig.maxClientCnxns}. */
    static final int MAX_CLIENT_CNXNS = 60;
    /** {@code ZooKeeperServer.getGlobalOutstandingLimit()}. */
    static final int GLOBAL_OUTSTANDING_LIMIT = 1000;
    /** {@code ZooKeeperServer.getSnapCount()}; values below 2 are raised to 2. */
    static final int SNAP_COUNT = 100_000;
    static final int SNAP_COUNT_MIN = 2;
    /** {@code FilePadding}: 64 MiB. */
    static final long PRE_ALLOC_SIZE_KIB = 65_536;
    /** {@code QuorumPeerConfig.MIN_SNAP_RETAIN_COUNT}, also the default. */
    static final int SNAP_RETAIN_COUNT_MIN = 3;
    /** {@code JettyAdminServer}. */
    static final int ADMIN_SERVER_PORT = 8080;
    static final String ADMIN_SERVER_ADDRESS = "0.0.0.0";
    /** {@code ZooKeeperServerMain} / {@code LeaderZooKeeperServer}: one minute. */
    static final int CONTAINER_CHECK_INTERVAL_MS = 60_000;
    static final int CONTAINER_MAX_PER_MINUTE = 10_000;
    static final long CONTAINER_MAX_NEVER_USED_INTERVAL_MS = 0;
    /** {@code BinaryInputArchive}: 0xfffff. */
    static final int JUTE_MAX_BUFFER_BYTES = 0xfffff;
    /** The only election algorithm ZooKeeper 3.6+ accepts. */
    static final int ELECTION_ALG = 3;
    /** {@code QuorumPeerConfig.metricsProviderClassName}. */
    static final String METRICS_PROVIDER_CLASS_NAME =
            "org.apache.zookeeper.metrics.impl.DefaultMetricsProvider";
    /** {@code EphemeralType.MAX_EXTENDED_SERVER_ID}. */
    static final long MAX_EXTENDED_SERVER_ID = 254;
    /** {@code FourLetterCommands} always enables this one (zkServer.sh needs it). */
    static final List<String> FOUR_LETTER_WORDS = List.of("srvr");

    private Defaults() {}
}
