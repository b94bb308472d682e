package io.warden.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ZooCfgParser;

/**
 * The console on an ensemble of three members in this JVM, over plain HTTP: the leader's view
 * shows its followers with their acknowledged zxids and lag, a follower's names its leader, and an
 * edit made through a follower's console is forwarded to the leader and replicated.
 */
class ConsoleEnsembleTest {
    private static final int SIZE = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static final List<WardenServer> members = new ArrayList<>();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        int[][] ports = new int[SIZE + 1][3];
        for (int id = 1; id <= SIZE; id++) {
            ports[id] = new int[] {freePort(), freePort(), freePort()};
        }
        for (int id = 1; id <= SIZE; id++) {
            Path data = Files.createDirectories(dir.resolve("member" + id));
            Files.writeString(data.resolve("myid"), id + "\n", StandardCharsets.US_ASCII);
            List<String> lines = new ArrayList<>(List.of("tickTime=300", "initLimit=10", "syncLimit=5",
                    "dataDir=" + data, "forceSync=no", "admin.enableServer=true", "admin.serverAddress=127.0.0.1",
                    "admin.serverPort=0"));
            for (int other = 1; other <= SIZE; other++) {
                lines.add("server." + other + "=127.0.0.1:" + ports[other][0] + ":" + ports[other][1]
                        + ";127.0.0.1:" + ports[other][2]);
            }
            members.add(WardenServer.start(ZooCfgParser.parse(lines, "zoo.cfg (member " + id + ")", Map.of())
                    .config(), null));
        }
    }

    /** A port free now (the members bind them moments later, as the other ensemble tests do). */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        for (WardenServer member : members) {
            member.close();
        }
    }

    private static HttpResponse<String> get(WardenServer member, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + member.adminPort() + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ensemble(WardenServer member) throws IOException, InterruptedException {
        return JSON.readTree(get(member, "/console/api/ensemble").body());
    }

    /** The member whose view says it leads with both followers synchronised. */
    private static WardenServer leaderWithSyncedFollowers() {
        return await("a leader with two synchronised followers").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                    for (WardenServer member : members) {
                        JsonNode view = ensemble(member);
                        int synced = 0;
                        for (JsonNode m : view.get("members")) {
                            synced += m.path("synced").asBoolean(false) ? 1 : 0;
                        }
                        if (view.get("role").asText().equals("leader") && synced == SIZE - 1) {
                            return member;
                        }
                    }
                    return null;
                }, m -> m != null);
    }

    @Test
    void theLeaderShowsItsFollowersZxidsAndLagAndAFollowerItsLeader() throws Exception {
        WardenServer leader = leaderWithSyncedFollowers();
        JsonNode view = ensemble(leader);
        long leaderId = view.get("answeredBy").asLong();
        assertThat(view.get("leader").asLong()).isEqualTo(leaderId);
        assertThat(view.get("members")).hasSize(SIZE);
        for (JsonNode member : view.get("members")) {
            if (member.get("self").asBoolean()) {
                assertThat(member.get("role").asText()).isEqualTo("leader");
                assertThat(member.get("lastZxid").asText()).startsWith("0x");
            } else {
                assertThat(member.get("role").asText()).isEqualTo("follower");
                assertThat(member.get("lastZxid").asText()).startsWith("0x");
                assertThat(member.get("lag").asLong()).isGreaterThanOrEqualTo(0);
            }
        }
        WardenServer follower = members.stream().filter(m -> m != leader).findFirst().orElseThrow();
        JsonNode followerView = ensemble(follower);
        assertThat(followerView.get("role").asText()).isEqualTo("follower");
        assertThat(followerView.get("leader").asLong()).isEqualTo(leaderId);
        assertThat(followerView.get("answeredBy").asLong()).isNotEqualTo(leaderId);
    }

    @Test
    void anEditThroughAFollowersConsoleIsForwardedAndReplicated() throws Exception {
        WardenServer leader = leaderWithSyncedFollowers();
        WardenServer follower = members.stream().filter(m -> m != leader).findFirst().orElseThrow();
        await("the follower serves clients").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> ensemble(follower).get("serving").asBoolean());
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + follower.adminPort() + "/console/api/edit/create")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("X-Warden-Console", "1")
                .header("Authorization", "digest ops:pw")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/via-follower\",\"data\":\"replicated\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        for (WardenServer member : members) {
            await("the node on every member").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> JSON.readTree(get(member, "/console/api/node?path=/via-follower")
                            .body()).path("data").path("value").asText().equals("replicated"));
        }
    }
}
