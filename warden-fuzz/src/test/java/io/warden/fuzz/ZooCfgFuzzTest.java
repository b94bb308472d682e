package io.warden.fuzz;

import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.warden.daemon.config.ConfigException;
import io.warden.daemon.config.ZooCfgParser;

/**
 * Any text as a zoo.cfg, with or without a few of the system properties ZooKeeper reads: parsing
 * gives a configuration or a {@link ConfigException} naming the problem, never another exception.
 */
class ZooCfgFuzzTest {
    private static final String[] KEYS = {"tickTime", "dataDir", "dataLogDir", "clientPort", "clientPortAddress",
        "initLimit", "syncLimit", "server.1", "server.2", "server.3", "peerType", "maxClientCnxns", "maxCnxns",
        "minSessionTimeout", "maxSessionTimeout", "snapCount", "preAllocSize", "forceSync", "jute.maxbuffer",
        "4lw.commands.whitelist", "autopurge.purgeInterval", "autopurge.snapRetainCount", "dynamicConfigFile",
        "standaloneEnabled", "reconfigEnabled", "warden.frameTimeoutMs", "warden.handshakeTimeoutMs",
        "warden.watchesPerConnectionMax", "warden.globalOutstandingBytesMax", "group.1", "weight.1",
        "electionAlg", "secureClientPort", "znode.container.checkIntervalMs", "admin.serverPort"};

    @FuzzTest
    void everyFileParsesOrIsRefusedWithAReason(FuzzedDataProvider data) {
        int lines = data.consumeInt(0, 20);
        String[] text = new String[lines];
        for (int i = 0; i < lines; i++) {
            String key = data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(20);
            text[i] = key + (data.consumeBoolean() ? "=" : data.consumeString(2)) + data.consumeString(40);
        }
        Map<String, String> properties = data.consumeBoolean()
                ? Map.of("zookeeper.snapCount", data.consumeString(10), "jute.maxbuffer", data.consumeString(10))
                : Map.of();
        try {
            ZooCfgParser.parse(List.of(text), "zoo.cfg", properties);
        } catch (ConfigException expected) {
            if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
                throw new AssertionError("a configuration error without a message", expected);
            }
        }
    }
}
