package io.warden.daemon.config;

import java.nio.file.Path;

/**
 * The keys ZooKeeper's own parser ({@code QuorumPeerConfig.parseProperties}) handles, apart from
 * the ensemble's: read from the file only, validated, with ZooKeeper's adjustments.
 */
final class CoreSettings {
    private static final String TIMEOUT = "-1 (the default) or a non-negative number of milliseconds";
    private static final String BACKLOG = "-1 (the default) or a positive integer";

    private CoreSettings() {}

    static void read(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        readTimes(src, b);
        readDirectories(src, b);
        readClientPort(src, b);
        readPurge(src, b);
        RawValue v = src.file("electionAlg");
        if (v != null) {
            b.electionAlg = Values.anyInt(v);
            if (b.electionAlg != Defaults.ELECTION_ALG) {
                throw v.error("only electionAlg 3 is supported (as in ZooKeeper 3.6 and later), got '" + v.text() + "'");
            }
        }
        if ((v = src.file("standaloneEnabled")) != null) {
            b.standaloneEnabled = Values.strictBoolean(v);
        }
        if ((v = src.file("reconfigEnabled")) != null) {
            b.reconfigEnabled = Values.strictBoolean(v);
        }
        if ((v = src.file("metricsProvider.className")) != null) {
            if (v.text().isEmpty()) {
                throw v.expected("a class name");
            }
            b.metricsProviderClassName = v.text();
        }
    }

    private static void readTimes(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        RawValue v;
        if ((v = src.file("tickTime")) != null) {
            b.tickTimeMs = Values.intAtLeast(v, 1, "a positive integer");
        }
        if ((v = src.file("initLimit")) != null) {
            b.initLimitTicks = Values.intAtLeast(v, 0, "a non-negative integer");
        }
        if ((v = src.file("syncLimit")) != null) {
            b.syncLimitTicks = Values.intAtLeast(v, 0, "a non-negative integer");
        }
        if ((v = src.file("maxClientCnxns")) != null) {
            b.maxClientCnxns = Values.intAtLeast(v, 0, "a non-negative integer (0 = unlimited)");
        }
        RawValue min = src.file("minSessionTimeout");
        RawValue max = src.file("maxSessionTimeout");
        if (min != null) {
            b.minSessionTimeoutMs = Values.intAtLeast(min, -1, TIMEOUT);
        }
        if (max != null) {
            b.maxSessionTimeoutMs = Values.intAtLeast(max, -1, TIMEOUT);
        }
        int effectiveMin = b.minSessionTimeoutMs == -1 ? 2 * b.tickTimeMs : b.minSessionTimeoutMs;
        int effectiveMax = b.maxSessionTimeoutMs == -1 ? 20 * b.tickTimeMs : b.maxSessionTimeoutMs;
        if (effectiveMin > effectiveMax) {
            String message = "minSessionTimeout must not be larger than maxSessionTimeout ("
                    + effectiveMin + " ms > " + effectiveMax + " ms)";
            RawValue blamed = min != null ? min : max;
            throw blamed != null ? blamed.error(message) : src.error(message);
        }
    }

    private static void readDirectories(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        RawValue dataDir = src.file("dataDir");
        if (dataDir == null) {
            throw src.error("dataDir is not set");
        }
        b.dataDir = directory(src, dataDir);
        RawValue dataLogDir = src.file("dataLogDir");
        b.dataLogDir = dataLogDir == null ? b.dataDir : directory(src, dataLogDir);
    }

    /** Resolved against the working directory; warns, as ZooKeeper does, when relative without {@code ./}. */
    private static Path directory(SettingSource src, RawValue v) throws ConfigException {
        Path resolved = Values.path(v, src.workingDir());
        String text = v.text();
        if (!Path.of(text).isAbsolute() && !text.startsWith("./") && !text.startsWith("../")) {
            src.warn(v.warning(v.key() + " '" + text + "' is relative; using " + resolved
                    + " (write ./" + text + " to say this is intended)"));
        }
        return resolved;
    }

    private static void readClientPort(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        RawValue v;
        if ((v = src.file("clientPort")) != null) {
            b.clientPort = Values.intBetween(v, 0, 65535, "a port number (1-65535, or 0 for any free port)");
        }
        if ((v = src.file("clientPortAddress")) != null) {
            b.clientPortAddress = Values.host(v);
        }
        if ((v = src.file("secureClientPort")) != null) {
            b.secureClientPort = Values.intBetween(v, 0, 65535, "a port number (1-65535, or 0 for none)");
            if (b.secureClientPort != 0) {
                src.warn(v.warning("secureClientPort is read but Warden serves no TLS client port yet (ignored)"));
            }
        }
        if ((v = src.file("clientPortListenBacklog")) != null) {
            int backlog = Values.intAtLeast(v, -1, BACKLOG);
            if (backlog == 0) {
                throw v.expected(BACKLOG);
            }
            b.clientPortListenBacklog = backlog;
        }
    }

    private static void readPurge(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        RawValue v;
        if ((v = src.file("autopurge.snapRetainCount")) != null) {
            int count = Values.anyInt(v);
            if (count < Defaults.SNAP_RETAIN_COUNT_MIN) {
                src.warn(v.warning("autopurge.snapRetainCount " + count + " is below the minimum "
                        + Defaults.SNAP_RETAIN_COUNT_MIN + "; using " + Defaults.SNAP_RETAIN_COUNT_MIN
                        + ", as ZooKeeper does"));
                count = Defaults.SNAP_RETAIN_COUNT_MIN;
            }
            b.snapRetainCount = count;
        }
        if ((v = src.file("autopurge.purgeInterval")) != null) {
            int hours = Values.anyInt(v);
            if (hours < 0) {
                src.warn(v.warning("autopurge.purgeInterval " + hours + " is negative; purging is off, as in ZooKeeper"));
                hours = 0;
            }
            b.purgeIntervalHours = hours;
        }
    }
}
