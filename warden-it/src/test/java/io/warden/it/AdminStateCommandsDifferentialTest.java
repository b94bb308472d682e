package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.admin.JettyAdminServer;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ZooCfgParser;

/**
 * snapshot and restore on Warden and on Apache ZooKeeper 3.9.3 (its JettyAdminServer, with
 * ZooKeeper's default rate limit of one run per five minutes), one request after the other in the
 * same order on both: the same status codes, the same JSON keys, the same headers, and the same
 * error values, except where ZooKeeper's 500 carries a null error and Warden names the damage.
 */
class AdminStateCommandsDifferentialTest {
    private static final String AUTH = "digest admin:secret";

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Pair(HttpResponse<byte[]> zk, HttpResponse<byte[]> warden) {
        JsonNode zkJson() throws Exception {
            return AdminSnapshotRestoreTest.json(zk);
        }

        JsonNode wardenJson() throws Exception {
            return AdminSnapshotRestoreTest.json(warden);
        }

        void sameStatusAndKeys(String what) throws Exception {
            assertThat(warden.statusCode()).as("status of %s", what).isEqualTo(zk.statusCode());
            assertThat(names(wardenJson())).as("keys of %s", what).isEqualTo(names(zkJson()));
        }

        void sameAnswer(String what) throws Exception {
            sameStatusAndKeys(what);
            assertThat(wardenJson()).as("answer to %s", what).isEqualTo(zkJson());
        }
    }

    private static TreeSet<String> names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void statusCodesAndErrorShapesMatchZooKeeper() throws Exception {
        ReferenceZooKeeper reference = ReferenceZooKeeper.start(dir.resolve("zk"), ServerOptions.defaults());
        int zkAdmin = freePort();
        JettyAdminServer referenceAdmin = new JettyAdminServer("127.0.0.1", zkAdmin, 30_000, "/commands", 11,
                false, false, false);
        referenceAdmin.setZooKeeperServer(reference.zooKeeperServer());
        referenceAdmin.start();
        WardenServer warden = WardenServer.start(ZooCfgParser.parse(List.of("tickTime=2000",
                "dataDir=" + dir.resolve("warden").toAbsolutePath(), "clientPort=0", "clientPortAddress=127.0.0.1",
                "admin.enableServer=true", "admin.serverAddress=127.0.0.1", "admin.serverPort=0"),
                "zoo.cfg (state commands)", Map.of()).config());
        int wdAdmin = warden.adminPort();
        try {
            new Pair(AdminSnapshotRestoreTest.get(zkAdmin, "/commands/snapshot"),
                    AdminSnapshotRestoreTest.get(wdAdmin, "/commands/snapshot")).sameAnswer("snapshot without auth");
            for (String header : List.of("digest", "nosuchscheme data", "digest ")) {
                new Pair(AdminSnapshotRestoreTest.get(zkAdmin, "/commands/snap", "Authorization", header),
                        AdminSnapshotRestoreTest.get(wdAdmin, "/commands/snap", "Authorization", header))
                        .sameAnswer("snapshot with '" + header + "'");
            }
            new Pair(AdminSnapshotRestoreTest.post(zkAdmin, "/commands/restore", new byte[] {1}),
                    AdminSnapshotRestoreTest.post(wdAdmin, "/commands/restore", new byte[] {1}))
                    .sameAnswer("restore without auth");

            Pair taken = new Pair(
                    AdminSnapshotRestoreTest.get(zkAdmin, "/commands/snapshot?streaming=false", "Authorization", AUTH),
                    AdminSnapshotRestoreTest.get(wdAdmin, "/commands/snapshot?streaming=false", "Authorization",
                            AUTH));
            taken.sameAnswer("snapshot without streaming");
            for (String header : List.of("last_zxid", "snapshot_size", "content-type")) {
                assertThat(taken.warden().headers().firstValue(header)).as(header).isPresent();
                assertThat(taken.zk().headers().firstValue(header)).as(header).isPresent();
            }
            assertThat(taken.warden().headers().firstValue("last_zxid").orElseThrow()).matches("0x[0-9a-f]+");
            new Pair(AdminSnapshotRestoreTest.get(zkAdmin, "/commands/snapshot", "Authorization", AUTH),
                    AdminSnapshotRestoreTest.get(wdAdmin, "/commands/snapshot", "Authorization", AUTH))
                    .sameAnswer("snapshot again within the rate limit");

            Pair damaged = new Pair(
                    AdminSnapshotRestoreTest.post(zkAdmin, "/commands/restore", new byte[64], "Authorization", AUTH),
                    AdminSnapshotRestoreTest.post(wdAdmin, "/commands/restore", new byte[64], "Authorization", AUTH));
            damaged.sameStatusAndKeys("restore of a damaged snapshot");
            assertThat(damaged.wardenJson().get("command")).isEqualTo(damaged.zkJson().get("command"));
            new Pair(AdminSnapshotRestoreTest.post(zkAdmin, "/commands/rest", new byte[64], "Authorization", AUTH),
                    AdminSnapshotRestoreTest.post(wdAdmin, "/commands/rest", new byte[64], "Authorization", AUTH))
                    .sameAnswer("restore again within the rate limit");

            for (int port : List.of(reference.clientPort(), warden.clientPort())) {
                try (ZooKeeper zk = AdminSnapshotRestoreTest.connect(port)) {
                    zk.setACL("/", new ArrayList<>(List.of(new ACL(ZooDefs.Perms.ALL, new Id("digest",
                            DigestAuthenticationProvider.generateDigest("admin:secret"))))), -1);
                }
            }
            for (String header : List.of("digest admin:wrong", "ip 127.0.0.1")) {
                new Pair(AdminSnapshotRestoreTest.get(zkAdmin, "/commands/snapshot", "Authorization", header),
                        AdminSnapshotRestoreTest.get(wdAdmin, "/commands/snapshot", "Authorization", header))
                        .sameAnswer("snapshot with '" + header + "' and a closed root ACL");
            }
        } finally {
            warden.close();
            referenceAdmin.shutdown();
            reference.close();
        }
    }
}
