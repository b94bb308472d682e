package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportTest {
    private static BenchResult result() {
        BenchSettings settings = new BenchSettings(List.of(new ServerAddress("127.0.0.1", 2181)), Scenario.MIXED, 4,
                2, 10, 0, 100, 10, 2, 300, "warden \"dev\"", false);
        Map<String, LatencySummary> latencies = new LinkedHashMap<>();
        latencies.put("all", new LatencySummary(1000, 10.5, 80, 120, 300, 900.25, 1500, 95.125));
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("getData", 900L);
        counters.put("setData", 100L);
        return new BenchResult(settings, "ops", 1000, 2.0, latencies, Map.of("NONODE", 2L, "CONNECTIONLOSS", 1L),
                counters, List.of("client-1 lost: reset"));
    }

    @Test
    void textShowsThroughputLatenciesErrorsAndNotes() {
        String text = TextReport.format(result());

        assertThat(text).contains("label              warden \"dev\"")
                .contains("scenario           mixed")
                .contains("throughput         500.0 ops/s")
                .contains("  all                    1000      10.5      80.0     120.0     300.0     900.3    1500.0      95.1")
                .contains("counts             getData=900 setData=100")
                .contains("errors             CONNECTIONLOSS=1 NONODE=2")
                .contains("note               client-1 lost: reset");
    }

    @Test
    void jsonIsOneObjectWithEscapedStrings() {
        String json = JsonReport.format(result());

        assertThat(json).isEqualTo("{\"label\":\"warden \\\"dev\\\"\",\"scenario\":\"mixed\","
                + "\"servers\":[\"127.0.0.1:2181\"],\"clients\":4,\"pipeline\":2,\"watchers\":10,\"dataBytes\":100,"
                + "\"warmupSeconds\":2,\"durationSeconds\":10,\"operationsTarget\":null,\"unit\":\"ops\","
                + "\"operations\":1000,\"elapsedSeconds\":2.000,\"throughput\":500.000,"
                + "\"latencyMicros\":{\"all\":{\"count\":1000,\"min\":10.500,\"p50\":80.000,\"p90\":120.000,"
                + "\"p99\":300.000,\"p999\":900.250,\"max\":1500.000,\"mean\":95.125}},"
                + "\"counters\":{\"getData\":900,\"setData\":100},"
                + "\"errors\":{\"CONNECTIONLOSS\":1,\"NONODE\":2},"
                + "\"notes\":[\"client-1 lost: reset\"]}" + System.lineSeparator());
    }

    private static BenchResult populateResult() {
        BenchSettings settings = new BenchSettings(List.of(new ServerAddress("127.0.0.1", 2181)), Scenario.POPULATE,
                2, 100, 0, 0, 100, 10, 2, 600, "", false, 2000, 1000, true);
        Map<String, LatencySummary> latencies = Map.of("create", new LatencySummary(2002, 50, 900, 1200, 3000,
                9000, 20000, 1000));
        return new BenchResult(settings, "creates", 2002, 1.0, latencies, Map.of(), Map.of("parents", 2L,
                "nodes", 2000L), List.of());
    }

    @Test
    void populateReportsSayHowManyNodesAndWhetherTheyWereKept() {
        assertThat(TextReport.format(populateResult()))
                .contains("load               nodes 2000, 1000 to a parent, clients 2, pipeline 100, data 100 bytes, kept")
                .contains("throughput         2002.0 creates/s");
        assertThat(JsonReport.format(populateResult()))
                .contains("\"durationSeconds\":null,\"operationsTarget\":null,\"nodes\":2000,\"fanout\":1000,"
                        + "\"keep\":true,\"unit\":\"creates\"");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(JsonReport.string("a\nb\\c")).isEqualTo("\"a\\u000ab\\\\c\"");
    }

    @Test
    void jsonCarriesTheTimelineAndTheServerMemory() {
        BenchResult result = result().withTimeline(new TimelineReport("all", 1, List.of(
                new TimelinePoint(0, 1, 600, 1, 70, 250, 800, 1400),
                new TimelinePoint(1, 0.5, 400, 0, 90.5, 310, 950, 1500))))
                .withProcesses(List.of(new ProcessMemory(321, 2048, 4096, ""), new ProcessMemory(9, -1, -1, "gone")));

        String json = JsonReport.format(result);

        assertThat(json).contains("\"processes\":[{\"pid\":321,\"rssKiB\":2048,\"peakRssKiB\":4096},"
                + "{\"pid\":9,\"rssKiB\":null,\"peakRssKiB\":null,\"error\":\"gone\"}],")
                .contains("\"timeline\":{\"latency\":\"all\",\"bucketSeconds\":1,\"points\":["
                        + "{\"t\":0,\"seconds\":1.000,\"ops\":600,\"throughput\":600.000,\"errors\":1,\"p50\":70.000,"
                        + "\"p99\":250.000,\"p999\":800.000,\"max\":1400.000},"
                        + "{\"t\":1,\"seconds\":0.500,\"ops\":400,\"throughput\":800.000,\"errors\":0,\"p50\":90.500,"
                        + "\"p99\":310.000,\"p999\":950.000,\"max\":1500.000}]},");
        assertThat(TextReport.format(result)).contains("timeline           2 points of 1 s")
                .contains("server memory      pid 321: RSS 2.0 MiB, peak 4.0 MiB")
                .contains("server memory      gone");
    }
}
