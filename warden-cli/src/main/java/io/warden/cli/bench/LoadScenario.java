package io.warden.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The write, read and mixed scenarios: each client session works on its own node under
 * {@link BenchTree#ROOT} as fast as its pipeline allows, for the duration or the operation count.
 */
final class LoadScenario {
    /** How long outstanding requests may take to come back once sending has stopped. */
    static final long DRAIN_SECONDS_MAX = 10;

    private final BenchSettings settings;
    private final PrintStream progress;

    LoadScenario(BenchSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    BenchResult run() throws BenchException, InterruptedException {
        byte[] data = Payload.of(settings.dataBytes());
        ErrorCounts errors = new ErrorCounts();
        List<String> notes = new ArrayList<>();
        try (Sessions sessions = new Sessions(settings.servers())) {
            BenchTree tree = new BenchTree(sessions.open("admin", 0, NotificationListener.IGNORE));
            List<LoadClient> clients = new ArrayList<>();
            try {
                tree.put(BenchTree.ROOT, new byte[0]);
                List<BenchConnection> connections = new ArrayList<>();
                for (int i = 0; i < settings.clients(); i++) {
                    tree.put(BenchTree.clientPath(i), data);
                    connections.add(sessions.open("client-" + i, i, NotificationListener.IGNORE));
                }
                RunWindow window = RunWindow.start(settings, System.nanoTime());
                Timeline timeline = new Timeline(window.measureStartNanos());
                CountDownLatch done = new CountDownLatch(settings.clients());
                for (int i = 0; i < settings.clients(); i++) {
                    clients.add(new LoadClient(connections.get(i), BenchTree.clientPath(i), data,
                            new OpMix(settings.scenario(), i), window, settings.pipeline(), errors, done, timeline));
                }
                progress.println(BenchRunner.describe(settings));
                clients.forEach(LoadClient::start);
                long waitNanos = window.deadlineNanos() - System.nanoTime()
                        + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS_MAX);
                if (!done.await(waitNanos, TimeUnit.NANOSECONDS)) {
                    notes.add("requests still outstanding " + DRAIN_SECONDS_MAX
                            + " s after sending stopped were abandoned (counted as OPERATIONTIMEOUT)");
                    clients.forEach(LoadClient::abandon);
                }
                notes.addAll(sessions.losses());
                return result(window, clients, errors, notes, timeline);
            } finally {
                for (LoadClient client : clients) {
                    client.connection().close();
                }
                BenchRunner.cleanUp(tree, progress);
            }
        }
    }

    private BenchResult result(RunWindow window, List<LoadClient> clients, ErrorCounts errors, List<String> notes,
            Timeline timeline) {
        LatencyHistogram reads = new LatencyHistogram();
        LatencyHistogram writes = new LatencyHistogram();
        long lastReply = window.measureStartNanos();
        for (LoadClient client : clients) {
            client.addReadsTo(reads);
            client.addWritesTo(writes);
            lastReply = Math.max(lastReply, client.lastMeasuredReplyNanos());
        }
        LatencyHistogram all = new LatencyHistogram();
        all.merge(reads);
        all.merge(writes);
        Map<String, LatencySummary> latencies = new LinkedHashMap<>();
        latencies.put("all", all.summary());
        if (settings.scenario() == Scenario.MIXED) {
            latencies.put("getData", reads.summary());
            latencies.put("setData", writes.summary());
        }
        double seconds = window.timed() ? window.timedSeconds() : (lastReply - window.measureStartNanos()) / 1e9;
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("getData", reads.count());
        counters.put("setData", writes.count());
        return new BenchResult(settings, "ops", all.count(), seconds, latencies, errors.snapshot(), counters, notes)
                .withTimeline(timeline.report("all", seconds));
    }
}
