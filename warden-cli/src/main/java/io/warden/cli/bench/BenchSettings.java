package io.warden.cli.bench;

import java.util.List;
import java.util.Objects;

/**
 * One validated bench run. Exactly one of {@code durationSeconds} and {@code operations} bounds the
 * measured part: {@code operations == 0} means the run is timed. {@code timeLimitSeconds} bounds a
 * run by operation count, so that even a stalled server cannot keep the bench alive.
 *
 * <p>populate is different: it is bounded by {@code nodes} (both {@code durationSeconds} and
 * {@code operations} are 0) and by {@code timeLimitSeconds}; {@code fanout} is the number of nodes
 * under each parent (0: all directly under the populate root), and {@code keep} leaves the nodes in
 * place at the end. The other scenarios ignore those three.
 *
 * <p>restart-wait is bounded by {@code timeLimitSeconds} alone; {@code nodes} and {@code fanout}
 * name the population it waits for (0 nodes: none, only a session and a read), and it polls every
 * {@code pollIntervalMs}.
 */
record BenchSettings(
        List<ServerAddress> servers,
        Scenario scenario,
        int clients,
        int pipeline,
        int durationSeconds,
        long operations,
        int dataBytes,
        int watchers,
        int warmupSeconds,
        int timeLimitSeconds,
        String label,
        boolean json,
        long nodes,
        int fanout,
        boolean keep,
        int pollIntervalMs) {

    static final int CLIENTS_MAX = 1000;
    static final int PIPELINE_MAX = 1000;
    static final int WATCHERS_MAX = 1000;
    static final int DATA_BYTES_MAX = 1_000_000;
    static final int DURATION_SECONDS_MAX = 3600;
    static final int WARMUP_SECONDS_MAX = 600;
    static final int TIME_LIMIT_SECONDS_MAX = 3600;
    static final long OPERATIONS_MAX = 1_000_000_000L;
    static final long NODES_DEFAULT = 10_000;
    static final long NODES_MAX = 100_000_000L;
    static final int FANOUT_DEFAULT = 1_000;
    static final int FANOUT_MAX = 1_000_000;
    static final int POLL_INTERVAL_MS_DEFAULT = 50;
    static final int POLL_INTERVAL_MS_MAX = 60_000;

    BenchSettings {
        Objects.requireNonNull(scenario, "scenario");
        servers = List.copyOf(servers);
        label = label == null ? "" : label;
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("--servers: no server given");
        }
        inRange("--clients", clients, 1, CLIENTS_MAX);
        inRange("--pipeline", pipeline, 1, PIPELINE_MAX);
        inRange("--data-bytes", dataBytes, 0, DATA_BYTES_MAX);
        inRange("--watchers", watchers, 1, WATCHERS_MAX);
        inRange("--warmup-seconds", warmupSeconds, 0, WARMUP_SECONDS_MAX);
        inRange("--time-limit-seconds", timeLimitSeconds, 1, TIME_LIMIT_SECONDS_MAX);
        inRange("--nodes", nodes, scenario == Scenario.RESTART_WAIT ? 0 : 1, NODES_MAX);
        inRange("--fanout", fanout, 0, FANOUT_MAX);
        inRange("--poll-interval-ms", pollIntervalMs, 1, POLL_INTERVAL_MS_MAX);
        if (scenario == Scenario.POPULATE) {
            if (durationSeconds != 0 || operations != 0) {
                throw new IllegalArgumentException("populate is bounded by --nodes (and --time-limit-seconds), "
                        + "not by --duration-seconds or --operations");
            }
        } else if (scenario == Scenario.RESTART_WAIT) {
            if (durationSeconds != 0 || operations != 0) {
                throw new IllegalArgumentException("restart-wait is bounded by --time-limit-seconds, "
                        + "not by --duration-seconds or --operations");
            }
        } else if (operations == 0) {
            inRange("--duration-seconds", durationSeconds, 1, DURATION_SECONDS_MAX);
        } else {
            if (durationSeconds != 0) {
                throw new IllegalArgumentException("give either --duration-seconds or --operations, not both");
            }
            if (operations < 1 || operations > OPERATIONS_MAX) {
                throw new IllegalArgumentException("--operations must be between 1 and " + OPERATIONS_MAX
                        + ", got " + operations);
            }
        }
        if (label.length() > 200) {
            throw new IllegalArgumentException("--label is longer than 200 characters");
        }
    }

    /** A run of any scenario but populate, which takes the populate options at their defaults. */
    BenchSettings(List<ServerAddress> servers, Scenario scenario, int clients, int pipeline, int durationSeconds,
            long operations, int dataBytes, int watchers, int warmupSeconds, int timeLimitSeconds, String label,
            boolean json) {
        this(servers, scenario, clients, pipeline, durationSeconds, operations, dataBytes, watchers, warmupSeconds,
                timeLimitSeconds, label, json, NODES_DEFAULT, FANOUT_DEFAULT, false);
    }

    /** A run of any scenario but restart-wait, which takes its poll interval at the default. */
    BenchSettings(List<ServerAddress> servers, Scenario scenario, int clients, int pipeline, int durationSeconds,
            long operations, int dataBytes, int watchers, int warmupSeconds, int timeLimitSeconds, String label,
            boolean json, long nodes, int fanout, boolean keep) {
        this(servers, scenario, clients, pipeline, durationSeconds, operations, dataBytes, watchers, warmupSeconds,
                timeLimitSeconds, label, json, nodes, fanout, keep, POLL_INTERVAL_MS_DEFAULT);
    }

    private static void inRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    /** Whether the measured part is bounded by {@code durationSeconds}; never for populate and restart-wait. */
    boolean timed() {
        return operations == 0 && scenario != Scenario.POPULATE && scenario != Scenario.RESTART_WAIT;
    }

    /** The client sessions a run opens, not counting the one that sets up and cleans up. */
    int sessions() {
        return scenario == Scenario.WATCH_FANOUT ? watchers + 1 : clients;
    }
}
