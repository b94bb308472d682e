package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The AdminServer's ensemble commands and {@code mntr}, per role, on a real Apache ZooKeeper 3.9.3
 * ensemble ({@code QuorumPeerMain} processes) and a Warden ensemble of the same shape (processes):
 * three voters and an observer each, every member with its AdminServer. The answers of the leader,
 * a follower and the observer are compared key by key (keys and value types), and by value where
 * the two must agree: who leads, the voting view of the same configuration (ports named by the
 * member and purpose they belong to), the observers the leader has, the server state.
 */
class EnsembleAdminDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Smaller, faster-starting JVMs: eight of them share the machine. */
    private static final List<String> JVM_ARGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m");
    private static final int VOTERS = 3;
    private static final int OBSERVER_ID = VOTERS + 1;
    private static final Pattern SERVER_LINE = Pattern.compile(
            "server\\.(\\d+)=[^:]+:(\\d+):(\\d+)(?::\\w+)?;[^:]+:(\\d+)");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+\\.[0-9]+(E-?[0-9]+)?");

    /** A role, and which member has it in an ensemble. */
    enum Role {
        LEADER(side -> side.leader),
        FOLLOWER(side -> side.follower),
        OBSERVER(side -> OBSERVER_ID);

        private final Function<Side, Integer> member;

        Role(Function<Side, Integer> member) {
            this.member = member;
        }

        int of(Side side) {
            return member.apply(side);
        }
    }

    /** One of the two ensembles, with the member that leads and a member that follows. */
    record Side(String name, EnsembleProcesses ensemble, int leader, int follower, Map<Integer, String> portNames) {
    }

    @TempDir
    static Path dir;
    private static EnsembleProcesses zookeeperProcesses;
    private static EnsembleProcesses wardenProcesses;
    private static Side zookeeper;
    private static Side warden;

    @BeforeAll
    static void startEnsembles() throws Exception {
        // One ensemble settles before the next starts: eight JVMs starting at once on two cores
        // kept a ZooKeeper member from settling within the wait once.
        zookeeperProcesses = EnsembleProcesses.startWithAdminServers(dir.resolve("zookeeper"), VOTERS, 1, JVM_ARGS,
                ServerProcess.Program.ZOOKEEPER);
        zookeeper = settle("zookeeper", zookeeperProcesses);
        wardenProcesses = EnsembleProcesses.startWithAdminServers(dir.resolve("warden"), VOTERS, 1, JVM_ARGS,
                ServerProcess.Program.WARDEN);
        warden = settle("warden", wardenProcesses);
    }

    @AfterAll
    static void stopEnsembles() {
        if (zookeeperProcesses != null) {
            zookeeperProcesses.close();
        }
        if (wardenProcesses != null) {
            wardenProcesses.close();
        }
    }

    /**
     * Waits until one member leads, the others follow or observe, every member's AdminServer
     * names that leader and the leader has its followers and observer synchronised; then writes a
     * node, so that the write path's metrics are not all idle.
     */
    private static Side settle(String name, EnsembleProcesses ensemble) throws Exception {
        int leader;
        java.util.concurrent.atomic.AtomicReference<String> lastSeen = new java.util.concurrent.atomic.AtomicReference<>("");
        try {
            leader = ensemble.awaitLeader();
            await().atMost(TestClient.WAIT.multipliedBy(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                for (int id = 1; id <= ensemble.size(); id++) {
                    lastSeen.set("member " + id + "'s leader command did not answer");
                    JsonNode answer = get(ensemble.adminPort(id), "leader");
                    lastSeen.set("member " + id + " answered leader with " + answer);
                    if (!answer.get("error").isNull() || answer.get("leader_id").asInt() != leader) {
                        return false;
                    }
                }
                lastSeen.set("leader " + leader + ": followers or observer not synchronised");
                return get(ensemble.adminPort(leader), "observers").get("synced_observers").asInt() == 1
                        && ensemble.member(leader).mntr("zk_synced_followers") == VOTERS - 1;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the " + name + " ensemble did not settle (last seen: " + lastSeen.get()
                    + "); its logs:\n" + ensemble.logs(), e);
        }
        writeOneNode(ensemble.connectString());
        int follower = leader == 1 ? 2 : 1;
        return new Side(name, ensemble, leader, follower, portNames(ensemble));
    }

    private static void writeOneNode(String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            assertThat(connected.await(TestClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            zk.create("/views", "x".getBytes(StandardCharsets.US_ASCII), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT);
            assertThat(zk.getData("/views", false, null)).isEqualTo("x".getBytes(StandardCharsets.US_ASCII));
        } finally {
            zk.close();
        }
    }

    /** Each port of the ensemble's server lines by what it is: "s2.quorum", "s2.election", "s2.client". */
    private static Map<Integer, String> portNames(EnsembleProcesses ensemble) throws IOException {
        Map<Integer, String> names = new TreeMap<>();
        for (String line : Files.readAllLines(ensemble.member(1).configFile())) {
            Matcher m = SERVER_LINE.matcher(line);
            if (m.matches()) {
                names.put(Integer.parseInt(m.group(2)), "s" + m.group(1) + ".quorum");
                names.put(Integer.parseInt(m.group(3)), "s" + m.group(1) + ".election");
                names.put(Integer.parseInt(m.group(4)), "s" + m.group(1) + ".client");
            }
        }
        assertThat(names).hasSize(3 * ensemble.size());
        return names;
    }

    private static JsonNode get(int port, String command) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/commands/" + command))
                .timeout(TestClient.WAIT).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("status of %s", command).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode get(Side side, Role role, String command) {
        return get(side.ensemble.adminPort(role.of(side)), command);
    }

    /** The answer with every port of the side's server lines replaced by its name. */
    private static JsonNode withPortsNamed(Side side, JsonNode answer) throws IOException {
        Matcher m = Pattern.compile(":(\\d+)\"").matcher(JSON.writeValueAsString(answer));
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            String name = side.portNames.get(Integer.parseInt(m.group(1)));
            m.appendReplacement(text, Matcher.quoteReplacement(":" + (name == null ? m.group(1) : name) + "\""));
        }
        m.appendTail(text);
        return JSON.readTree(text.toString());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void leaderNamesTheSameLeaderOnEveryRole(Role role) {
        for (String command : List.of("leader", "lead")) {
            JsonNode zk = get(zookeeper, role, command);
            JsonNode wd = get(warden, role, command);
            JsonShapes.assertSameShape(command, zk, wd);
            assertThat(JsonShapes.names(zk)).containsExactlyInAnyOrder("is_leader", "leader_id", "leader_ip",
                    "command", "error");
            for (Map.Entry<Side, JsonNode> answer : Map.of(zookeeper, zk, warden, wd).entrySet()) {
                Side side = answer.getKey();
                assertThat(answer.getValue().get("is_leader").asBoolean()).as("%s is_leader", side.name)
                        .isEqualTo(role == Role.LEADER);
                assertThat(answer.getValue().get("leader_id").asInt()).as("%s leader_id", side.name)
                        .isEqualTo(side.leader);
            }
            assertThat(wd.get("leader_ip")).isEqualTo(zk.get("leader_ip"));
            assertThat(wd.get("error")).isEqualTo(zk.get("error"));
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void votingViewIsTheSameForTheSameConfiguration(Role role) throws IOException {
        JsonNode zk = withPortsNamed(zookeeper, get(zookeeper, role, "voting_view"));
        JsonNode wd = withPortsNamed(warden, get(warden, role, "voting_view"));
        assertThat(zk.at("/current_config").size()).as("voters only").isEqualTo(VOTERS);
        assertThat(wd).isEqualTo(zk);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void observersAreListedByTheLeaderOnly(Role role) {
        JsonNode zk = get(zookeeper, role, "obsr");
        JsonNode wd = get(warden, role, "obsr");
        JsonShapes.assertSameShape("observers", zk, wd);
        assertThat(wd.get("synced_observers")).isEqualTo(zk.get("synced_observers"));
        assertThat(wd.get("observers").size()).isEqualTo(zk.get("observers").size())
                .isEqualTo(role == Role.LEADER ? 1 : 0);
        if (role == Role.LEADER) {
            assertThat(wd.at("/observers/0/sid")).isEqualTo(zk.at("/observers/0/sid"));
            assertThat(wd.at("/observers/0/sid").asInt()).isEqualTo(OBSERVER_ID);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void serverStatsHaveTheRolesShape(Role role) {
        for (String command : List.of("srvr", "stat")) {
            JsonNode zk = get(zookeeper, role, command);
            JsonNode wd = get(warden, role, command);
            JsonShapes.assertSameShape(command, zk, wd);
            for (String pointer : List.of("/server_stats/server_state", "/read_only", "/error")) {
                assertThat(wd.at(pointer)).as("%s %s", command, pointer).isEqualTo(zk.at(pointer));
            }
            assertThat(zk.at("/server_stats/server_state").asText()).isEqualTo(role.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void configurationHasZooKeepersKeysOnEveryRole(Role role) {
        JsonNode zk = get(zookeeper, role, "conf");
        JsonNode wd = get(warden, role, "conf");
        JsonShapes.assertSameShape("conf", zk, wd);
        for (String pointer : List.of("/tick_time", "/max_client_cnxns", "/min_session_timeout",
                "/max_session_timeout", "/client_port_listen_backlog", "/error")) {
            assertThat(wd.at(pointer)).as(pointer).isEqualTo(zk.at(pointer));
        }
        assertThat(zk.get("server_id").asInt()).isEqualTo(role.of(zookeeper));
        assertThat(wd.get("server_id").asInt()).isEqualTo(role.of(warden));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void environmentHasZooKeepersKeysOnEveryRole(Role role) {
        JsonNode zk = get(zookeeper, role, "envi");
        JsonNode wd = get(warden, role, "envi");
        JsonShapes.assertSameShape("envi", zk, wd);
        assertThat(wd.get("java.version")).isEqualTo(zk.get("java.version"));
    }

    /** mntr, the four-letter word: the same keys per role (Warden may add warden_ keys), of the same types. */
    @ParameterizedTest
    @EnumSource(Role.class)
    void mntrHasZooKeepersKeysPerRole(Role role) {
        Map<String, String> zk = mntr(zookeeper, role);
        Map<String, String> wd = mntr(warden, role);
        assertSameKeys("mntr of the " + role, zk.keySet(), wd.keySet());
        for (String key : zk.keySet()) {
            assertThat(typeOf(wd.get(key))).as("mntr type of %s on the %s", key, role).isEqualTo(typeOf(zk.get(key)));
        }
        for (String key : List.of("zk_server_state", "zk_peer_state", "zk_quorum_size")) {
            assertThat(wd.get(key)).as(key).isEqualTo(zk.get(key));
        }
        if (role == Role.LEADER) {
            for (String key : List.of("zk_learners", "zk_synced_followers", "zk_synced_observers",
                    "zk_synced_non_voting_followers")) {
                assertThat(wd.get(key)).as(key).isEqualTo(zk.get(key));
            }
        }
        if (role == Role.OBSERVER) {
            assertThat(zk.get("zk_observer_master_id")).isEqualTo(Integer.toString(zookeeper.leader));
            assertThat(wd.get("zk_observer_master_id")).isEqualTo(Integer.toString(warden.leader));
        }
    }

    /** monitor, the AdminServer's mntr: the same keys per role (Warden may add warden_ keys), of the same types. */
    @ParameterizedTest
    @EnumSource(Role.class)
    void monitorHasZooKeepersKeysPerRole(Role role) {
        JsonNode zk = withoutDynamicKeys(get(zookeeper, role, "monitor"));
        JsonNode wd = get(warden, role, "monitor");
        assertSameKeys("monitor of the " + role, JsonShapes.names(zk), JsonShapes.names(wd));
        for (String key : JsonShapes.names(zk)) {
            assertThat(JsonShapes.kind(wd.get(key))).as("monitor type of %s on the %s", key, role)
                    .isEqualTo(JsonShapes.kind(zk.get(key)));
        }
        assertThat(wd.get("server_state")).isEqualTo(zk.get("server_state"));
        assertThat(wd.get("peer_state")).isEqualTo(zk.get("peer_state"));
    }

    @Test
    void theSameRolesWereCompared() {
        for (Side side : List.of(zookeeper, warden)) {
            for (Role role : Role.values()) {
                assertThat(side.ensemble.mode(role.of(side))).as("%s %s", side.name, role)
                        .contains(role.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /**
     * Keys ZooKeeper names after a learner ({@code zk_*_<sid>_learner_handler_qp_*}) or a namespace
     * ({@code zk_*_<namespace>_write_per_namespace}) depend on the ensemble and the writes.
     */
    private static boolean dynamicKey(String key) {
        return key.contains("learner_handler") || key.contains("_per_namespace");
    }

    private static Map<String, String> mntr(Side side, Role role) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : side.ensemble.member(role.of(side)).fourLetterWord("mntr").split("\n")) {
            int tab = line.indexOf('\t');
            assertThat(tab).as("%s mntr line '%s'", side.name, line).isPositive();
            String key = line.substring(0, tab);
            if (!dynamicKey(key)) {
                values.put(key, line.substring(tab + 1));
            }
        }
        return values;
    }

    private static JsonNode withoutDynamicKeys(JsonNode answer) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = answer.deepCopy();
        copy.remove(JsonShapes.names(answer).stream().filter(EnsembleAdminDifferentialTest::dynamicKey).toList());
        return copy;
    }

    /** Fails naming every key one side has and the other has not; Warden's own keys start with warden_. */
    private static void assertSameKeys(String what, Set<String> zk, Set<String> wd) {
        Set<String> missing = new TreeSet<>(zk);
        missing.removeAll(wd);
        Set<String> extra = new TreeSet<>(wd);
        extra.removeAll(zk);
        extra.removeIf(key -> key.startsWith("warden_"));
        assertThat(missing).as("%s: ZooKeeper's keys that Warden does not print", what).isEmpty();
        assertThat(extra).as("%s: Warden's keys that ZooKeeper does not print (other than warden_ keys)", what)
                .isEmpty();
    }

    private static String typeOf(String value) {
        if (value == null) {
            return "absent";
        }
        if (INTEGER.matcher(value).matches()) {
            return "integer";
        }
        if (DECIMAL.matcher(value).matches()) {
            return "decimal";
        }
        return "text";
    }
}
