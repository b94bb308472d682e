package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ZooCfgParser;

/**
 * The AdminServer's snapshot and restore end to end on a standalone Warden: a snapshot taken over
 * HTTP with credentials, the tree changed, a damaged snapshot refused with nothing changed, the
 * snapshot restored, and the restored tree (with what was written after the restore) still there
 * after the server restarts on the same data directory.
 */
class AdminSnapshotRestoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH = "digest admin:secret";

    @TempDir
    Path dir;

    private WardenServer start(String... extraLines) throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of("tickTime=2000",
                "dataDir=" + dir.resolve("data").toAbsolutePath(), "clientPort=0", "clientPortAddress=127.0.0.1",
                "admin.enableServer=true", "admin.serverAddress=127.0.0.1", "admin.serverPort=0"));
        lines.addAll(List.of(extraLines));
        return WardenServer.start(ZooCfgParser.parse(lines, "zoo.cfg (snapshot test)", Map.of()).config());
    }

    static ZooKeeper connect(int port) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper("127.0.0.1:" + port, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();
        return zk;
    }

    static HttpResponse<byte[]> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> post(int port, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String data(ZooKeeper zk, String path) throws Exception {
        return new String(zk.getData(path, false, null), StandardCharsets.UTF_8);
    }

    @Test
    void aSnapshotTakenOverHttpIsRestoredDurably() throws Exception {
        WardenServer server = start("admin.rateLimiterIntervalInMS=0");
        byte[] snapshot;
        try (ZooKeeper zk = connect(server.clientPort())) {
            zk.create("/kept", "one".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            zk.create("/deleted-later", "two".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

            assertThat(get(server.adminPort(), "/commands/snapshot").statusCode()).isEqualTo(401);
            HttpResponse<byte[]> taken = get(server.adminPort(), "/commands/snapshot?streaming=true",
                    "Authorization", AUTH);
            assertThat(taken.statusCode()).isEqualTo(200);
            assertThat(taken.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(taken.headers().firstValue("snapshot_size")).hasValue(Integer.toString(taken.body().length));
            assertThat(taken.headers().firstValue("last_zxid").orElseThrow()).startsWith("0x");
            snapshot = taken.body();

            zk.setData("/kept", "changed".getBytes(), -1);
            zk.delete("/deleted-later", -1);
            zk.create("/created-later", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

            byte[] damaged = snapshot.clone();
            damaged[damaged.length / 2] ^= 0x5A;
            HttpResponse<byte[]> refused = post(server.adminPort(), "/commands/restore", damaged,
                    "Authorization", AUTH);
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(json(refused).get("error").asText()).contains("nothing restored");
            assertThat(data(zk, "/kept")).isEqualTo("changed");
            assertThat(zk.exists("/created-later", false)).isNotNull();
            assertThat(post(server.adminPort(), "/commands/restore", snapshot).statusCode()).isEqualTo(401);
        }

        HttpResponse<byte[]> restored = post(server.adminPort(), "/commands/rest", snapshot, "Authorization", AUTH);
        assertThat(restored.statusCode()).as(new String(restored.body())).isEqualTo(200);
        JsonNode answer = json(restored);
        assertThat(answer.get("command").asText()).isEqualTo("restore");
        assertThat(answer.get("error").isNull()).isTrue();
        assertThat(answer.get("last_zxid").isIntegralNumber()).isTrue();

        try (ZooKeeper zk = connect(server.clientPort())) {
            assertThat(data(zk, "/kept")).isEqualTo("one");
            assertThat(data(zk, "/deleted-later")).isEqualTo("two");
            assertThat(zk.exists("/created-later", false)).isNull();
            zk.create("/after-restore", "three".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            assertThat(zk.exists("/after-restore", false).getCzxid()).isGreaterThan(answer.get("last_zxid").asLong());
        }
        server.close();

        WardenServer restarted = start();
        try (ZooKeeper zk = connect(restarted.clientPort())) {
            assertThat(data(zk, "/kept")).isEqualTo("one");
            assertThat(data(zk, "/deleted-later")).isEqualTo("two");
            assertThat(zk.exists("/created-later", false)).isNull();
            assertThat(data(zk, "/after-restore")).isEqualTo("three");
        } finally {
            restarted.close();
        }
        try (var files = Files.list(dir.resolve("data").resolve("warden-1"))) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("restore-"));
        }
    }

    @Test
    void credentialsAreCheckedAgainstTheRootAclAndTheRateIsLimited() throws Exception {
        WardenServer server = start();
        try (ZooKeeper zk = connect(server.clientPort())) {
            zk.addAuthInfo("digest", "admin:secret".getBytes());
            zk.setACL("/", new java.util.ArrayList<>(List.of(
                    new ACL(ZooDefs.Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest(
                            "admin:secret"))))), -1);
            HttpResponse<byte[]> wrong = get(server.adminPort(), "/commands/snapshot", "Authorization",
                    "digest admin:wrong");
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(json(wrong).get("error").asText()).isEqualTo("Not authorized");
            HttpResponse<byte[]> ip = get(server.adminPort(), "/commands/snapshot", "Authorization", "ip 127.0.0.1",
                    "X-Forwarded-For", "127.0.0.1");
            assertThat(ip.statusCode()).isEqualTo(403);
            assertThat(post(server.adminPort(), "/commands/restore", new byte[] {1, 2, 3}, "Authorization",
                    "digest admin:wrong").statusCode()).isEqualTo(403);

            HttpResponse<byte[]> first = get(server.adminPort(), "/commands/snapshot?streaming=false",
                    "Authorization", AUTH);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(json(first).get("error").isNull()).isTrue();
            assertThat(first.headers().firstValue("snapshot_size")).isPresent();
            HttpResponse<byte[]> second = get(server.adminPort(), "/commands/snapshot", "Authorization", AUTH);
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(json(second).get("error").isNull()).isTrue();
        } finally {
            server.close();
        }
    }

    @Test
    void disabledCommandsAndOversizedUploadsAreRefused() throws Exception {
        WardenServer server = start("admin.snapshot.enabled=false", "warden.admin.restore.maxBytes=100");
        try {
            HttpResponse<byte[]> snapshot = get(server.adminPort(), "/commands/snapshot", "Authorization", AUTH);
            assertThat(snapshot.statusCode()).isEqualTo(503);
            HttpResponse<byte[]> tooLarge = post(server.adminPort(), "/commands/restore", new byte[1000],
                    "Authorization", AUTH);
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(json(tooLarge).get("error").asText()).contains("warden.admin.restore.maxBytes");
            assertThat(get(server.adminPort(), "/commands/restore", "Authorization", AUTH).statusCode())
                    .isEqualTo(405);
        } finally {
            server.close();
        }
    }
}
