package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.client.WardenClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** availability against a real in-process Warden server, once left alone and once restarted mid-run. */
class AvailabilityTest {
    static final Duration WAIT_MAX = Duration.ofSeconds(60);
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @TempDir
    Path dir;

    private InProcessServer server;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private BenchSettings settings(int port, long operations) {
        return settings(port, 1, operations);
    }

    private BenchSettings settings(int port, int sessions, long operations) {
        return new BenchSettings(List.of(new ServerAddress("127.0.0.1", port)), Scenario.AVAILABILITY, sessions, 1, 0,
                operations, 16, 1, 0, 120, "warden", false);
    }

    private BenchResult run(BenchSettings settings) throws Exception {
        return BenchRunner.run(settings, new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    private boolean nodeExists(int port) throws Exception {
        return nodeExists(port, AvailabilityScenario.NODE);
    }

    private boolean nodeExists(int port, String path) throws Exception {
        try (WardenClient client = WardenClient.connect("127.0.0.1:" + port)) {
            return client.exists(path).get(30, TimeUnit.SECONDS) != null;
        }
    }

    @Test
    void everyWriteIsAcknowledgedAndTheLongestGapIsReportedThenTheNodeGoes() throws Exception {
        int port = InProcessServer.freePort();
        server = new InProcessServer(dir).start(port);

        BenchResult result = run(settings(port, 300));

        assertThat(result.operations()).isEqualTo(300);
        assertThat(result.errors()).isEmpty();
        assertThat(result.latencies()).containsOnlyKeys("setData");
        assertThat(result.timingsMillis()).containsKeys("longest gap", "longest gap began");
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).startsWith("longest gap between acknowledged writes"));
        assertThat(result.timeline().points().stream().mapToLong(TimelinePoint::operations).sum()).isEqualTo(300);
        assertThat(TextReport.format(result)).contains("1 session, one write at a time each").contains("longest gap");
        assertThat(nodeExists(port)).as("the node is deleted at the end").isFalse();
    }

    @Test
    void severalSessionsWriteNodesOfTheirOwnAndTheLongestOneSessionWaitedIsReported() throws Exception {
        int port = InProcessServer.freePort();
        server = new InProcessServer(dir).start(port);

        BenchResult result = run(settings(port, 3, 600));

        assertThat(result.operations()).isEqualTo(600);
        assertThat(result.errors()).isEmpty();
        assertThat(result.timingsMillis()).containsKeys("longest gap", "longest gap began", "longest session gap");
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).startsWith("longest one session waited"));
        assertThat(result.timeline().points().stream().mapToLong(TimelinePoint::operations).sum()).isEqualTo(600);
        assertThat(TextReport.format(result)).contains("3 sessions, one write at a time each");
        for (int i = 0; i < 3; i++) {
            assertThat(nodeExists(port, AvailabilityScenario.nodeOf(i))).as("node %d is deleted at the end", i).isFalse();
        }
    }

    @Test
    void theLongestGapCoversAServerRestartAndTheSessionCarriesOn() throws Exception {
        int port = InProcessServer.freePort();
        server = new InProcessServer(dir).start(port);
        CompletableFuture<BenchResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run(settings(port, 3_000));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (WardenClient watcher = WardenClient.connect("127.0.0.1:" + port)) {
            await().atMost(WAIT_MAX).ignoreExceptions().until(() -> watcher.exists(AvailabilityScenario.NODE)
                    .get(5, TimeUnit.SECONDS).version() >= 100);
        }
        server.close();
        long downFrom = System.nanoTime();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .as("nothing listens while the server is down").isInstanceOf(ConnectException.class);
        long downUntil = System.nanoTime();
        server.start(port);

        BenchResult result = running.get(WAIT_MAX.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.operations()).as("every measured write was acknowledged in the end").isEqualTo(3_000);
        // A write sent while the client reconnects waits for the connection instead of failing, so
        // the client may see no error at all; but its session must survive the restart.
        assertThat(result.notes()).noneSatisfy(n -> assertThat(n).contains("session expired"));
        double longestMs = result.timingsMillis().get("longest gap");
        assertThat(longestMs * MS).as("no write can be acknowledged while the server is down")
                .isGreaterThanOrEqualTo((double) (downUntil - downFrom));
        assertThat(nodeExists(port)).isFalse();
    }

    @Test
    void gapsAreBetweenConsecutiveAcknowledgementsAndTheLongOnesAreListed() {
        AvailabilityScenario.Gaps gaps = new AvailabilityScenario.Gaps(0);
        for (long atMs : new long[] {5, 10, 20, 150, 160, 400, 410}) {
            gaps.acknowledged(atMs * MS);
        }

        assertThat(gaps.count()).isEqualTo(7);
        assertThat(gaps.longestNanos()).isEqualTo(240 * MS);
        assertThat(gaps.longestStartNanos()).isEqualTo(160 * MS);
        assertThat(gaps.listed()).extracting(g -> g[0] / MS, g -> g[1] / MS)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(20L, 130L),
                        org.assertj.core.groups.Tuple.tuple(160L, 240L));
        assertThat(gaps.lastNanos()).isEqualTo(410 * MS);
    }
}
