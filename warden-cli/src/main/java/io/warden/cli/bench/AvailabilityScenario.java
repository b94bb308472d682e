package io.warden.cli.bench;

import io.warden.client.RetryPolicy;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.wire.ErrorCode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * availability: {@code --clients} sessions (Warden's own client, which moves to another server
 * when its connection is lost, keeping the session) each set the data of a node of their own back
 * to back, each write waiting for the session's previous one, and the run reports the longest gap
 * between two writes the servers acknowledged (to any session) in the measured run, and with more
 * than one session the longest a single session waited between two of its own. Kill an ensemble's
 * leader while it runs and the first is the time from the kill to the first write the ensemble
 * committed after it (plus at most one write's latency); the second adds the time a session took
 * to find a server again. A failed write is tried again as soon as the session has a connection,
 * without backoff, until it is acknowledged (each attempt's failure is counted; an operation count
 * counts acknowledged writes); the client's own pause between connection attempts is
 * {@link #RECONNECT_BACKOFF_MAX_MS}.
 */
final class AvailabilityScenario {
    /** The node the first session writes; session {@code i} writes {@link #nodeOf}{@code (i)}. */
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

    /** "1 session", "4 sessions". */
    static String sessions(int count) {
        return count + (count == 1 ? " session" : " sessions");
    }

    /** The node session {@code index} writes. */
    static String nodeOf(int index) {
        return index == 0 ? NODE : NODE + "-" + index;
    }

    BenchResult run() throws BenchException, InterruptedException {
        byte[] data = Payload.of(settings.dataBytes());
        ErrorCounts errors = new ErrorCounts();
        String connectString = settings.servers().stream().map(ServerAddress::toString)
                .collect(Collectors.joining(","));
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        List<Writer> writers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(settings.clients(), runnable -> {
            Thread thread = new Thread(runnable, "availability-writer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < settings.clients(); i++) {
                Writer writer = new Writer(i, nodeOf(i), connectString, data, errors, notes);
                writers.add(writer);
                writer.open();
            }
            RunWindow window = RunWindow.start(settings, System.nanoTime());
            Timeline timeline = new Timeline(window.measureStartNanos());
            Gaps gaps = new Gaps(window.measureStartNanos());
            MergedAcks merged = new MergedAcks(writers.size(), gaps);
            progress.println(BenchRunner.describe(settings));
            List<Future<?>> running = new ArrayList<>();
            for (Writer writer : writers) {
                TimelineRecorder recorder = timeline.recorder();
                running.add(threads.submit(() -> {
                    writer.writeUntilDone(window, recorder, merged);
                    return null;
                }));
            }
            for (Future<?> writer : running) {
                awaitWriter(writer);
            }
            merged.finish();
            return result(writers, gaps, window, timeline, errors, notes);
        } finally {
            threads.shutdownNow(); // interrupts the writers still waiting (a failed run)
            threads.awaitTermination(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS); // before their clients close
            for (Writer writer : writers) {
                writer.close();
            }
            deleteNodes(connectString, writers.size());
        }
    }

    private static void awaitWriter(Future<?> writer) throws BenchException, InterruptedException {
        try {
            writer.get();
        } catch (ExecutionException e) {
            throw new BenchException("a writing session failed: " + e.getCause(), e.getCause());
        }
    }

    private static WardenClient session(String connectString) {
        return WardenClient.builder(connectString).sessionTimeoutMs(SESSION_TIMEOUT_MS)
                .reconnectBackoffMaxMs(RECONNECT_BACKOFF_MAX_MS).retryPolicy(RetryPolicy.none()).build();
    }

    private BenchResult result(List<Writer> writers, Gaps gaps, RunWindow window, Timeline timeline,
            ErrorCounts errors, List<String> notes) {
        LatencyHistogram latencies = new LatencyHistogram();
        Writer slowest = writers.get(0);
        for (Writer writer : writers) {
            latencies.merge(writer.latencies);
            if (writer.gaps.longestNanos() > slowest.gaps.longestNanos()) {
                slowest = writer;
            }
        }
        double seconds = window.timed() ? settings.durationSeconds()
                : (gaps.lastNanos() - window.measureStartNanos()) / 1e9;
        Map<String, LatencySummary> summaries = new LinkedHashMap<>();
        summaries.put("setData", latencies.summary());
        Map<String, Double> timings = new LinkedHashMap<>();
        List<String> report = new ArrayList<>(notes);
        if (gaps.count() > 1) {
            timings.put("longest gap", gaps.longestNanos() / 1e6);
            timings.put("longest gap began", (gaps.longestStartNanos() - gaps.originNanos()) / 1e6);
            report.add(String.format(Locale.ROOT, "longest gap between acknowledged writes: %.1f ms, from %.3f s"
                    + " into the measured run", gaps.longestNanos() / 1e6,
                    (gaps.longestStartNanos() - gaps.originNanos()) / 1e9));
            for (long[] gap : gaps.listed()) {
                report.add(String.format(Locale.ROOT, "gap of %.1f ms from %.3f s", gap[1] / 1e6,
                        (gap[0] - gaps.originNanos()) / 1e9));
            }
        } else {
            report.add("fewer than two writes were acknowledged in the measured run: no gap to report");
        }
        if (writers.size() > 1 && slowest.gaps.count() > 1) {
            timings.put("longest session gap", slowest.gaps.longestNanos() / 1e6);
            report.add(String.format(Locale.ROOT, "longest one session waited between two of its acknowledged"
                    + " writes: %.1f ms, from %.3f s (%s)", slowest.gaps.longestNanos() / 1e6,
                    (slowest.gaps.longestStartNanos() - gaps.originNanos()) / 1e9, slowest.node));
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("setData", latencies.count());
        return new BenchResult(settings, "ops", latencies.count(), seconds, summaries, errors.snapshot(), counters,
                report, TimelineReport.NONE, timings, List.of()).withTimeline(timeline.report("setData", seconds));
    }

    /**
     * Deletes the nodes with a session of its own (the run's may have been lost), all requests at
     * once and all within {@link #WRITE_TIMEOUT_MS}, then {@link BenchTree#ROOT} unless something
     * else is under it (as the other scenarios' clean-up does); a failure is reported. Not
     * {@link BenchTree}: its connection is to one server, which may be the one a failover run killed.
     */
    private void deleteNodes(String connectString, int count) throws InterruptedException {
        try (WardenClient client = WardenClient.builder(connectString).build()) {
            List<String> paths = new ArrayList<>();
            List<CompletableFuture<Void>> deletes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                paths.add(nodeOf(i));
                deletes.add(client.delete(nodeOf(i)));
            }
            paths.add(BenchTree.ROOT);
            deletes.add(client.delete(BenchTree.ROOT)); // after the nodes: one session's requests keep their order
            long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITE_TIMEOUT_MS);
            for (int i = 0; i < paths.size(); i++) {
                try {
                    deletes.get(i).get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof WardenException w
                            && (w.code() == ErrorCode.NONODE || w.code() == ErrorCode.NOTEMPTY))) {
                        progress.println("warden bench: clean-up of " + paths.get(i) + " failed: " + e.getCause());
                    }
                } catch (TimeoutException e) {
                    progress.println("warden bench: clean-up of " + paths.get(i) + " timed out");
                }
            }
        }
    }

    /** One session writing its node back to back; its own latencies and gaps. */
    private static final class Writer {
        private final int index;
        private final String node;
        private final String connectString;
        private final byte[] data;
        private final ErrorCounts errors;
        private final List<String> notes;
        private final LatencyHistogram latencies = new LatencyHistogram();
        private Gaps gaps;
        /** Replaced by the writer's thread when its session expires; closed by the run's thread. */
        private volatile WardenClient client;

        Writer(int index, String node, String connectString, byte[] data, ErrorCounts errors, List<String> notes) {
            this.index = index;
            this.node = node;
            this.connectString = connectString;
            this.data = data;
            this.errors = errors;
            this.notes = notes;
        }

        void open() throws BenchException, InterruptedException {
            client = session(connectString);
            awaitConnection(client);
            try {
                client.ensurePath(node).get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new BenchException("could not create " + node + ": " + cause.getMessage(), cause);
            }
        }

        void writeUntilDone(RunWindow window, TimelineRecorder recorder, MergedAcks merged)
                throws InterruptedException {
            gaps = new Gaps(window.measureStartNanos());
            try {
                writeAll(window, recorder, merged);
            } finally {
                merged.done(index);
                recorder.flush();
            }
        }

        private void writeAll(RunWindow window, TimelineRecorder recorder, MergedAcks merged)
                throws InterruptedException {
            long now = System.nanoTime();
            while (window.trySend(now)) {
                boolean measured = window.measured(now);
                boolean acknowledged = false;
                while (!acknowledged && System.nanoTime() < window.deadlineNanos()) {
                    long sent = System.nanoTime();
                    merged.noneBefore(index, sent);
                    try {
                        client.setData(node, data, -1).get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                        long at = System.nanoTime();
                        acknowledged = true;
                        if (measured) {
                            latencies.record(at - sent);
                            recorder.record(at, at - sent);
                            gaps.acknowledged(at);
                            merged.acknowledged(at);
                        }
                    } catch (ExecutionException e) {
                        countFailure(recorder, measured, e.getCause());
                        if (e.getCause() instanceof WardenException w && w.code() == ErrorCode.SESSIONEXPIRED) {
                            notes.add(String.format(Locale.ROOT, "the session of %s expired %.3f s into the measured"
                                    + " run; a new one was opened", node,
                                    (System.nanoTime() - window.measureStartNanos()) / 1e9));
                            client.close();
                            client = session(connectString);
                        }
                        awaitConnection(client);
                    } catch (TimeoutException e) {
                        countFailure(recorder, measured, null);
                    }
                }
                now = System.nanoTime();
            }
        }

        private void countFailure(TimelineRecorder recorder, boolean measured, Throwable cause) {
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

        void close() {
            if (client != null) {
                client.close();
            }
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
