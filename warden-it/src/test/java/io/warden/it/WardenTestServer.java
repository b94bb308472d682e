package io.warden.it;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ConfigException;
import io.warden.daemon.config.ParsedConfig;
import io.warden.daemon.config.ServerConfig;
import io.warden.daemon.config.ZooCfgParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Warden, standalone, started in this JVM on an ephemeral loopback port with its data in a
 * caller-supplied temporary directory. It is configured the way a user would: from {@code zoo.cfg}
 * lines with the same keys and values the reference server gets ({@code tickTime=2000}, the
 * extended-types flag, the four-letter-word whitelist, quota enforcement), parsed with only the
 * system properties the options call for, so that the reference's properties in this JVM cannot
 * leak into it. Settings ZooKeeper takes only from system properties ({@code znode.container.*})
 * go in through that map, as a user's {@code -D} would; the super digest is handed to the server
 * directly, as the {@code warden} command does with its system property.
 */
public final class WardenTestServer implements TestServer {

    private final WardenServer server;
    private final int port;
    private boolean closed;

    private WardenTestServer(WardenServer server) {
        this.server = server;
        this.port = server.clientPort();
    }

    public static WardenTestServer start(Path dataDir, ServerOptions options) {
        try {
            Files.createDirectories(dataDir);
            List<String> zooCfg = new ArrayList<>(List.of(
                    "tickTime=" + ReferenceZooKeeper.TICK_TIME_MS,
                    "dataDir=" + dataDir.toAbsolutePath(),
                    "clientPort=2181",
                    "clientPortAddress=127.0.0.1",
                    "admin.enableServer=false",
                    "extendedTypesEnabled=" + options.extendedTypesEnabled()));
            if (options.fourLetterWordWhitelist() != null) {
                zooCfg.add("4lw.commands.whitelist=" + options.fourLetterWordWhitelist());
            }
            if (options.enforceQuota()) {
                zooCfg.add("enforceQuota=true");
            }
            Map<String, String> systemProperties = new HashMap<>();
            if (options.containerCheckIntervalMs() > 0) {
                systemProperties.put("znode.container.checkIntervalMs",
                        Integer.toString(options.containerCheckIntervalMs()));
            }
            ParsedConfig parsed = ZooCfgParser.parse(zooCfg, "zoo.cfg (warden-it)", systemProperties);
            ServerConfig config = parsed.config().withClientPort(0);
            return new WardenTestServer(WardenServer.start(config, options.superDigest()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Warden", e);
        } catch (ConfigException e) {
            throw new IllegalStateException("Warden rejected the test configuration", e);
        }
    }

    @Override
    public String name() {
        return "warden";
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int clientPort() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.close();
        }
    }

    @Override
    public String toString() {
        return name() + "@" + connectString();
    }
}
