package io.warden.daemon.config;

/**
 * The settings ZooKeeper reads as Java system properties. Those it reads as {@code
 * zookeeper.<key>} can also be written in the file, which then wins (ZooKeeper's parser copies
 * every key it does not handle itself into {@code zookeeper.<key>}, over any {@code -D} value).
 * The others ({@code jute.maxbuffer}, {@code znode.container.*}, {@code readonlymode.enabled}) have
 * no prefix and ZooKeeper reads them from the system properties only; Warden also accepts
 * {@code jute.maxbuffer} and {@code znode.container.*} in the file (the property wins when both
 * are set). Each value is read the way the ZooKeeper class that uses it reads it, so that odd
 * values mean the same thing. Warden's {@code warden.plantedBug} (see {@link PlantedBug}) is a
 * system property only.
 */
final class PropertySettings {
    private PropertySettings() {}

    static void read(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        readStorage(src, b);
        readAdmin(src, b);
        readPropertyOnly(src, b);
        RawValue v;
        if ((v = src.fileThenZookeeperProperty("globalOutstandingLimit")) != null) {
            b.globalOutstandingLimit = Values.intAtLeast(v, 1, "a positive integer");
        }
        if ((v = src.fileThenZookeeperProperty("extendedTypesEnabled")) != null) {
            b.extendedTypesEnabled = javaBoolean(src, v);
        }
        if ((v = src.fileThenZookeeperProperty("enforceQuota")) != null) {
            b.enforceQuota = javaBoolean(src, v);
        }
        RawValue whitelist = src.fileThenZookeeperProperty("4lw.commands.whitelist");
        RawValue readOnlyMode = src.propertyOnly("readonlymode.enabled");
        // As ZooKeeper's Boolean.getBoolean: "true" in any case.
        b.readOnlyModeEnabled = readOnlyMode != null && "true".equalsIgnoreCase(readOnlyMode.text());
        b.fourLetterWords = FourLetterWords.enabled(
                whitelist, readOnlyMode == null ? null : readOnlyMode.text(), src::warn);
        b.plantedBug = PlantedBug.from(src.wardenPropertyOnly(PlantedBug.PROPERTY));
    }

    private static void readStorage(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        RawValue v;
        if ((v = src.fileThenZookeeperProperty("snapCount")) != null) {
            int count = Values.anyInt(v);
            if (count < Defaults.SNAP_COUNT_MIN) {
                src.warn(v.warning("snapCount " + count + " is below " + Defaults.SNAP_COUNT_MIN
                        + "; using " + Defaults.SNAP_COUNT_MIN + ", as ZooKeeper does"));
                count = Defaults.SNAP_COUNT_MIN;
            }
            b.snapCount = count;
        }
        if ((v = src.fileThenZookeeperProperty("snapSizeLimitInKb")) != null) {
            long kiB = Values.anyLong(v);
            if (kiB <= 0) {
                // ZooKeeper turns the limit off; an ensemble member here keeps the transactions
                // since its last snapshot in memory, so it needs one.
                src.warn(v.warning("snapSizeLimitInKb " + kiB + " would turn the limit off; Warden keeps the"
                        + " transactions since the last snapshot in memory, so it uses its default"));
                kiB = -1;
            }
            b.snapSizeLimitKiB = kiB;
        }
        if ((v = src.fileThenZookeeperProperty("preAllocSize")) != null) {
            b.preAllocSizeKiB = Values.longAtLeast(v, 0, "a non-negative number of KiB");
        }
        if ((v = src.fileThenZookeeperProperty("forceSync")) != null) {
            // FileTxnLog: fsync unless the value is exactly "no".
            b.forceSync = !v.text().equals("no");
            if (!v.text().equals("yes") && !v.text().equals("no")) {
                src.warn(v.warning("forceSync '" + v.text() + "' is neither 'yes' nor 'no'; as in ZooKeeper,"
                        + " only 'no' turns fsync off, so fsync stays on"));
            }
        }
    }

    private static void readAdmin(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        RawValue v;
        if ((v = src.fileThenZookeeperProperty("admin.enableServer")) != null) {
            // Unlike ZooKeeper (on unless exactly "false"), Warden's AdminServer is off unless exactly "true".
            b.adminServerEnabled = v.text().equals("true");
            if (!v.text().equals("true") && !v.text().equals("false")) {
                src.warn(v.warning("admin.enableServer '" + v.text() + "' is neither 'true' nor 'false'; only"
                        + " 'true' enables the AdminServer, so it stays disabled"));
            }
        }
        if ((v = src.fileThenZookeeperProperty("admin.serverPort")) != null) {
            b.adminServerPort = Values.intBetween(v, 0, 65535, "a port number (0-65535, 0 for any free port)");
        }
        if ((v = src.fileThenZookeeperProperty("admin.serverAddress")) != null) {
            b.adminServerAddress = Values.host(v);
        }
    }

    private static void readPropertyOnly(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        RawValue v;
        if ((v = src.propertyOrFile("jute.maxbuffer")) != null) {
            b.juteMaxBufferBytes = Values.intAtLeast(v, 1, "a positive number of bytes");
        }
        if ((v = src.propertyOrFile("znode.container.checkIntervalMs")) != null) {
            b.containerCheckIntervalMs = Values.intAtLeast(v, 1, "a positive number of milliseconds");
        }
        if ((v = src.propertyOrFile("znode.container.maxPerMinute")) != null) {
            b.containerMaxPerMinute = Values.intAtLeast(v, 1, "a positive integer");
        }
        if ((v = src.propertyOrFile("znode.container.maxNeverUsedIntervalMs")) != null) {
            b.containerMaxNeverUsedIntervalMs = Values.longAtLeast(v, 0, "a non-negative number of milliseconds");
        }
    }

    /**
     * {@code Boolean.parseBoolean}, which ZooKeeper uses for these: {@code true} in any case is
     * true, anything else false. Warns when the value is neither true nor false.
     */
    private static boolean javaBoolean(SettingSource src, RawValue v) {
        boolean value = v.text().equalsIgnoreCase("true");
        if (!value && !v.text().equalsIgnoreCase("false")) {
            src.warn(v.warning(v.key() + " '" + v.text() + "' is neither true nor false; ZooKeeper reads it as false"));
        }
        return value;
    }
}
