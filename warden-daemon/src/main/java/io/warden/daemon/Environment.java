package io.warden.daemon;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.management.UnixOperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;

import io.warden.daemon.config.ServerConfig;
import io.warden.server.OperationalMetrics;
import io.warden.server.ServerEnvironment;

/** Gathers what the envi and conf commands print, once, at startup. */
final class Environment {
    /** The version reported to tools that parse ZooKeeper's, followed by Warden's own. */
    static final String VERSION = "3.9.3-warden-" + Version.WARDEN + ", built on unknown";

    private Environment() {
    }

    static ServerEnvironment describe(ServerConfig config, long serverId, OperationalMetrics metrics) {
        List<String> env = new ArrayList<>();
        env.add("zookeeper.version=" + VERSION);
        env.add("host.name=" + hostName());
        for (String key : List.of("java.version", "java.vendor", "java.home", "java.class.path", "java.library.path",
                "java.io.tmpdir", "java.compiler", "os.name", "os.arch", "os.version", "user.name", "user.home",
                "user.dir")) {
            env.add(key + "=" + System.getProperty(key, "<NA>"));
        }
        Runtime runtime = Runtime.getRuntime();
        env.add("os.memory.free=" + runtime.freeMemory() / (1024 * 1024) + "MB");
        env.add("os.memory.max=" + runtime.maxMemory() / (1024 * 1024) + "MB");
        env.add("os.memory.total=" + runtime.totalMemory() / (1024 * 1024) + "MB");
        return new ServerEnvironment(VERSION, env, config.describe(0, 0, config.standalone() ? 0 : serverId),
                Environment::fileDescriptors, metrics);
    }

    /** Open and maximum file descriptors, where the platform reports them (as ZooKeeper's mntr). */
    private static Map<String, Long> fileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            Map<String, Long> values = new LinkedHashMap<>();
            values.put("zk_open_file_descriptor_count", unix.getOpenFileDescriptorCount());
            values.put("zk_max_file_descriptor_count", unix.getMaxFileDescriptorCount());
            return values;
        }
        return Map.of();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (Exception e) {
            return "<NA>";
        }
    }
}
