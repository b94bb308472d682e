package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TimelineChartTest {
    static List<TimelinePoint> points(int seconds, double scale) {
        List<TimelinePoint> points = new ArrayList<>();
        for (int t = 0; t < seconds; t++) {
            long ops = t == 3 ? 0 : (long) (1000 * scale + 10 * t);
            points.add(ops == 0 ? TimelinePoint.empty(t, 1)
                    : new TimelinePoint(t, 1, ops, t == 5 ? 2 : 0, 150 * scale, 900 * scale, 2500 * scale,
                            12_000 * scale));
        }
        return points;
    }

    static PlotRun run(String label, String server, double scale) {
        return new PlotRun(label, "write", List.of(server), "ops", "all", 1, points(10, scale));
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> texts(Document document) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = document.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void oneRunIsWellFormedSvgWithATitleAxesALegendAndEverySeries() throws Exception {
        String svg = new TimelineChart(List.of(run("warden", "127.0.0.1:2181", 1)), TimelineChart.LatencyAxis.LOG, "")
                .render();

        Document document = parse(svg);
        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        List<String> texts = texts(document);
        assertThat(texts).contains("warden: write on 127.0.0.1:2181", "throughput (ops/s)",
                "latency (log scale)", "time since the start of the measured run (s)", "p50", "p99", "p99.9", "max",
                "ops/s");
        // Decades on the log axis, from below the smallest p50 to above the largest max.
        assertThat(texts).contains("100 µs", "1 ms", "10 ms", "100 ms");
        // One throughput line and four percentile lines.
        assertThat(document.getElementsByTagName("path").getLength()).isEqualTo(5);
    }

    @Test
    void aBucketWithoutOperationsBreaksTheLatencyLines() throws Exception {
        Document document = parse(new TimelineChart(List.of(run("warden", "127.0.0.1:2181", 1)),
                TimelineChart.LatencyAxis.LOG, "").render());

        NodeList paths = document.getElementsByTagName("path");
        String throughput = ((Element) paths.item(0)).getAttribute("d");
        // After the throughput line come max, p99.9, p99 and p50, so that p50 is drawn on top.
        String p50 = ((Element) paths.item(4)).getAttribute("d");
        assertThat(((Element) paths.item(4)).getAttribute("stroke")).isEqualTo("#2ca02c");
        assertThat(throughput.chars().filter(c -> c == 'M').count()).isEqualTo(1);
        assertThat(throughput.chars().filter(c -> c == 'L').count()).isEqualTo(9);
        assertThat(p50.chars().filter(c -> c == 'M').count()).isEqualTo(2);
        assertThat(p50.chars().filter(c -> c == 'L').count()).isEqualTo(7);
    }

    @Test
    void aComparisonNamesEachRunAndDrawsAColourPerRun() throws Exception {
        String svg = new TimelineChart(List.of(run("warden", "127.0.0.1:2181", 1), run("zookeeper", "127.0.0.1:2182",
                3)), TimelineChart.LatencyAxis.LOG, "").render();

        Document document = parse(svg);
        List<String> texts = texts(document);
        assertThat(texts).contains("warden vs zookeeper: write", "warden", "zookeeper")
                .anyMatch(text -> text.contains("warden: write on 127.0.0.1:2181")
                        && text.contains("zookeeper: write on 127.0.0.1:2182"));
        assertThat(document.getElementsByTagName("path").getLength()).isEqualTo(10);
        assertThat(svg).contains("stroke=\"#1f77b4\"").contains("stroke=\"#d62728\"").contains("stroke-dasharray");
    }

    @Test
    void aLinearAxisStartsAtZero() throws Exception {
        Document document = parse(new TimelineChart(List.of(run("warden", "127.0.0.1:2181", 1)),
                TimelineChart.LatencyAxis.LINEAR, "my title").render());

        List<String> texts = texts(document);
        assertThat(texts).contains("my title", "latency (linear)", "0 µs", "5 ms", "10 ms");
    }

    @Test
    void markupInLabelsIsEscaped() throws Exception {
        String svg = new TimelineChart(List.of(run("<b>&\"x\"", "127.0.0.1:2181", 1)), TimelineChart.LatencyAxis.LOG,
                "").render();

        assertThat(texts(parse(svg))).contains("<b>&\"x\": write on 127.0.0.1:2181");
    }

    @Test
    void aSinglePointIsDrawnAsADot() throws Exception {
        PlotRun single = new PlotRun("", "populate", List.of("h:1"), "creates", "create", 1,
                List.of(new TimelinePoint(0, 0.4, 400, 0, 10, 20, 30, 40)));

        Document document = parse(new TimelineChart(List.of(single), TimelineChart.LatencyAxis.LOG, "").render());

        assertThat(texts(document)).contains("warden bench: populate on h:1", "creates/s", "of create");
        assertThat(document.getElementsByTagName("circle").getLength()).isEqualTo(5);
    }

    @Test
    void axisNumbersAreShortAndInTheirUnit() {
        assertThat(TimelineChart.count(1234)).isEqualTo("1234");
        assertThat(TimelineChart.count(12_000)).isEqualTo("12k");
        assertThat(TimelineChart.count(2_500_000)).isEqualTo("2.5M");
        assertThat(TimelineChart.duration(10)).isEqualTo("10 µs");
        assertThat(TimelineChart.duration(2500)).isEqualTo("2.5 ms");
        assertThat(TimelineChart.duration(3_000_000)).isEqualTo("3 s");
        assertThat(TimelineChart.Axis.step(7)).isEqualTo(2);
        assertThat(TimelineChart.Axis.step(4500)).isEqualTo(1000);
    }
}
