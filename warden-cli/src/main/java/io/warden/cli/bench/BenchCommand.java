package io.warden.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warden bench}: measures a ZooKeeper-protocol server (Warden or Apache ZooKeeper) under load. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, subcommands = BenchPlotCommand.class,
        description = {
            "Load a ZooKeeper-protocol server (Warden or Apache ZooKeeper) and report throughput and latency.",
            "Scenarios: write = setData on each client's own node; read = getData; mixed = 90%% getData and 10%% "
                    + "setData; watch-fanout = W watchers keep a data watch on one node while one writer changes it, "
                    + "round after round.",
            "populate = the clients create --nodes nodes of --data-bytes bytes under /warden-bench/populate, "
                    + "--fanout to a parent (p-000000/n-000000, ...), pipelined, and report the create rate; the nodes "
                    + "are deleted at the end unless --keep is given.",
            "restart-wait = poll --servers from the moment it starts until each accepts a session and serves a read "
                    + "(with --nodes/--fanout: of the last node populate --keep left, and getAllChildrenNumber of "
                    + "/warden-bench/populate reaches the population); reports the milliseconds to listening, session "
                    + "and serving. Start it right after (re)starting the servers.",
            "availability = --clients sessions (Warden's client, which moves to another of --servers when its "
                    + "connection is lost) each write a node of their own back to back; reports the longest gap between "
                    + "two acknowledged writes (of any session) and the longest one session waited; kill an ensemble's "
                    + "leader meanwhile and the first is the time to the first write committed after it (--clients 1 for a "
                    + "single writer).",
            "Every run but restart-wait records a timeline (throughput and p50/p99/p99.9/max latency per second), "
                    + "printed by --json and drawn by --plot; 'warden bench plot a.json b.json -o cmp.svg' overlays "
                    + "saved results.",
            "Nodes live under /warden-bench and are deleted at the end (the other scenarios leave "
                    + "/warden-bench/populate alone). Each client is one session: the server's "
                    + "maxClientCnxns (60 per address by default) must allow clients + 1 sessions (watchers + 2 for "
                    + "watch-fanout)."},
        footer = {"", "Exit status: 0 when every operation succeeded, 1 when some failed or the run could not start, "
                + "2 for a usage error."})
public final class BenchCommand implements Callable<Integer> {
    static final int DEFAULT_DURATION_SECONDS = 10;
    static final int DEFAULT_PIPELINE = 1;
    static final int DEFAULT_POPULATE_PIPELINE = 100;

    @Option(names = "--servers", paramLabel = "host:port[,host:port]", defaultValue = "127.0.0.1:2181",
            description = "servers to connect to; clients are spread over them in turn (default: ${DEFAULT-VALUE})")
    String servers;

    @Option(names = "--scenario", paramLabel = "write|read|mixed|watch-fanout|populate|restart-wait|availability",
            defaultValue = "write",
            description = "what to measure (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "4",
            description = "client sessions for write, read and mixed (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--pipeline", paramLabel = "N",
            description = "most requests one client has outstanding (default: " + DEFAULT_PIPELINE + ", "
                    + DEFAULT_POPULATE_PIPELINE + " for populate)")
    Integer pipeline;

    @Option(names = "--duration-seconds", paramLabel = "S",
            description = "measure for S seconds after the warm-up (default: " + DEFAULT_DURATION_SECONDS
                    + " unless --operations is given)")
    Integer durationSeconds;

    @Option(names = "--operations", paramLabel = "N",
            description = "measure N operations in all after the warm-up (rounds for watch-fanout) instead of a duration")
    Long operations;

    @Option(names = "--data-bytes", paramLabel = "B", defaultValue = "100",
            description = "size of the data written (default: ${DEFAULT-VALUE})")
    int dataBytes;

    @Option(names = "--watchers", paramLabel = "W", defaultValue = "10",
            description = "watcher sessions for watch-fanout (default: ${DEFAULT-VALUE})")
    int watchers;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "2",
            description = "run unmeasured for S seconds first (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--nodes", paramLabel = "N",
            description = "populate: how many nodes to create (default: " + BenchSettings.NODES_DEFAULT + "); "
                    + "restart-wait: how many populate left, to wait for (default: none)")
    Long nodes;

    @Option(names = "--fanout", paramLabel = "F",
            description = "populate, restart-wait: nodes under each parent; 0 puts them all directly under "
                    + "/warden-bench/populate (default: " + BenchSettings.FANOUT_DEFAULT + ")")
    Integer fanout;

    @Option(names = "--poll-interval-ms", paramLabel = "MS",
            description = "restart-wait: pause between attempts (default: " + BenchSettings.POLL_INTERVAL_MS_DEFAULT
                    + ")")
    Integer pollIntervalMs;

    @Option(names = "--keep", description = "populate: leave the nodes in place at the end")
    boolean keep;

    @Option(names = "--time-limit-seconds", paramLabel = "S", defaultValue = "300",
            description = "stop a run bounded by --operations or --nodes after this long in any case "
                    + "(default: ${DEFAULT-VALUE})")
    int timeLimitSeconds;

    @Option(names = "--label", paramLabel = "NAME", defaultValue = "",
            description = "a name printed in the report, such as warden or zookeeper")
    String label;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Option(names = "--json-file", paramLabel = "FILE",
            description = "also write the result as JSON to FILE (for warden bench plot)")
    Path jsonFile;

    @Option(names = "--plot", paramLabel = "FILE.svg",
            description = "write an SVG of throughput and latency percentiles over time (not for restart-wait)")
    Path plotFile;

    @Option(names = "--latency-axis", paramLabel = "log|linear", defaultValue = "log",
            description = "--plot: the latency axis (default: ${DEFAULT-VALUE})")
    String latencyAxis;

    @Option(names = "--pid", paramLabel = "PID[,PID]", split = ",",
            description = "report these server processes' resident memory (VmRSS and its peak VmHWM from "
                    + "/proc/PID/status) at the end of the run")
    List<Long> pids = new ArrayList<>();

    /** The options as a validated value; {@link IllegalArgumentException} names the bad option. */
    BenchSettings settings() {
        Scenario parsed = Scenario.parse(scenario);
        boolean populate = parsed == Scenario.POPULATE;
        boolean restartWait = parsed == Scenario.RESTART_WAIT;
        if (!populate && !restartWait && (nodes != null || fanout != null)) {
            throw new IllegalArgumentException("--nodes and --fanout apply to the populate and restart-wait scenarios only");
        }
        if (!populate && keep) {
            throw new IllegalArgumentException("--keep applies to the populate scenario only");
        }
        if (!restartWait && pollIntervalMs != null) {
            throw new IllegalArgumentException("--poll-interval-ms applies to the restart-wait scenario only");
        }
        if (restartWait && plotFile != null) {
            throw new IllegalArgumentException("--plot: restart-wait has no timeline to draw");
        }
        if (restartWait && (durationSeconds != null || operations != null)) {
            throw new IllegalArgumentException("restart-wait is bounded by --time-limit-seconds, not by "
                    + "--duration-seconds or --operations");
        }
        latencyAxis();
        long ops = operations == null ? 0 : operations;
        int defaultSeconds = operations != null || populate || restartWait ? 0 : DEFAULT_DURATION_SECONDS;
        int seconds = durationSeconds != null ? durationSeconds : defaultSeconds;
        if (operations != null && ops == 0) {
            throw new IllegalArgumentException("--operations must be at least 1");
        }
        if (populate && durationSeconds != null && durationSeconds == 0) {
            throw new IllegalArgumentException("--duration-seconds does not apply to populate");
        }
        int outstanding = pipeline != null ? pipeline : (populate ? DEFAULT_POPULATE_PIPELINE : DEFAULT_PIPELINE);
        return new BenchSettings(ServerAddress.parseList(servers), parsed, clients, outstanding,
                seconds, ops, dataBytes, watchers, warmupSeconds, timeLimitSeconds, label, json,
                nodes != null ? nodes : (restartWait ? 0 : BenchSettings.NODES_DEFAULT),
                fanout != null ? fanout : BenchSettings.FANOUT_DEFAULT, keep,
                pollIntervalMs != null ? pollIntervalMs : BenchSettings.POLL_INTERVAL_MS_DEFAULT);
    }

    TimelineChart.LatencyAxis latencyAxis() {
        return switch (latencyAxis.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "log" -> TimelineChart.LatencyAxis.LOG;
            case "linear" -> TimelineChart.LatencyAxis.LINEAR;
            default -> throw new IllegalArgumentException("--latency-axis must be log or linear, got '" + latencyAxis
                    + "'");
        };
    }

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        BenchSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            err.println("warden bench: " + e.getMessage());
            return 2;
        }
        BenchResult result;
        try {
            result = BenchRunner.run(settings, err);
        } catch (BenchException e) {
            err.println("warden bench: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("warden bench: interrupted");
            return 1;
        }
        if (!pids.isEmpty()) {
            result = result.withProcesses(pids.stream().map(ProcessMemory::read).toList());
        }
        boolean written = write(jsonFile, JsonReport.format(result), "--json-file", err);
        if (plotFile != null && !result.timeline().isEmpty()) {
            String svg = new TimelineChart(List.of(PlotRun.of(result)), latencyAxis(), "").render();
            written &= write(plotFile, svg, "--plot", err);
        } else if (plotFile != null) {
            err.println("warden bench: --plot: the run recorded no timeline (nothing succeeded); " + plotFile
                    + " not written");
            written = false;
        }
        out.print(settings.json() ? JsonReport.format(result) : TextReport.format(result));
        out.flush();
        return result.errors().isEmpty() && written ? 0 : 1;
    }

    /** Writes {@code text} to {@code file} unless it is null; false, with a message, when that fails. */
    static boolean write(Path file, String text, String option, PrintStream err) {
        if (file == null) {
            return true;
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("warden bench: " + option + ": cannot write " + file + ": " + e);
            return false;
        }
    }
}
