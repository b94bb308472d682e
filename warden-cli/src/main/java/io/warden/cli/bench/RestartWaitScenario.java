package io.warden.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * restart-wait: times a (re)start. From the moment it starts it polls every server given, each
 * on its own thread ({@link ReadinessProbe}), until all serve or {@code timeLimitSeconds} pass, and
 * reports when the last of them was listening, accepted a session and served (with {@code nodes},
 * also the population that {@code populate --keep} left with the same {@code --nodes} and
 * {@code --fanout}), in milliseconds from its start. Start it right after starting the servers.
 */
final class RestartWaitScenario {
    /** What a server that never served counts as in the errors. */
    static final String NOT_SERVING = "NOT_SERVING";
    /** How long past the deadline a probe thread may take to stop (one call's timeout and a close). */
    static final long JOIN_GRACE_MS = BenchConnection.CALL_TIMEOUT_MS + BenchConnection.CLOSE_TIMEOUT_MS;

    private final BenchSettings settings;
    private final PrintStream progress;

    RestartWaitScenario(BenchSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    BenchResult run() throws InterruptedException {
        PopulateLayout population = settings.nodes() > 0 ? new PopulateLayout(settings.nodes(), settings.fanout())
                : null;
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(settings.timeLimitSeconds());
        progress.println(BenchRunner.describe(settings));
        List<ReadinessProbe> probes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (ServerAddress address : settings.servers()) {
            ReadinessProbe probe = new ReadinessProbe(address, population, start, deadline, settings.pollIntervalMs());
            Thread thread = new Thread(probe, "restart-wait-" + address);
            thread.setDaemon(true);
            probes.add(probe);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            long waitMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + JOIN_GRACE_MS;
            thread.join(Math.max(1, waitMs));
        }
        return result(probes);
    }

    private BenchResult result(List<ReadinessProbe> probes) {
        ErrorCounts errors = new ErrorCounts();
        List<String> notes = new ArrayList<>();
        long attempts = 0;
        long serving = 0;
        Map<String, Double> timings = new LinkedHashMap<>();
        String[] moments = {"listening", "session", "serving"};
        long[] latest = new long[moments.length];
        boolean[] missing = new boolean[moments.length];
        for (ReadinessProbe probe : probes) {
            attempts += probe.attempts();
            long[] at = {probe.listeningNanos(), probe.sessionNanos(), probe.servingNanos()};
            for (int i = 0; i < moments.length; i++) {
                if (at[i] == ReadinessProbe.NOT_YET) {
                    missing[i] = true;
                } else {
                    latest[i] = Math.max(latest[i], at[i]);
                }
            }
            if (probe.servingNanos() == ReadinessProbe.NOT_YET) {
                errors.add(NOT_SERVING, 1);
                notes.add(probe.address() + " did not serve within " + settings.timeLimitSeconds() + " s: "
                        + probe.lastProblem());
            } else {
                serving++;
            }
            notes.add(String.format(Locale.ROOT, "%s: listening %s, session %s, serving %s", probe.address(),
                    millis(at[0]), millis(at[1]), millis(at[2])));
        }
        for (int i = 0; i < moments.length; i++) {
            if (!missing[i]) {
                timings.put(moments[i], latest[i] / 1e6);
            }
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("servers", (long) probes.size());
        counters.put("serving", serving);
        counters.put("attempts", attempts);
        double seconds = missing[2] ? settings.timeLimitSeconds() : latest[2] / 1e9;
        return new BenchResult(settings, "servers", serving, seconds, Map.of(), errors.snapshot(), counters, notes,
                TimelineReport.NONE, timings, List.of());
    }

    /** What the servers must do to count as serving, in words. */
    static String goal(BenchSettings settings) {
        if (settings.nodes() == 0) {
            return "a session and a read of /";
        }
        return "a session, a read of " + new PopulateLayout(settings.nodes(), settings.fanout())
                .nodePath(settings.nodes() - 1) + " and " + settings.nodes() + " nodes under "
                + BenchTree.POPULATE_ROOT + " (" + PopulateLayout.describe(settings.fanout()) + ")";
    }

    private static String millis(long nanos) {
        return nanos == ReadinessProbe.NOT_YET ? "never" : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
