package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.admin.JettyAdminServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ZooCfgParser;

/**
 * The AdminServer's commands on Warden and on Apache ZooKeeper 3.9.3 (its JettyAdminServer), both
 * put in the same state: one session with a persistent node, an ephemeral child and two watches.
 * Each command's JSON has the same keys and value types on both, and the same values wherever they
 * do not depend on timing, ids or the machine.
 */
class AdminServerDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static ReferenceZooKeeper reference;
    private static JettyAdminServer referenceAdmin;
    private static int referenceAdminPort;
    private static WardenServer warden;
    private static final List<ZooKeeper> clients = new ArrayList<>();
    private static final Map<String, Long> sessionIds = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        reference = ReferenceZooKeeper.start(dir.resolve("zk"), ServerOptions.defaults());
        referenceAdminPort = freePort();
        referenceAdmin = new JettyAdminServer("127.0.0.1", referenceAdminPort, 30_000, "/commands", 11, false, false,
                false);
        referenceAdmin.setZooKeeperServer(reference.zooKeeperServer());
        referenceAdmin.start();
        warden = WardenServer.start(ZooCfgParser.parse(List.of("tickTime=" + ReferenceZooKeeper.TICK_TIME_MS,
                "dataDir=" + dir.resolve("warden").toAbsolutePath(), "clientPort=0", "clientPortAddress=127.0.0.1",
                "admin.enableServer=true", "admin.serverAddress=127.0.0.1", "admin.serverPort=0"),
                "zoo.cfg (admin test)", Map.of()).config());
        sessionIds.put("zk", populate("127.0.0.1:" + reference.clientPort()));
        sessionIds.put("warden", populate("127.0.0.1:" + warden.clientPort()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * One session: /a, its ephemeral child /a/e, a data watch on /a and an exists watch on /b.
     * (Child watches, which the listings leave out, are covered by WatchListingsDifferentialTest.)
     */
    private static long populate(String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        clients.add(zk);
        assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();
        zk.create("/a", "x".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/a/e", "y".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        zk.getData("/a", true, null);
        zk.exists("/b", true);
        return zk.getSessionId();
    }

    @AfterAll
    static void stop() throws Exception {
        for (ZooKeeper zk : clients) {
            zk.close();
        }
        if (warden != null) {
            warden.close();
        }
        if (referenceAdmin != null) {
            referenceAdmin.shutdown();
        }
        if (reference != null) {
            reference.close();
        }
    }

    record Answer(int status, String body) {
    }

    private static Answer get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(java.time.Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** The JSON with this server's session id replaced by a placeholder, so both can be compared. */
    private static JsonNode json(String server, Answer answer) throws IOException {
        return JSON.readTree(answer.body().replace(Long.toString(sessionIds.get(server)), "1"));
    }

    private static JsonNode[] both(String path, String... headers) throws Exception {
        Answer zk = get(referenceAdminPort, path, headers);
        Answer wd = get(warden.adminPort(), path, headers);
        assertThat(wd.status()).as("status of %s", path).isEqualTo(zk.status());
        return new JsonNode[] {json("zk", zk), json("warden", wd)};
    }

    private static void assertSameShape(String where, JsonNode zk, JsonNode warden) {
        JsonShapes.assertSameShape(where, zk, warden);
    }

    private static String kind(JsonNode node) {
        return JsonShapes.kind(node);
    }

    private static TreeSet<String> names(JsonNode node) {
        return JsonShapes.names(node);
    }

    private static void assertSameValues(JsonNode zk, JsonNode warden, String... pointers) {
        for (String pointer : pointers) {
            assertThat(warden.at(pointer)).as("value at %s", pointer).isEqualTo(zk.at(pointer));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ruok", "watch_summary", "wchs", "watches", "wchc", "watches_by_path", "wchp",
            "is_read_only", "isro", "leader", "voting_view", "observers", "hash", "no_such_command"})
    void commandsWhoseWholeAnswerIsDeterministicAreEqual(String command) throws Exception {
        JsonNode[] answers = both("/commands/" + command);
        assertThat(answers[1]).isEqualTo(answers[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"srvr", "stat", "server_stats", "stats"})
    void serverStatsHaveTheSameShapeAndCounts(String command) throws Exception {
        JsonNode[] answers = both("/commands/" + command);
        assertSameShape(command, answers[0], answers[1]);
        assertSameValues(answers[0], answers[1], "/command", "/error", "/read_only", "/node_count",
                "/server_stats/server_state", "/server_stats/num_alive_client_connections",
                "/server_stats/outstanding_requests", "/server_stats/provider_null");
    }

    @Test
    void connectionsHaveTheSameShape() throws Exception {
        JsonNode[] answers = both("/commands/cons");
        assertSameShape("cons", answers[0], answers[1]);
        assertThat(answers[1].get("connections")).hasSize(1);
        assertSameValues(answers[0], answers[1], "/command", "/connections/0/session_id",
                "/connections/0/session_timeout", "/connections/0/outstanding_requests",
                "/connections/0/interest_ops", "/secure_connections");
    }

    @Test
    void configurationHasTheSameKeysAndSettings() throws Exception {
        JsonNode[] answers = both("/commands/conf");
        assertSameShape("conf", answers[0], answers[1]);
        assertSameValues(answers[0], answers[1], "/command", "/tick_time", "/max_client_cnxns",
                "/min_session_timeout", "/max_session_timeout", "/server_id", "/client_port_listen_backlog");
    }

    @Test
    void environmentHasTheSameKeys() throws Exception {
        JsonNode[] answers = both("/commands/envi");
        assertSameShape("envi", answers[0], answers[1]);
        assertSameValues(answers[0], answers[1], "/command", "/java.version", "/os.name", "/user.dir");
    }

    @Test
    void dumpHasTheSameEphemeralsAndSessionCount() throws Exception {
        JsonNode[] answers = both("/commands/dump");
        assertThat(names(answers[1])).isEqualTo(names(answers[0]));
        assertSameValues(answers[0], answers[1], "/command", "/error", "/session_id_to_ephemeral_paths");
        // Expiry buckets depend on timing (ZooKeeper may briefly list a session under two): compare the sessions.
        assertThat(sessionsIn(answers[1].get("expiry_time_to_session_ids")))
                .isEqualTo(sessionsIn(answers[0].get("expiry_time_to_session_ids"))).containsExactly(1L);
    }

    private static TreeSet<Long> sessionsIn(JsonNode byExpiry) {
        TreeSet<Long> sessions = new TreeSet<>();
        byExpiry.forEach(bucket -> bucket.forEach(id -> sessions.add(id.asLong())));
        return sessions;
    }

    /** Warden's monitor has mntr's keys; each of ZooKeeper's that Warden has carries the same type and count. */
    @Test
    void monitorSharesZooKeepersCoreKeys() throws Exception {
        JsonNode[] answers = both("/commands/monitor");
        TreeSet<String> wardenKeys = names(answers[1]);
        wardenKeys.retainAll(names(answers[0]));
        assertThat(wardenKeys).contains("version", "server_state", "uptime", "avg_latency", "max_latency",
                "min_latency", "packets_received", "packets_sent", "num_alive_connections", "outstanding_requests",
                "znode_count", "watch_count", "ephemerals_count", "approximate_data_size", "global_sessions",
                "local_sessions", "command", "error");
        for (String key : wardenKeys) {
            assertThat(kind(answers[1].get(key))).as("type of %s", key).isEqualTo(kind(answers[0].get(key)));
        }
        assertSameValues(answers[0], answers[1], "/server_state", "/znode_count", "/watch_count",
                "/ephemerals_count", "/num_alive_connections", "/global_sessions", "/outstanding_requests");
    }

    @Test
    void stateChangingCommandsNeedAuthentication() throws Exception {
        for (String command : List.of("snapshot", "restore")) {
            JsonNode[] answers = both("/commands/" + command);
            assertThat(answers[1]).isEqualTo(answers[0]);
        }
    }

    @Test
    void theCommandListOffersOnlyZooKeepersCommands() throws Exception {
        Answer zk = get(referenceAdminPort, "/commands");
        Answer wd = get(warden.adminPort(), "/commands");
        assertThat(wd.status()).isEqualTo(zk.status()).isEqualTo(200);
        List<String> wardenLinks = wd.body().lines().filter(line -> line.startsWith("<a href")).toList();
        assertThat(wardenLinks).hasSizeGreaterThan(10);
        assertThat(zk.body().lines().toList()).containsAll(wardenLinks);
        assertThat(get(warden.adminPort(), "/elsewhere").status()).isEqualTo(get(referenceAdminPort, "/elsewhere")
                .status()).isEqualTo(404);
    }
}
