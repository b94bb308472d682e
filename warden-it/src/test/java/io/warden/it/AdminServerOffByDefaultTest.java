package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ZooCfgParser;

/** Without {@code admin.enableServer=true} no AdminServer runs (ZooKeeper 3.9.3 would start one on 8080). */
class AdminServerOffByDefaultTest {
    @Test
    void aServerWithoutAdminSettingsHasNoAdminServer(@TempDir Path dir) throws Exception {
        try (WardenServer server = WardenServer.start(ZooCfgParser.parse(List.of("dataDir=" + dir.toAbsolutePath(),
                "clientPort=0", "clientPortAddress=127.0.0.1", "admin.serverPort=0"), "zoo.cfg (test)", Map.of())
                .config())) {
            assertThat(server.clientPort()).isPositive();
            assertThat(server.adminPort()).isEqualTo(-1);
        }
    }
}
