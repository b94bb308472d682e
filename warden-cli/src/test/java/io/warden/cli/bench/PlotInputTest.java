package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class PlotInputTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    static BenchResult result(String label, int port) {
        BenchSettings settings = new BenchSettings(List.of(new ServerAddress("127.0.0.1", port)), Scenario.WRITE, 4,
                1, 10, 0, 100, 10, 2, 300, label, false);
        return new BenchResult(settings, "ops", 3000, 10, Map.of("all", new LatencySummary(3000, 1, 2, 3, 4, 5, 6, 7)),
                Map.of(), Map.of(), List.of()).withTimeline(new TimelineReport("all", 1,
                        TimelineChartTest.points(10, 1)));
    }

    @Test
    void theJsonReportReadsBackAsTheSameTimeline() throws Exception {
        BenchResult result = result("warden", 2181);

        PlotRun run = PlotInput.parse("warden.json", JsonReport.format(result));

        assertThat(run.label()).isEqualTo("warden");
        assertThat(run.scenario()).isEqualTo("write");
        assertThat(run.servers()).containsExactly("127.0.0.1:2181");
        assertThat(run.unit()).isEqualTo("ops");
        assertThat(run.latency()).isEqualTo("all");
        assertThat(run.points()).isEqualTo(result.timeline().points());
    }

    @Test
    void malformedJsonNamesTheFileAndWhere() {
        assertThatThrownBy(() -> PlotInput.parse("a.json", "{\"scenario\": \"write\",\n \"timeline\": [1, }"))
                .isInstanceOf(PlotInput.BadInputException.class)
                .hasMessageStartingWith("a.json: not valid JSON at line 2");
    }

    @Test
    void resultsWithoutATimelineOrOfAnotherShapeAreRefusedClearly() {
        assertThatThrownBy(() -> PlotInput.parse("r.json", "{\"scenario\":\"restart-wait\",\"operations\":1}"))
                .hasMessage("r.json: no \"timeline\" in this restart-wait result (restart-wait results have none, nor "
                        + "results saved by an older warden bench)");
        assertThatThrownBy(() -> PlotInput.parse("x.json", "[1, 2]"))
                .hasMessageContaining("x.json: expected one JSON object");
        assertThatThrownBy(() -> PlotInput.parse("y.json", "{\"label\":\"x\"}"))
                .hasMessageContaining("y.json: \"scenario\" is missing");
        assertThatThrownBy(() -> PlotInput.parse("z.json", "{\"scenario\":\"write\",\"timeline\":{\"points\":[{\"t\":0,"
                + "\"seconds\":1,\"ops\":\"many\",\"errors\":0,\"p50\":1,\"p99\":1,\"p999\":1,\"max\":1}]}}"))
                .hasMessage("z.json: timeline.points[0].ops is not a number of at least 0: \"many\"");
        assertThatThrownBy(() -> PlotInput.parse("e.json", ""))
                .hasMessageContaining("e.json: expected one JSON object");
    }

    @Test
    void theCommandOverlaysSavedResultsInOneSvg() throws Exception {
        Path warden = dir.resolve("warden.json");
        Path zookeeper = dir.resolve("zookeeper.json");
        Files.writeString(warden, JsonReport.format(result("warden", 2181)));
        Files.writeString(zookeeper, JsonReport.format(result("zookeeper", 2182)));
        Path svg = dir.resolve("cmp.svg");

        int status = run(warden.toString(), zookeeper.toString(), "-o", svg.toString());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + svg + " (2 results)");
        assertThat(TimelineChartTest.texts(TimelineChartTest.parse(Files.readString(svg))))
                .contains("warden vs zookeeper: write");
    }

    @Test
    void aBadInputFileFailsTheCommandWithItsName() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{not json");

        int status = run(broken.toString(), "-o", dir.resolve("x.svg").toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("warden bench plot: " + broken + ": not valid JSON");
        assertThat(dir.resolve("x.svg")).doesNotExist();
        assertThat(run(dir.resolve("missing.json").toString(), "-o", dir.resolve("x.svg").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.json: no such file");
    }

    @Test
    void aBadAxisIsAUsageError() throws Exception {
        Path warden = dir.resolve("warden.json");
        Files.writeString(warden, JsonReport.format(result("warden", 2181)));

        assertThat(run(warden.toString(), "-o", dir.resolve("x.svg").toString(), "--latency-axis", "cubic"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--latency-axis must be log or linear");
    }

    private int run(String... args) {
        BenchPlotCommand command = new BenchPlotCommand();
        new CommandLine(command).parseArgs(args);
        return command.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
