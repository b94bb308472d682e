package io.warden.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ServerConfig;
import io.warden.example.RegistryExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warden example}: the example application (service registry, configuration, leader-elected job). */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = {"Run the example application: three service instances register for discovery, share a "
                + "configuration and elect a leader for a job; then the configuration changes and the leader stops.",
            "Uses the server at --connect (127.0.0.1:2181 by default), or a server of its own with --embedded."})
final class ExampleCommand implements Callable<Integer> {

    @Option(names = "--connect", paramLabel = "host:port[,...]", description = "the server(s) to use",
            defaultValue = "127.0.0.1:2181")
    String connectString;

    @Option(names = "--embedded", description = "start a standalone server of its own (in a temporary directory)")
    boolean embedded;

    @Override
    public Integer call() throws Exception {
        if (!embedded) {
            return run(connectString);
        }
        Path dataDir = Files.createTempDirectory("warden-example");
        try (WardenServer server = WardenServer.start(ServerConfig.defaults(dataDir).withClientPort(0), null)) {
            return run("127.0.0.1:" + server.clientPort());
        } finally {
            deleteQuietly(dataDir);
        }
    }

    private static int run(String connectString) throws Exception {
        try {
            RegistryExample.run(connectString, System.out);
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("warden example: " + e.getMessage());
            return 1;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the system cleans it eventually
        }
    }
}
