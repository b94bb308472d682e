package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.daemon.config.ServerConfig;

/**
 * Startup refuses data it cannot use, with a message naming the file; the client port, bound while
 * the data is recovered, is closed again when startup fails.
 */
class WardenServerStartupTest {
    @TempDir
    Path dir;

    @Test
    void aDataDirectoryThatIsAFileStopsStartup() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("data"), "not a directory");
        assertThatThrownBy(() -> WardenServer.start(ServerConfig.defaults(notADirectory).withClientPort(0)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(notADirectory.toString());
    }

    @Test
    void aDamagedSnapshotWithNoLogToFallBackOnStopsStartupNamingTheFileAndOffset() throws IOException {
        Path data = dir.resolve("data");
        Path files = Files.createDirectories(data.resolve("warden-1"));
        Path snapshot = Files.write(files.resolve("snapshot.0000000000000005"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> WardenServer.start(ServerConfig.defaults(data).withClientPort(0)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt data")
                .hasMessageContaining(snapshot.toString())
                .hasMessageContaining("offset");
    }

    @Test
    void aFailedRecoveryClosesTheClientPortItHadBound() throws IOException {
        Path data = dir.resolve("data");
        Path files = Files.createDirectories(data.resolve("warden-1"));
        Files.write(files.resolve("snapshot.0000000000000005"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        int port = freePort();
        ServerConfig config = ServerConfig.defaults(data).withClientPort(port);
        assertThatThrownBy(() -> WardenServer.start(config)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt data");
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(again.isBound()).as("port %d free again", port).isTrue();
        }
    }

    @Test
    void aClientPortInUseStopsStartup() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            ServerConfig config = ServerConfig.defaults(dir.resolve("data")).withClientPort(taken.getLocalPort());
            assertThatThrownBy(() -> WardenServer.start(config)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
        }
    }

    /** A port nobody listens on now (another process could take it before the test does; unlikely on a test machine). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void zooKeeperDataThatWasNeverImportedStopsStartupSayingHowToImportIt() throws IOException {
        Path data = dir.resolve("zk-data");
        Path zkSnapshot = Files.write(Files.createDirectories(data.resolve("version-2")).resolve("snapshot.1a"),
                new byte[] {'Z', 'K', 'S', 'N'});
        assertThatThrownBy(() -> WardenServer.start(ServerConfig.defaults(data).withClientPort(0)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(zkSnapshot.toString())
                .hasMessageContaining("./warden import-zk " + data)
                .hasMessageContaining("empty tree");
        assertThat(data.resolve("warden-1")).doesNotExist();
    }

    @Test
    void zooKeeperFilesBesideWardensOwnDataDoNotStopStartup() throws Exception {
        Path data = dir.resolve("data");
        WardenServer.start(ServerConfig.defaults(data).withClientPort(0)).close();
        Files.write(Files.createDirectories(data.resolve("version-2")).resolve("log.1"), new byte[] {'Z', 'K', 'L', 'G'});

        WardenServer.start(ServerConfig.defaults(data).withClientPort(0)).close();
    }
}
