package io.warden.cli.bench;

import io.warden.client.RetryPolicy;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.wire.ErrorCode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * availability: one session (Warden's own client, which moves to another server when its
 * connection is lost, keeping the session) sets the data of one node back to back, each write
 * waiting for the previous one, and reports the longest gap between two acknowledged writes in the
 * measured run. Kill an ensemble's leader while it runs and that gap is the time from the kill to
 * the first write the ensemble committed after it (plus at most one write's latency). A failed
 * write is tried again as soon as the client has a connection, without backoff, until it is
 * acknowledged (each attempt's failure is counted; an operation count counts acknowledged writes);
 * the client's own pause between connection attempts is {@link #RECONNECT_BACKOFF_MAX_MS}.
 */
final class AvailabilityScenario {
    /** The node written. */
    static final String NODE = BenchTree.ROOT + "/availability";
    /** The session timeout asked for: long enough for the session to outlive an election. */
    static final int SESSION_TIMEOUT_MS = 30_000;
    /** The client's longest pause after every server failed in a row (its default is 1 s). */
    static final long RECONNECT_BACKOFF_MAX_MS = 50;
    /** How long one write (or the wait for a connection after a failure) may take. */
    static final long WRITE_TIMEOUT_MS = 15_000;
    /** Gaps at least this long are listed in the notes (at most {@link #GAPS_LISTED_MAX}). */
    static final long GAP_LISTED_MS = 100;
    static final int GAPS_LISTED_MAX = 10;

    private final BenchSettings settings;
    private final PrintStream progress;

    AvailabilityScenario(BenchSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    BenchResult run() throws BenchException, InterruptedException {
        byte[] data = Payload.of(settings.dataBytes());
        ErrorCounts errors = new ErrorCounts();
        String connectString = settings.servers().stream().map(ServerAddress::toString)
                .collect(Collectors.joining(","));
        List<String> notes = new ArrayList<>();
        WardenClient client = session(connectString);
        try {
            awaitConnection(client);
            await(client.ensurePath(NODE));
            RunWindow window = RunWindow.start(settings, System.nanoTime());
            Timeline timeline = new Timeline(window.measureStartNanos());
            TimelineRecorder recorder = timeline.recorder();
            LatencyHistogram latencies = new LatencyHistogram();
            Gaps gaps = new Gaps(window.measureStartNanos());
            progress.println(BenchRunner.describe(settings));
            long now = System.nanoTime();
            while (window.trySend(now)) {
                boolean measured = window.measured(now);
                boolean acknowledged = false;
                while (!acknowledged && System.nanoTime() < window.deadlineNanos()) {
                    long sent = System.nanoTime();
                    try {
                        client.setData(NODE, data, -1).get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                        long at = System.nanoTime();
                        acknowledged = true;
                        if (measured) {
                            latencies.record(at - sent);
                            recorder.record(at, at - sent);
                            gaps.acknowledged(at);
                        }
                    } catch (ExecutionException e) {
                        countFailure(errors, recorder, measured, e.getCause());
                        if (e.getCause() instanceof WardenException w && w.code() == ErrorCode.SESSIONEXPIRED) {
                            notes.add(String.format(Locale.ROOT, "the session expired %.3f s into the measured run;"
                                    + " a new one was opened", (System.nanoTime() - window.measureStartNanos()) / 1e9));
                            client.close();
                            client = session(connectString);
                        }
                        awaitConnection(client);
                    } catch (TimeoutException e) {
                        countFailure(errors, recorder, measured, null);
                    }
                }
                now = System.nanoTime();
            }
            recorder.flush();
            double seconds = window.timed() ? settings.durationSeconds()
                    : (gaps.lastNanos() - window.measureStartNanos()) / 1e9;
            return result(latencies, errors, gaps, timeline, seconds, notes);
        } finally {
            client.close();
            deleteNode(connectString);
        }
    }

    private static WardenClient session(String connectString) {
        return WardenClient.builder(connectString).sessionTimeoutMs(SESSION_TIMEOUT_MS)
                .reconnectBackoffMaxMs(RECONNECT_BACKOFF_MAX_MS).retryPolicy(RetryPolicy.none()).build();
    }

    private BenchResult result(LatencyHistogram latencies, ErrorCounts errors, Gaps gaps, Timeline timeline,
            double seconds, List<String> notes) {
        Map<String, LatencySummary> summaries = new LinkedHashMap<>();
        summaries.put("setData", latencies.summary());
        Map<String, Double> timings = new LinkedHashMap<>();
        if (gaps.count() > 1) {
            timings.put("longest gap", gaps.longestNanos() / 1e6);
            timings.put("longest gap began", (gaps.longestStartNanos() - gaps.originNanos()) / 1e6);
            notes.add(String.format(Locale.ROOT, "longest gap between acknowledged writes: %.1f ms, from %.3f s"
                    + " into the measured run", gaps.longestNanos() / 1e6,
                    (gaps.longestStartNanos() - gaps.originNanos()) / 1e9));
            for (long[] gap : gaps.listed()) {
                notes.add(String.format(Locale.ROOT, "gap of %.1f ms from %.3f s", gap[1] / 1e6,
                        (gap[0] - gaps.originNanos()) / 1e9));
            }
        } else {
            notes.add("fewer than two writes were acknowledged in the measured run: no gap to report");
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("setData", latencies.count());
        return new BenchResult(settings, "ops", latencies.count(), seconds, summaries, errors.snapshot(), counters,
                notes, TimelineReport.NONE, timings, List.of()).withTimeline(timeline.report("setData", seconds));
    }

    private static void countFailure(ErrorCounts errors, TimelineRecorder recorder, boolean measured,
            Throwable cause) {
        if (cause instanceof WardenException w) {
            errors.add(w.code().code());
        } else if (cause == null) {
            errors.add(ErrorCode.OPERATIONTIMEOUT.code());
        } else {
            errors.add(cause.getClass().getSimpleName(), 1);
        }
        if (measured) {
            recorder.error(System.nanoTime());
        }
    }

    /** Waits for the client to have a connection, at most {@link #WRITE_TIMEOUT_MS}; a write tells what went wrong. */
    private static void awaitConnection(WardenClient client) throws InterruptedException {
        try {
            client.whenConnected().get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the next write fails and is counted with its reason
        }
    }

    private static void await(CompletableFuture<?> call) throws BenchException, InterruptedException {
        try {
            call.get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new BenchException("could not create " + NODE + ": " + cause.getMessage(), cause);
        }
    }

    /** Deletes the node with a session of its own (the run's may have been lost); a failure is reported. */
    private void deleteNode(String connectString) throws InterruptedException {
        try (WardenClient client = WardenClient.builder(connectString).build()) {
            client.delete(NODE).get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            progress.println("warden bench: clean-up of " + NODE + " failed: " + e);
        }
    }

    /** The gaps between consecutive acknowledged writes, in {@link System#nanoTime()} terms. */
    static final class Gaps {
        private final long originNanos;
        private long lastNanos = Long.MIN_VALUE;
        private long count;
        private long longestNanos;
        private long longestStartNanos;
        private final List<long[]> listed = new ArrayList<>();

        Gaps(long originNanos) {
            this.originNanos = originNanos;
        }

        void acknowledged(long atNanos) {
            if (count > 0) {
                long gap = atNanos - lastNanos;
                if (gap > longestNanos) {
                    longestNanos = gap;
                    longestStartNanos = lastNanos;
                }
                if (gap >= TimeUnit.MILLISECONDS.toNanos(GAP_LISTED_MS) && listed.size() < GAPS_LISTED_MAX) {
                    listed.add(new long[] {lastNanos, gap});
                }
            }
            lastNanos = atNanos;
            count++;
        }

        long originNanos() {
            return originNanos;
        }

        long lastNanos() {
            return count == 0 ? originNanos : lastNanos;
        }

        long count() {
            return count;
        }

        long longestNanos() {
            return longestNanos;
        }

        long longestStartNanos() {
            return longestStartNanos;
        }

        /** Gaps of at least {@link #GAP_LISTED_MS}, the first {@link #GAPS_LISTED_MAX}: start and length. */
        List<long[]> listed() {
            return listed;
        }
    }
}
