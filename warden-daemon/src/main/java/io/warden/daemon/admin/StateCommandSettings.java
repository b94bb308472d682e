package io.warden.daemon.admin;

import io.warden.daemon.config.ServerConfig;

/**
 * The settings of the commands that change state, under ZooKeeper 3.9's names: each is read from
 * zoo.cfg (without the {@code zookeeper.} prefix, as ZooKeeper turns unknown keys into system
 * properties) and then from the system property.
 *
 * @param snapshotEnabled        {@code admin.snapshot.enabled} (default true, as in ZooKeeper)
 * @param restoreEnabled         {@code admin.restore.enabled} (default true, as in ZooKeeper)
 * @param rateLimitIntervalMs    {@code admin.rateLimiterIntervalInMS}: each of snapshot and restore
 *                               runs at most once per interval (default 300000, as in ZooKeeper)
 * @param restoreBytesMax        {@code warden.admin.restore.maxBytes}: the largest snapshot restore
 *                               accepts (Warden's own bound; default 1 GiB)
 * @param waitMs                 how long a snapshot or restore may take on the server before the
 *                               request is answered 503 (the work itself goes on)
 */
record StateCommandSettings(boolean snapshotEnabled, boolean restoreEnabled, long rateLimitIntervalMs,
        long restoreBytesMax, long waitMs) {
    static final String SNAPSHOT_ENABLED = "admin.snapshot.enabled";
    static final String RESTORE_ENABLED = "admin.restore.enabled";
    static final String RATE_LIMIT_INTERVAL = "admin.rateLimiterIntervalInMS";
    static final String RESTORE_BYTES_MAX = "warden.admin.restore.maxBytes";
    static final long RATE_LIMIT_INTERVAL_MS_DEFAULT = 300_000;
    static final long RESTORE_BYTES_MAX_DEFAULT = 1L << 30;
    static final long WAIT_MS_DEFAULT = 600_000;

    static final StateCommandSettings DEFAULTS = new StateCommandSettings(true, true, RATE_LIMIT_INTERVAL_MS_DEFAULT,
            RESTORE_BYTES_MAX_DEFAULT, WAIT_MS_DEFAULT);

    /** The settings of this configuration; a value that does not parse keeps the default. */
    static StateCommandSettings of(ServerConfig config) {
        return new StateCommandSettings(
                bool(zooKeeperKey(config, SNAPSHOT_ENABLED), true),
                bool(zooKeeperKey(config, RESTORE_ENABLED), true),
                nonNegative(zooKeeperKey(config, RATE_LIMIT_INTERVAL), RATE_LIMIT_INTERVAL_MS_DEFAULT),
                nonNegative(wardenKey(config, RESTORE_BYTES_MAX), RESTORE_BYTES_MAX_DEFAULT), WAIT_MS_DEFAULT);
    }

    private static String zooKeeperKey(ServerConfig config, String key) {
        String inFile = config.extraKeys().get(key);
        return inFile != null ? inFile : System.getProperty("zookeeper." + key);
    }

    private static String wardenKey(ServerConfig config, String key) {
        String inFile = config.extraKeys().get(key);
        return inFile != null ? inFile : System.getProperty(key);
    }

    /** As ZooKeeper's Boolean.parseBoolean: only "true" (any case) is true; unset is the default. */
    private static boolean bool(String text, boolean unset) {
        return text == null ? unset : Boolean.parseBoolean(text.trim());
    }

    private static long nonNegative(String text, long unset) {
        if (text == null) {
            return unset;
        }
        try {
            long value = Long.parseLong(text.trim());
            return value >= 0 ? value : unset;
        } catch (NumberFormatException e) {
            return unset;
        }
    }

    StateCommandSettings withRateLimitIntervalMs(long intervalMs) {
        return new StateCommandSettings(snapshotEnabled, restoreEnabled, intervalMs, restoreBytesMax, waitMs);
    }

    StateCommandSettings withRestoreBytesMax(long bytesMax) {
        return new StateCommandSettings(snapshotEnabled, restoreEnabled, rateLimitIntervalMs, bytesMax, waitMs);
    }
}
