package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Whole runs, bounded by operation counts, against the fake server; nothing here looks at a clock. */
class BenchRunTest {
    private FakeZooKeeper server;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        server = new FakeZooKeeper();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private BenchSettings settings(Scenario scenario, int clients, int pipeline, long operations, int watchers) {
        return new BenchSettings(List.of(server.address()), scenario, clients, pipeline, 0, operations, 32, watchers,
                0, 60, "fake", false);
    }

    private BenchSettings populate(int clients, int pipeline, long nodes, int fanout, boolean keep) {
        return new BenchSettings(List.of(server.address()), Scenario.POPULATE, clients, pipeline, 0, 0, 16, 1, 0, 60,
                "fake", false, nodes, fanout, keep);
    }

    private BenchResult run(BenchSettings settings) throws Exception {
        return BenchRunner.run(settings, new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    private void assertCleanedUpAndClosed(int sessions) {
        assertThat(server.paths()).containsExactly("/");
        assertThat(server.sessionsOpened()).isEqualTo(sessions);
        assertThat(server.sessionsClosed()).isEqualTo(sessions);
    }

    @Test
    void writeRunsExactlyTheOperationsAskedForThenCleansUp() throws Exception {
        BenchResult result = run(settings(Scenario.WRITE, 3, 4, 500, 1));

        assertThat(result.operations()).isEqualTo(500);
        assertThat(result.unit()).isEqualTo("ops");
        assertThat(result.errors()).isEmpty();
        assertThat(result.notes()).isEmpty();
        assertThat(result.latencies()).containsOnlyKeys("all");
        assertThat(result.latencies().get("all").count()).isEqualTo(500);
        assertThat(result.counters()).containsEntry("setData", 500L).containsEntry("getData", 0L);
        assertCleanedUpAndClosed(4);
    }

    @Test
    void readOnlyReads() throws Exception {
        BenchResult result = run(settings(Scenario.READ, 2, 1, 100, 1));

        assertThat(result.operations()).isEqualTo(100);
        assertThat(result.counters()).containsEntry("getData", 100L).containsEntry("setData", 0L);
        assertCleanedUpAndClosed(3);
    }

    @Test
    void mixedReportsReadsAndWritesApart() throws Exception {
        BenchResult result = run(settings(Scenario.MIXED, 1, 1, 1_000, 1));

        assertThat(result.operations()).isEqualTo(1_000);
        assertThat(result.latencies()).containsOnlyKeys("all", "getData", "setData");
        assertThat(result.counters()).containsEntry("getData", 900L).containsEntry("setData", 100L);
        assertCleanedUpAndClosed(2);
    }

    @Test
    void watchFanoutDeliversEveryRoundToEveryWatcher() throws Exception {
        BenchResult result = run(settings(Scenario.WATCH_FANOUT, 1, 1, 20, 4));

        assertThat(result.unit()).isEqualTo("rounds");
        assertThat(result.operations()).isEqualTo(20);
        assertThat(result.errors()).isEmpty();
        assertThat(result.notes()).isEmpty();
        assertThat(result.counters()).containsEntry("watchers", 4L).containsEntry("events", 80L);
        assertThat(result.latencies()).containsOnlyKeys("fanout", "fanout-from-send", "delivery", "setData");
        assertThat(result.latencies().get("fanout").count()).isEqualTo(20);
        assertThat(result.latencies().get("delivery").count()).isEqualTo(80);
        assertCleanedUpAndClosed(6);
    }

    @Test
    void aServerThatGoesAwayEndsTheRunWithConnectionLossAndANote() throws Exception {
        server.dropConnectionsAfter(100);

        BenchResult result = run(settings(Scenario.WRITE, 2, 2, 1_000_000_000L, 1));

        assertThat(result.errors()).containsKey("CONNECTIONLOSS");
        assertThat(result.notes()).anyMatch(note -> note.contains("lost"));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("clean-up");
    }

    @Test
    void populateCreatesEveryNodeUnderItsParentThenDeletesThemAll() throws Exception {
        BenchResult result = run(populate(3, 7, 250, 100, false));

        assertThat(result.unit()).isEqualTo("creates");
        assertThat(result.operations()).isEqualTo(253);
        assertThat(result.errors()).isEmpty();
        assertThat(result.latencies()).containsOnlyKeys("create");
        assertThat(result.latencies().get("create").count()).isEqualTo(253);
        assertThat(result.counters()).containsEntry("parents", 3L).containsEntry("nodes", 250L)
                .containsEntry("deleted", 253L);
        assertThat(result.notes()).anyMatch(note -> note.startsWith("create nodes: 250 of 250 succeeded"))
                .anyMatch(note -> note.startsWith("delete nodes: 250 of 250 succeeded"));
        assertCleanedUpAndClosed(4);
    }

    @Test
    void populateWithKeepLeavesTheNodesAndOtherScenariosLeaveThemToo() throws Exception {
        BenchResult populated = run(populate(2, 5, 25, 10, true));

        assertThat(populated.operations()).isEqualTo(28);
        assertThat(populated.counters()).doesNotContainKey("deleted");
        assertThat(populated.notes()).contains("kept 25 new nodes under /warden-bench/populate");
        assertThat(server.paths()).hasSize(2 + 1 + 3 + 25)
                .contains("/warden-bench/populate/p-000000/n-000000", "/warden-bench/populate/p-000002/n-000004")
                .doesNotContain("/warden-bench/populate/p-000002/n-000005");
        assertThat(server.data("/warden-bench/populate/p-000001/n-000009")).hasSize(16);

        BenchResult written = run(settings(Scenario.WRITE, 2, 1, 50, 1));

        assertThat(written.errors()).isEmpty();
        assertThat(server.paths()).hasSize(2 + 1 + 3 + 25).noneMatch(path -> path.contains("client-"));

        BenchResult again = run(populate(1, 3, 25, 10, false));

        assertThat(again.counters()).containsEntry("parents", 0L).containsEntry("nodes", 0L)
                .containsEntry("deleted", 28L);
        assertThat(again.errors()).containsEntry("NODEEXISTS", 25L);
        assertThat(server.paths()).containsExactly("/");
    }

    @Test
    void populateWithFanoutZeroPutsEveryNodeDirectlyUnderTheRoot() throws Exception {
        BenchResult result = run(populate(1, 4, 12, 0, true));

        assertThat(result.operations()).isEqualTo(12);
        assertThat(result.counters()).containsEntry("parents", 0L).containsEntry("nodes", 12L);
        assertThat(server.paths()).contains("/warden-bench/populate/n-000000", "/warden-bench/populate/n-000011")
                .hasSize(2 + 1 + 12);
    }

    @Test
    void populateStopsAtALostConnectionAndSaysSo() throws Exception {
        server.dropConnectionsAfter(40);

        BenchResult result = run(populate(2, 4, 1_000, 100, false));

        assertThat(result.errors()).containsKey("CONNECTIONLOSS");
        assertThat(result.notes()).anyMatch(note -> note.contains("lost"))
                .anyMatch(note -> note.contains("not sent"));
    }

    @Test
    void theCommandPrintsJsonWhenAsked() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs("--servers", server.address().toString(), "--operations", "50",
                "--warmup-seconds", "0", "--label", "fake", "--json");

        int status = command.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(json).startsWith("{\"label\":\"fake\",\"scenario\":\"write\"")
                .contains("\"operations\":50,")
                .contains("\"errors\":{}")
                .endsWith("}" + System.lineSeparator());
    }

    private static long timelineOperations(BenchResult result) {
        return result.timeline().points().stream().mapToLong(TimelinePoint::operations).sum();
    }

    @Test
    void everyMeasuredOperationOfEachScenarioIsInItsTimeline() throws Exception {
        BenchResult mixed = run(settings(Scenario.MIXED, 2, 2, 400, 1));
        assertThat(mixed.timeline().latency()).isEqualTo("all");
        assertThat(mixed.timeline().bucketSeconds()).isEqualTo(1);
        assertThat(timelineOperations(mixed)).isEqualTo(400);

        BenchResult fanout = run(settings(Scenario.WATCH_FANOUT, 1, 1, 15, 3));
        assertThat(fanout.timeline().latency()).isEqualTo("fanout-from-send");
        assertThat(timelineOperations(fanout)).isEqualTo(15);

        BenchResult populated = run(populate(2, 5, 120, 50, false));
        assertThat(populated.timeline().latency()).isEqualTo("create");
        assertThat(timelineOperations(populated)).isEqualTo(123);
        assertThat(populated.timeline().points()).allSatisfy(point -> assertThat(point.errors()).isZero());
    }

    @Test
    void failedOperationsAreCountedInTheTimeline() throws Exception {
        BenchResult again = run(populate(1, 3, 10, 0, true));
        assertThat(again.errors()).isEmpty();

        BenchResult duplicate = run(populate(1, 3, 10, 0, true));

        assertThat(duplicate.errors()).containsEntry("NODEEXISTS", 10L);
        assertThat(duplicate.timeline().points().stream().mapToLong(TimelinePoint::errors).sum()).isEqualTo(10);
    }

    @Test
    void theCommandWritesJsonAndAPlotOfTheTimeline(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path json = dir.resolve("run.json");
        java.nio.file.Path svg = dir.resolve("run.svg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs("--servers", server.address().toString(), "--operations", "80",
                "--warmup-seconds", "0", "--label", "fake", "--json-file", json.toString(), "--plot", svg.toString());

        int status = command.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("timeline           ");
        assertThat(java.nio.file.Files.readString(json)).contains("\"timeline\":{\"latency\":\"all\",\"bucketSeconds\":1,"
                + "\"points\":[{\"t\":0,");
        PlotRun saved = PlotInput.read(json);
        assertThat(saved.points().stream().mapToLong(TimelinePoint::operations).sum()).isEqualTo(80);
        assertThat(java.nio.file.Files.readString(svg)).startsWith("<?xml").contains("fake: write on "
                + server.address());
    }
}
