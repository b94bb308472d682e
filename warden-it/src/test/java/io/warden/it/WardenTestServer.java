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
import java.util.List;
import java.util.Map;

/**
 * Warden, standalone, started in this JVM on an ephemeral loopback port with its data in a
 * caller-supplied temporary directory. It is configured the way a user would: from {@code zoo.cfg}
 * lines with the same keys and values the reference server gets ({@code tickTime=2000}, the
 * extended-types flag, the four-letter-word whitelist), parsed without any system property so that
 * the reference's properties in this JVM cannot leak into it.
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
            ParsedConfig parsed = ZooCfgParser.parse(zooCfg, "zoo.cfg (warden-it)", Map.of());
            ServerConfig config = parsed.config().withClientPort(0);
            return new WardenTestServer(WardenServer.start(config));
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
