package io.warden.cli.bench;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/** A standalone Warden server in the test's JVM on a data directory of the test's; stopped and started again on one port. */
final class InProcessServer implements AutoCloseable {
    private final Path dataDir;
    private WardenServer server;

    InProcessServer(Path dir) {
        this.dataDir = dir.resolve("data").toAbsolutePath();
    }

    /** A loopback port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts the server on {@code port} (0: an ephemeral one), recovering what the data directory holds. */
    InProcessServer start(int port) throws IOException {
        server = WardenServer.start(ServerConfig.defaults(dataDir).withClientPort(port));
        return this;
    }

    int clientPort() {
        return server.clientPort();
    }

    /** Stops the server if it runs. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
