package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** restart-wait against a real in-process Warden server that is started (again) while it polls. */
class RestartWaitTest {
    static final int NODES = 60;
    static final int FANOUT = 25;
    static final Duration WAIT_MAX = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private InProcessServer server;
    private Thread probeThread;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @AfterEach
    void stop() throws InterruptedException {
        if (probeThread != null) {
            probeThread.interrupt();
            probeThread.join(TimeUnit.SECONDS.toMillis(30));
        }
        if (server != null) {
            server.close();
        }
    }

    private InProcessServer start(int port) throws IOException {
        return new InProcessServer(dir).start(port);
    }

    private BenchResult run(BenchSettings settings) throws Exception {
        return BenchRunner.run(settings, new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    private static BenchSettings restartWait(int port, long nodes, int timeLimitSeconds) {
        return new BenchSettings(List.of(new ServerAddress("127.0.0.1", port)), Scenario.RESTART_WAIT, 1, 1, 0, 0,
                100, 1, 0, timeLimitSeconds, "warden", false, nodes, FANOUT, false, 20);
    }

    @Test
    void aProbeWaitsForAServerThatStartsLateThenForItsPopulation() throws Exception {
        int port = InProcessServer.freePort();
        PopulateLayout population = new PopulateLayout(NODES, FANOUT);
        long start = System.nanoTime();
        ReadinessProbe probe = new ReadinessProbe(new ServerAddress("127.0.0.1", port), population, start,
                start + WAIT_MAX.toNanos(), 20);
        probeThread = new Thread(probe, "probe");
        probeThread.start();
        await().atMost(WAIT_MAX).until(() -> probe.attempts() >= 3);
        assertThat(probe.listeningNanos()).isEqualTo(ReadinessProbe.NOT_YET);
        assertThat(probe.lastProblem()).contains("cannot connect");

        server = start(port);
        await().atMost(WAIT_MAX).until(() -> probe.sessionNanos() != ReadinessProbe.NOT_YET);
        // The server is up but holds no population yet: the probe keeps polling on its session.
        await().atMost(WAIT_MAX).until(() -> probe.lastProblem().contains("NONODE"));
        assertThat(probe.servingNanos()).isEqualTo(ReadinessProbe.NOT_YET);

        BenchResult populated = run(new BenchSettings(List.of(new ServerAddress("127.0.0.1", port)),
                Scenario.POPULATE, 2, 10, 0, 0, 16, 1, 0, 60, "warden", false, NODES, FANOUT, true));
        assertThat(populated.errors()).isEmpty();

        probeThread.join(WAIT_MAX.toMillis());
        assertThat(probeThread.isAlive()).isFalse();
        assertThat(probe.listeningNanos()).isPositive();
        assertThat(probe.sessionNanos()).isGreaterThanOrEqualTo(probe.listeningNanos());
        assertThat(probe.servingNanos()).isGreaterThan(probe.sessionNanos());
        assertThat(probe.attempts()).isGreaterThan(3);
    }

    @Test
    void restartWaitTimesARestartWithAPopulation() throws Exception {
        server = start(0);
        int port = server.clientPort();
        BenchResult populated = run(new BenchSettings(List.of(new ServerAddress("127.0.0.1", port)),
                Scenario.POPULATE, 2, 10, 0, 0, 16, 1, 0, 60, "warden", false, NODES, FANOUT, true));
        assertThat(populated.counters()).containsEntry("nodes", (long) NODES);
        server.close();
        server = null;

        server = start(port);
        BenchResult result = run(restartWait(port, NODES, 60));

        assertThat(result.errors()).isEmpty();
        assertThat(result.unit()).isEqualTo("servers");
        assertThat(result.operations()).isEqualTo(1);
        assertThat(result.counters()).containsEntry("servers", 1L).containsEntry("serving", 1L);
        assertThat(result.timingsMillis()).containsOnlyKeys("listening", "session", "serving");
        assertThat(result.timingsMillis().get("session")).isGreaterThanOrEqualTo(result.timingsMillis().get("listening"));
        assertThat(result.timingsMillis().get("serving")).isGreaterThanOrEqualTo(result.timingsMillis().get("session"));
        assertThat(result.timeline().isEmpty()).isTrue();
        assertThat(result.notes()).anyMatch(note -> note.startsWith("127.0.0.1:" + port + ": listening "));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("restart-wait on 127.0.0.1:" + port
                + ": waiting for a session, a read of /warden-bench/populate/p-000002/n-000009 and 60 nodes");
        assertThat(JsonReport.format(result)).contains("\"scenario\":\"restart-wait\"").contains("\"timingsMillis\":{")
                .contains("\"nodes\":60,\"fanout\":25,\"pollIntervalMs\":20");
        assertThat(TextReport.format(result)).contains("serving            1 of 1 servers");
    }

    @Test
    void aServerThatNeverComesUpIsReportedAfterTheTimeLimit() throws Exception {
        int port = InProcessServer.freePort();

        BenchResult result = run(restartWait(port, 0, 1));

        assertThat(result.operations()).isZero();
        assertThat(result.errors()).containsEntry(RestartWaitScenario.NOT_SERVING, 1L);
        assertThat(result.timingsMillis()).isEmpty();
        assertThat(result.notes()).anyMatch(note -> note.contains("did not serve within 1 s")
                && note.contains("cannot connect"));
    }

    @Test
    void theCommandRefusesAPlotAndRunsWithoutAPopulation() throws Exception {
        server = start(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchCommand refused = new BenchCommand();
        new CommandLine(refused).parseArgs("--scenario", "restart-wait", "--plot", dir.resolve("x.svg").toString());
        assertThat(refused.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--plot: restart-wait has no timeline");

        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs("--scenario", "restart-wait", "--servers", "127.0.0.1:" + server.clientPort(),
                "--pid", Long.toString(ProcessHandle.current().pid()), "--json");
        int status = command.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"scenario\":\"restart-wait\"")
                .contains("\"nodes\":0").contains("\"serving\":").contains("\"processes\":[{\"pid\":"
                        + ProcessHandle.current().pid() + ",\"rssKiB\":");
    }
}
