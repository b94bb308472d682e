package io.warden.cli.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden bench plot}: draws saved {@code warden bench --json} results in one SVG, to compare them. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw one or more saved 'warden bench --json' results (such as Warden and Apache ZooKeeper "
                + "under the same load) in one SVG: throughput over time above, latency percentiles over time below, "
                + "a colour per result.",
            "Example: warden bench --label warden --json-file warden.json ...; warden bench --label zookeeper "
                + "--servers 127.0.0.1:2182 --json-file zk.json ...; warden bench plot warden.json zk.json -o cmp.svg"},
        footer = {"", "Exit status: 0 when the SVG was written, 1 when a file could not be read or written, "
                + "2 for a usage error."})
public final class BenchPlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RESULT.json", arity = "1..*",
            description = "results saved with --json-file or --json (one JSON object each); at most "
                    + TimelineChart.RUNS_MAX)
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.svg", required = true, description = "the SVG to write")
    Path output;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "",
            description = "the chart's title (default: the results' labels and scenarios)")
    String title;

    @Option(names = "--latency-axis", paramLabel = "log|linear", defaultValue = "log",
            description = "the latency axis (default: ${DEFAULT-VALUE})")
    String latencyAxis;

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        TimelineChart.LatencyAxis axis;
        switch (latencyAxis.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "log" -> axis = TimelineChart.LatencyAxis.LOG;
            case "linear" -> axis = TimelineChart.LatencyAxis.LINEAR;
            default -> {
                err.println("warden bench plot: --latency-axis must be log or linear, got '" + latencyAxis + "'");
                return 2;
            }
        }
        if (inputs.size() > TimelineChart.RUNS_MAX) {
            err.println("warden bench plot: at most " + TimelineChart.RUNS_MAX + " results in one chart, got "
                    + inputs.size());
            return 2;
        }
        List<PlotRun> runs = new ArrayList<>();
        for (Path input : inputs) {
            try {
                runs.add(PlotInput.read(input));
            } catch (PlotInput.BadInputException e) {
                err.println("warden bench plot: " + e.getMessage());
                return 1;
            }
        }
        String svg = new TimelineChart(runs, axis, title).render();
        if (!BenchCommand.write(output, svg, "-o", err)) {
            return 1;
        }
        out.println("warden bench plot: wrote " + output + " (" + runs.size() + (runs.size() == 1 ? " result)"
                : " results)"));
        return 0;
    }
}
