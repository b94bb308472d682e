package io.warden.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Draws one or more run timelines as an SVG: throughput over time above, latency percentiles
 * (p50, p99, p99.9, max) over time below, on a shared time axis in seconds from each run's origin.
 * One run gets a colour per percentile; several runs (a comparison) get a colour per run and a
 * dash pattern per percentile. Buckets without successful operations leave a gap in the latency
 * lines. The latency axis is logarithmic (decades) or linear.
 */
final class TimelineChart {
    /** How latencies are drawn. */
    enum LatencyAxis { LOG, LINEAR }

    static final int WIDTH = 1000;
    static final int HEIGHT = 760;
    static final int RUNS_MAX = 8;
    private static final int LEFT = 90;
    private static final int RIGHT = 230;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int THROUGHPUT_TOP = 90;
    private static final int LATENCY_TOP = 420;
    private static final int PANEL_HEIGHT = 260;
    private static final int TITLE_CHARS_MAX = 120;
    private static final int LEGEND_CHARS_MAX = 30;
    private static final String[] RUN_COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf"};
    private static final String AXIS_COLOUR = "#333333";
    private static final String GRID_COLOUR = "#e0e0e0";

    /** One latency line: which percentile, its colour for a single run, its dashes in a comparison. */
    private record Percentile(String name, ToDoubleFunction<TimelinePoint> value, String colour, String dashes) {
    }

    private static final List<Percentile> PERCENTILES = List.of(
            new Percentile("p50", TimelinePoint::p50Micros, "#2ca02c", ""),
            new Percentile("p99", TimelinePoint::p99Micros, "#ff7f0e", "8 4"),
            new Percentile("p99.9", TimelinePoint::p999Micros, "#d62728", "3 3"),
            new Percentile("max", TimelinePoint::maxMicros, "#7f7f7f", "1 4"));

    private final List<PlotRun> runs;
    private final LatencyAxis latencyAxis;
    private final String title;

    /**
     * @param titleOrEmpty the chart's title; empty for one made of the runs' labels, scenarios and servers
     */
    TimelineChart(List<PlotRun> runs, LatencyAxis latencyAxis, String titleOrEmpty) {
        if (runs.isEmpty() || runs.size() > RUNS_MAX) {
            throw new IllegalArgumentException("a chart shows 1 to " + RUNS_MAX + " runs, got " + runs.size());
        }
        this.runs = List.copyOf(runs);
        this.latencyAxis = latencyAxis;
        this.title = titleOrEmpty.isEmpty() ? defaultTitle(runs) : titleOrEmpty;
    }

    static String defaultTitle(List<PlotRun> runs) {
        if (runs.size() == 1) {
            PlotRun run = runs.get(0);
            return (run.label().isEmpty() ? "warden bench" : run.label()) + ": " + run.scenario() + " on "
                    + run.serverList();
        }
        Set<String> scenarios = runs.stream().map(PlotRun::scenario).collect(Collectors.toCollection(LinkedHashSet::new));
        return runs.stream().map(PlotRun::name).collect(Collectors.joining(" vs ")) + ": "
                + String.join(", ", scenarios);
    }

    String render() {
        Svg svg = new Svg(WIDTH, HEIGHT);
        svg.element("rect", null, "x", 0, "y", 0, "width", WIDTH, "height", HEIGHT, "fill", "white");
        svg.element("text", shorten(title, TITLE_CHARS_MAX), "x", WIDTH / 2, "y", 30, "text-anchor", "middle",
                "font-size", 18, "font-weight", "bold");
        svg.element("text", shorten(subtitle(), TITLE_CHARS_MAX), "x", WIDTH / 2, "y", 52, "text-anchor", "middle",
                "fill", "#555555");
        double endSeconds = runs.stream().mapToDouble(PlotRun::endSeconds).max().orElse(1);
        Axis time = Axis.linear(0, Math.max(1, endSeconds));
        drawThroughput(svg, time);
        drawLatency(svg, time);
        svg.element("text", "time since the start of the measured run (s)", "x", LEFT + PLOT_WIDTH / 2,
                "y", LATENCY_TOP + PANEL_HEIGHT + 50, "text-anchor", "middle");
        return svg.finish();
    }

    private String subtitle() {
        if (runs.size() == 1) {
            PlotRun run = runs.get(0);
            return "throughput in " + unit() + "/s and " + latencyName(run) + " latency, per " + run.bucketSeconds()
                    + " s";
        }
        return runs.stream().map(run -> run.name() + ": " + run.scenario() + " on " + run.serverList())
                .collect(Collectors.joining("; "));
    }

    private String unit() {
        Set<String> units = runs.stream().map(PlotRun::unit).filter(u -> !u.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return units.isEmpty() ? "ops" : String.join("|", units);
    }

    private static String latencyName(PlotRun run) {
        if (run.latency().isEmpty() || run.latency().equals("all")) {
            return "operation";
        }
        return run.latency();
    }

    private void drawThroughput(Svg svg, Axis time) {
        double max = 0;
        for (PlotRun run : runs) {
            for (TimelinePoint point : run.points()) {
                max = Math.max(max, point.throughput());
            }
        }
        Axis values = Axis.linear(0, max <= 0 ? 1 : max * 1.05);
        frame(svg, THROUGHPUT_TOP, time, values, "throughput (" + unit() + "/s)", TimelineChart::count);
        for (int r = 0; r < runs.size(); r++) {
            PlotRun run = runs.get(r);
            List<double[]> line = new ArrayList<>();
            for (TimelinePoint point : run.points()) {
                line.add(new double[] {middle(point), point.throughput()});
            }
            path(svg, THROUGHPUT_TOP, time, values, List.of(line), RUN_COLOURS[r], "", 2);
        }
        List<String[]> legend = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            legend.add(new String[] {runs.size() == 1 ? unit() + "/s" : runs.get(r).name(), RUN_COLOURS[r], ""});
        }
        legend(svg, THROUGHPUT_TOP, legend);
    }

    private void drawLatency(Svg svg, Axis time) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (PlotRun run : runs) {
            for (TimelinePoint point : run.points()) {
                if (point.operations() == 0) {
                    continue;
                }
                for (Percentile percentile : PERCENTILES) {
                    double value = percentile.value().applyAsDouble(point);
                    max = Math.max(max, value);
                    if (value > 0) {
                        min = Math.min(min, value);
                    }
                }
            }
        }
        if (max <= 0) {
            min = 1;
            max = 1000;
        }
        Axis values = latencyAxis == LatencyAxis.LOG ? Axis.log(min, max) : Axis.linear(0, max * 1.05);
        String label = "latency (" + (latencyAxis == LatencyAxis.LOG ? "log scale" : "linear") + ")";
        frame(svg, LATENCY_TOP, time, values, label, TimelineChart::duration);
        for (int r = 0; r < runs.size(); r++) {
            PlotRun run = runs.get(r);
            // max first, p50 last: the lower percentiles, which matter most, are drawn on top.
            for (int i = PERCENTILES.size() - 1; i >= 0; i--) {
                Percentile percentile = PERCENTILES.get(i);
                List<List<double[]>> segments = new ArrayList<>();
                List<double[]> segment = new ArrayList<>();
                for (TimelinePoint point : run.points()) {
                    if (point.operations() == 0) {
                        if (!segment.isEmpty()) {
                            segments.add(segment);
                            segment = new ArrayList<>();
                        }
                        continue;
                    }
                    segment.add(new double[] {middle(point), percentile.value().applyAsDouble(point)});
                }
                if (!segment.isEmpty()) {
                    segments.add(segment);
                }
                boolean single = runs.size() == 1;
                path(svg, LATENCY_TOP, time, values, segments, single ? percentile.colour() : RUN_COLOURS[r],
                        single ? "" : percentile.dashes(), percentile.name().equals("max") ? 1 : 1.6);
            }
        }
        List<String[]> legend = new ArrayList<>();
        for (Percentile percentile : PERCENTILES) {
            legend.add(runs.size() == 1 ? new String[] {percentile.name(), percentile.colour(), ""}
                    : new String[] {percentile.name(), AXIS_COLOUR, percentile.dashes()});
        }
        if (runs.size() == 1) {
            legend.add(new String[] {"of " + latencyName(runs.get(0)), "", ""});
        }
        legend(svg, LATENCY_TOP, legend);
    }

    private static double middle(TimelinePoint point) {
        return point.startSeconds() + point.seconds() / 2;
    }

    /** The panel's box, grid lines, tick labels and axis label. */
    private static void frame(Svg svg, int top, Axis time, Axis values, String label,
            java.util.function.DoubleFunction<String> tickText) {
        int bottom = top + PANEL_HEIGHT;
        for (double tick : values.minorTicks()) {
            double y = bottom - values.fraction(tick) * PANEL_HEIGHT;
            svg.element("line", null, "x1", (double) LEFT, "y1", y, "x2", (double) (LEFT + PLOT_WIDTH), "y2", y,
                    "stroke", GRID_COLOUR, "stroke-dasharray", "2 4");
        }
        for (double tick : values.ticks()) {
            double y = bottom - values.fraction(tick) * PANEL_HEIGHT;
            svg.element("line", null, "x1", (double) LEFT, "y1", y, "x2", (double) (LEFT + PLOT_WIDTH), "y2", y,
                    "stroke", GRID_COLOUR);
            svg.element("text", tickText.apply(tick), "x", LEFT - 8, "y", y + 4, "text-anchor", "end");
        }
        for (double tick : time.ticks()) {
            double x = LEFT + time.fraction(tick) * PLOT_WIDTH;
            svg.element("line", null, "x1", x, "y1", (double) top, "x2", x, "y2", (double) bottom, "stroke",
                    GRID_COLOUR);
            svg.element("text", count(tick), "x", x, "y", bottom + 18, "text-anchor", "middle");
        }
        svg.element("rect", null, "x", LEFT, "y", top, "width", PLOT_WIDTH, "height", PANEL_HEIGHT, "fill", "none",
                "stroke", AXIS_COLOUR);
        double middle = top + PANEL_HEIGHT / 2.0;
        svg.element("text", label, "x", 22.0, "y", middle, "text-anchor", "middle",
                "transform", "rotate(-90 22 " + Svg.format(middle) + ")");
    }

    private static void path(Svg svg, int top, Axis time, Axis values, List<List<double[]>> segments, String colour,
            String dashes, double widthPx) {
        StringBuilder d = new StringBuilder();
        List<double[]> lonePoints = new ArrayList<>();
        for (List<double[]> segment : segments) {
            for (int i = 0; i < segment.size(); i++) {
                double x = LEFT + time.fraction(segment.get(i)[0]) * PLOT_WIDTH;
                double y = top + PANEL_HEIGHT - values.fraction(segment.get(i)[1]) * PANEL_HEIGHT;
                d.append(i == 0 ? 'M' : 'L').append(Svg.format(x)).append(' ').append(Svg.format(y)).append(' ');
                if (segment.size() == 1) {
                    lonePoints.add(new double[] {x, y});
                }
            }
        }
        if (d.length() > 0) {
            if (dashes.isEmpty()) {
                svg.element("path", null, "d", d.toString().trim(), "fill", "none", "stroke", colour, "stroke-width",
                        widthPx, "stroke-linejoin", "round");
            } else {
                svg.element("path", null, "d", d.toString().trim(), "fill", "none", "stroke", colour, "stroke-width",
                        widthPx, "stroke-linejoin", "round", "stroke-dasharray", dashes);
            }
        }
        for (double[] point : lonePoints) {
            svg.element("circle", null, "cx", point[0], "cy", point[1], "r", 2.5, "fill", colour);
        }
    }

    /** Entries of name, colour (empty: text only) and dashes, to the right of the panel. */
    private static void legend(Svg svg, int top, List<String[]> entries) {
        int x = LEFT + PLOT_WIDTH + 20;
        int y = top + 10;
        for (String[] entry : entries) {
            if (!entry[1].isEmpty()) {
                if (entry[2].isEmpty()) {
                    svg.element("line", null, "x1", x, "y1", y, "x2", x + 28, "y2", y, "stroke", entry[1],
                            "stroke-width", 2.5);
                } else {
                    svg.element("line", null, "x1", x, "y1", y, "x2", x + 28, "y2", y, "stroke", entry[1],
                            "stroke-width", 2.5, "stroke-dasharray", entry[2]);
                }
            }
            svg.element("text", shorten(entry[0], LEGEND_CHARS_MAX), "x", x + 36, "y", y + 4);
            y += 20;
        }
    }

    static String shorten(String text, int charsMax) {
        return text.length() <= charsMax ? text : text.substring(0, charsMax - 1) + "…";
    }

    /** A count for an axis: 1234 stays, 12000 becomes 12k, 3500000 becomes 3.5M. */
    static String count(double value) {
        if (value >= 1_000_000) {
            return trim(value / 1_000_000) + "M";
        }
        if (value >= 10_000) {
            return trim(value / 1000) + "k";
        }
        return trim(value);
    }

    /** A latency in microseconds, in the unit that suits it. */
    static String duration(double micros) {
        if (micros >= 1_000_000) {
            return trim(micros / 1_000_000) + " s";
        }
        if (micros >= 1000) {
            return trim(micros / 1000) + " ms";
        }
        return trim(micros) + " µs";
    }

    private static String trim(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Maps values to a fraction of a panel's extent, and chooses its ticks. */
    static final class Axis {
        private final double min;
        private final double max;
        private final double step;
        private final boolean log;

        private Axis(double min, double max, double step, boolean log) {
            this.min = min;
            this.max = max;
            this.step = step;
            this.log = log;
        }

        /** From {@code min} to {@code max} rounded up to a step of 1, 2 or 5 times a power of ten. */
        static Axis linear(double min, double max) {
            double step = step(max - min);
            return new Axis(min, min + Math.ceil((max - min) / step) * step, step, false);
        }

        /** Whole decades around {@code min} and {@code max} (both above 0). */
        static Axis log(double min, double max) {
            double low = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-3))));
            double high = Math.pow(10, Math.ceil(Math.log10(Math.max(max, low))));
            if (high <= low) {
                high = low * 10;
            }
            return new Axis(low, high, 10, true);
        }

        /** A step near a fifth of {@code range}: 1, 2 or 5 times a power of ten. */
        static double step(double range) {
            double rough = Math.max(range, 1e-9) / 5;
            double power = Math.pow(10, Math.floor(Math.log10(rough)));
            double scaled = rough / power;
            return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
        }

        /** Where {@code value} lies, 0 at the bottom (or left) and 1 at the top; clamped to the panel. */
        double fraction(double value) {
            double fraction = log ? (Math.log10(Math.max(value, min)) - Math.log10(min))
                    / (Math.log10(max) - Math.log10(min)) : (value - min) / (max - min);
            return Math.max(0, Math.min(1, fraction));
        }

        /** On a log axis, 2 and 5 times each decade (unlabelled grid lines); none on a linear one. */
        List<Double> minorTicks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double decade = min; decade < max; decade *= 10) {
                    ticks.add(decade * 2);
                    ticks.add(decade * 5);
                }
            }
            return ticks;
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double tick = min; tick <= max * 1.0001; tick *= 10) {
                    ticks.add(tick);
                }
            } else {
                for (int i = 0; min + i * step <= max * 1.0001 + 1e-12; i++) {
                    ticks.add(min + i * step);
                }
            }
            return ticks;
        }
    }
}
