package io.warden.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.proto.SetDataRequest;

/**
 * watch-fanout: W watcher sessions keep a data watch on one node; one writer sets its data, waits
 * until every watcher has received NodeDataChanged and set its watch again, and goes on to the next
 * round. Per round it measures the writer's setData latency, the fan-out completion time (from
 * the writer's reply to the last watcher's event; 0 when every event came first) and, per
 * watcher, the delivery time (from the writer's reply to that watcher's event, also at least 0).
 * Because a server may send the events before the writer's reply, the completion time is also
 * measured from the moment the writer sent its request.
 */
final class WatchFanoutScenario {
    /** How long one round may take before the run stops with FANOUT_TIMEOUT. */
    static final long ROUND_SECONDS_MAX = 10;

    private final BenchSettings settings;
    private final PrintStream progress;
    private final ErrorCounts errors = new ErrorCounts();
    private final List<String> notes = new ArrayList<>();
    private final LatencyHistogram writes = new LatencyHistogram();
    private final LatencyHistogram fanout = new LatencyHistogram();
    private final LatencyHistogram fanoutFromSend = new LatencyHistogram();
    private final LatencyHistogram delivery = new LatencyHistogram();
    private long rounds;
    private long events;
    private long eventsBeforeReply;
    private long lastMeasuredNanos;
    private Timeline timeline;
    private TimelineRecorder recorder;

    WatchFanoutScenario(BenchSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    BenchResult run() throws BenchException, InterruptedException {
        String path = BenchTree.fanoutPath();
        byte[] data = Payload.of(settings.dataBytes());
        try (Sessions sessions = new Sessions(settings.servers())) {
            BenchTree tree = new BenchTree(sessions.open("admin", 0, NotificationListener.IGNORE));
            List<BenchConnection> clients = new ArrayList<>();
            try {
                tree.put(BenchTree.ROOT, new byte[0]);
                tree.put(path, data);
                BenchConnection writer = sessions.open("writer", 0, NotificationListener.IGNORE);
                clients.add(writer);
                List<FanoutWatcher> watchers = new ArrayList<>();
                for (int i = 0; i < settings.watchers(); i++) {
                    FanoutWatcher watcher = new FanoutWatcher(i, path, errors);
                    watcher.attach(sessions.open("watcher-" + i, i + 1, watcher));
                    clients.add(watcher.connection());
                    watcher.arm();
                    watchers.add(watcher);
                }
                RunWindow window = RunWindow.start(settings, System.nanoTime());
                timeline = new Timeline(window.measureStartNanos());
                recorder = timeline.recorder();
                progress.println(BenchRunner.describe(settings));
                runRounds(window, writer, watchers, new PreEncodedBody(new SetDataRequest(path, data, -1)));
                recorder.flush();
                notes.addAll(sessions.losses());
                double seconds = window.timed() ? window.timedSeconds()
                        : Math.max(0, lastMeasuredNanos - window.measureStartNanos()) / 1e9;
                return result(seconds);
            } finally {
                for (BenchConnection client : clients) {
                    client.close();
                }
                BenchRunner.cleanUp(tree, progress);
            }
        }
    }

    private void runRounds(RunWindow window, BenchConnection writer, List<FanoutWatcher> watchers, Record body)
            throws InterruptedException {
        long roundNumber = 0;
        while (true) {
            long now = System.nanoTime();
            if (!window.trySend(now)) {
                return;
            }
            roundNumber++;
            boolean measured = window.measured(now);
            FanoutRound round = new FanoutRound(watchers.size());
            watchers.forEach(watcher -> watcher.begin(round));
            long deadline = now + TimeUnit.SECONDS.toNanos(ROUND_SECONDS_MAX);
            Reply reply = writeOnce(writer, body, now, deadline);
            if (reply == null) {
                return;
            }
            if (!reply.ok()) {
                errors.add(reply.err());
                recorder.error(now);
                notes.add("round " + roundNumber + ": the writer's setData failed with " + ErrorCounts.nameOf(reply.err())
                        + "; the run stopped there");
                return;
            }
            if (!round.await(deadline)) {
                errors.add(ErrorCounts.FANOUT_TIMEOUT, 1);
                recorder.error(now);
                notes.add("round " + roundNumber + ": " + round.deliveredCount() + " of " + watchers.size()
                        + " watchers received NodeDataChanged (and not all set their watch again) within "
                        + ROUND_SECONDS_MAX + " s; the run stopped there");
                return;
            }
            if (measured) {
                record(reply, round, watchers.size());
            }
        }
    }

    private Reply writeOnce(BenchConnection writer, Record body, long now, long deadline) throws InterruptedException {
        CompletableFuture<Reply> future = new CompletableFuture<>();
        if (!writer.send(OpCode.SET_DATA, body, now, future::complete)) {
            errors.add(ErrorCode.CONNECTIONLOSS.code());
            notes.add("the writer's session was lost; the run stopped");
            return null;
        }
        try {
            return future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            errors.add(ErrorCode.OPERATIONTIMEOUT.code());
            notes.add("the writer's setData got no reply within " + ROUND_SECONDS_MAX + " s; the run stopped");
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a reply future failed", e.getCause());
        }
    }

    private void record(Reply reply, FanoutRound round, int watchers) {
        rounds++;
        writes.record(reply.latencyNanos());
        long replied = reply.receivedNanos();
        long last = round.lastEventNanos();
        fanout.record(last - replied);
        fanoutFromSend.record(last - reply.sentNanos());
        recorder.record(reply.sentNanos(), last - reply.sentNanos());
        for (int i = 0; i < watchers; i++) {
            long at = round.eventNanos(i);
            delivery.record(at - replied);
            events++;
            if (at < replied) {
                eventsBeforeReply++;
            }
        }
        lastMeasuredNanos = Math.max(replied, last);
    }

    private BenchResult result(double seconds) {
        Map<String, LatencySummary> latencies = new LinkedHashMap<>();
        latencies.put("fanout", fanout.summary());
        latencies.put("fanout-from-send", fanoutFromSend.summary());
        latencies.put("delivery", delivery.summary());
        latencies.put("setData", writes.summary());
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("watchers", (long) settings.watchers());
        counters.put("events", events);
        counters.put("eventsBeforeWriterReply", eventsBeforeReply);
        return new BenchResult(settings, "rounds", rounds, seconds, latencies, errors.snapshot(), counters, notes)
                .withTimeline(timeline.report("fanout-from-send", seconds));
    }
}
