package io.warden.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ConfigException;
import io.warden.daemon.config.ParsedConfig;
import io.warden.daemon.config.ServerConfig;
import io.warden.daemon.config.ZooCfgParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warden server [zoo.cfg]}: runs a server until it is stopped. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run a server. Without a file: standalone on 127.0.0.1:2181 with data under ./data. "
                + "With server.N lines in the file: a member of that ensemble (its id in dataDir/myid).")
final class ServerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);
    /** The exit status of a server that stopped because it could not go on (a failed disk, say). */
    static final int FATAL_EXIT_STATUS = 3;
    /** The system property ZooKeeper reads the super user's digest from. */
    static final String SUPER_DIGEST_PROPERTY = "zookeeper.DigestAuthenticationProvider.superDigest";

    @Parameters(index = "0", arity = "0..1", paramLabel = "zoo.cfg", description = "a ZooKeeper configuration file")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        Map<String, String> properties = systemProperties();
        ServerConfig config;
        if (configFile == null) {
            config = ServerConfig.defaults(Path.of("data").toAbsolutePath());
        } else {
            try {
                ParsedConfig parsed = ZooCfgParser.parse(configFile, properties);
                parsed.warnings().forEach(LOG::warn);
                config = parsed.config();
            } catch (ConfigException e) {
                System.err.println("warden: " + e.getMessage());
                return 2;
            }
        }
        WardenServer server;
        try {
            server = WardenServer.start(config, properties.get(SUPER_DIGEST_PROPERTY), ServerCommand::exitOnFatal);
        } catch (IOException e) {
            System.err.println("warden: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "warden-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * A server that cannot go on stops the process with {@link #FATAL_EXIT_STATUS}, so that a
     * supervisor restarts it on its durable data. The exit runs on a thread of its own: the
     * shutdown hook closes the server, which waits for the thread that reported the error.
     */
    static void exitOnFatal(String reason, Throwable cause) {
        LOG.error("{}; exiting with status {}", reason, FATAL_EXIT_STATUS, cause);
        System.err.println("warden: " + reason + ": " + cause + "; exiting with status " + FATAL_EXIT_STATUS);
        new Thread(() -> System.exit(FATAL_EXIT_STATUS), "warden-exit").start();
    }

    static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
        return properties;
    }
}
