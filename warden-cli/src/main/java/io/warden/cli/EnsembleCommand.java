package io.warden.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.warden.daemon.MyIdFile;
import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ConfigException;
import io.warden.daemon.config.ParsedConfig;
import io.warden.daemon.config.ZooCfgParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code warden ensemble --nodes 3}: an ensemble on loopback for development and demos, every
 * member in this process, each with its own {@code zoo.cfg}, {@code myid} and data under one
 * directory. Prints the connect string, then serves until stopped.
 */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = "Run a local ensemble on 127.0.0.1 (every member in this process) and print its connect string.")
final class EnsembleCommand implements Callable<Integer> {
    /** The most members a local ensemble may have (ZooKeeper ensembles rarely exceed seven). */
    static final int NODES_MAX = 9;
    /** The random bytes of the members' shared session secret. */
    static final int SECRET_BYTES = 32;

    @Option(names = "--nodes", description = "how many members (default ${DEFAULT-VALUE})", defaultValue = "3")
    int nodes;

    @Option(names = "--dir", description = "where each member's zoo.cfg and data go (default ${DEFAULT-VALUE})",
            defaultValue = "ensemble")
    Path dir;

    @Option(names = "--client-port", description = "the first member's client port; the others follow"
            + " (default ${DEFAULT-VALUE})", defaultValue = "2181")
    int clientPort;

    @Option(names = "--peer-port", description = "the first member's peer port; the others follow"
            + " (default ${DEFAULT-VALUE})", defaultValue = "2888")
    int peerPort;

    @Option(names = "--election-port", description = "the first member's election port; the others follow"
            + " (default ${DEFAULT-VALUE})", defaultValue = "3888")
    int electionPort;

    @Option(names = "--tick-time", description = "tickTime in ms (default ${DEFAULT-VALUE})", defaultValue = "2000")
    int tickTimeMs;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || nodes > NODES_MAX) {
            System.err.println("warden: --nodes must be between 1 and " + NODES_MAX + ": " + nodes);
            return 2;
        }
        List<Path> configs = writeConfigs();
        Map<String, String> properties = ServerCommand.systemProperties();
        List<WardenServer> servers = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.forEach(WardenServer::close), "warden-shutdown"));
        for (Path config : configs) {
            ParsedConfig parsed;
            try {
                parsed = ZooCfgParser.parse(config, properties);
            } catch (ConfigException e) {
                System.err.println("warden: " + e.getMessage());
                return 2;
            }
            try {
                servers.add(WardenServer.start(parsed.config(), properties.get(ServerCommand.SUPER_DIGEST_PROPERTY),
                        ServerCommand::exitOnFatal));
            } catch (IOException e) {
                System.err.println("warden: " + e.getMessage());
                return 1;
            }
        }
        System.out.println("ensemble of " + nodes + " serving; connect string: " + connectString());
        System.out.flush();
        new CountDownLatch(1).await();
        return 0;
    }

    String connectString() {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            hosts.add("127.0.0.1:" + (clientPort + i));
        }
        return String.join(",", hosts);
    }

    /** Writes each member's zoo.cfg and myid (again on every run, so options may change). */
    private List<Path> writeConfigs() throws IOException {
        Path secret = dir.resolve("session-secret").toAbsolutePath();
        if (!Files.exists(secret)) {
            Files.createDirectories(dir);
            byte[] bytes = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(bytes);
            Files.write(secret, bytes);
            try {
                Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // a file system without POSIX permissions: nothing to narrow
            }
        }
        StringBuilder members = new StringBuilder();
        for (int id = 1; id <= nodes; id++) {
            members.append("server.").append(id).append("=127.0.0.1:").append(peerPort + id - 1).append(':')
                    .append(electionPort + id - 1).append(";127.0.0.1:").append(clientPort + id - 1).append('\n');
        }
        List<Path> configs = new ArrayList<>();
        for (int id = 1; id <= nodes; id++) {
            Path home = dir.resolve("node" + id).toAbsolutePath();
            Path data = home.resolve("data");
            Files.createDirectories(data);
            MyIdFile.write(data, id);
            Path config = home.resolve("zoo.cfg");
            Files.writeString(config, "# written by warden ensemble\n"
                    + "tickTime=" + tickTimeMs + "\n"
                    + "initLimit=10\n"
                    + "syncLimit=5\n"
                    + "dataDir=" + data + "\n"
                    + "standaloneEnabled=false\n"
                    + "4lw.commands.whitelist=*\n"
                    + "warden.sessionSecretFile=" + secret + "\n"
                    + members, StandardCharsets.UTF_8);
            configs.add(config);
        }
        return configs;
    }
}
