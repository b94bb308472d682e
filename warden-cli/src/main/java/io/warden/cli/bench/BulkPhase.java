package io.warden.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

import io.warden.wire.Record;

/**
 * One pass of {@code total} requests of one kind (request {@code i} built by {@code body}), spread
 * over the sessions given: each session keeps its pipeline full with the next index not yet taken
 * (a {@link BulkClient}), so a slow session simply takes fewer. Replies with an error that
 * {@code tolerated} accepts (such as NODEEXISTS for a parent left from an earlier run) count as
 * done, not as failures. The pass stops sending at the deadline; what is still outstanding
 * {@link #DRAIN_SECONDS_MAX} later is abandoned.
 */
final class BulkPhase {
    static final long DRAIN_SECONDS_MAX = 10;
    static final long PROGRESS_SECONDS = 10;

    private final String name;
    private final int opCode;
    private final long total;
    private final LongFunction<Record> body;
    private final IntPredicate tolerated;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();

    /** What one pass did; times are {@link System#nanoTime()} values, and the seconds span first send to last reply. */
    record Outcome(String name, long total, long succeeded, long tolerated, long failed, long unsent,
            LatencyHistogram latencies, long firstSendNanos, long lastReplyNanos, boolean abandoned) {

        double seconds() {
            return lastReplyNanos > firstSendNanos ? (lastReplyNanos - firstSendNanos) / 1e9 : 0;
        }

        /** Successful and tolerated requests a second over {@link #seconds()}. */
        double rate() {
            double seconds = seconds();
            return seconds > 0 ? (succeeded + tolerated) / seconds : 0;
        }

        String describe() {
            StringBuilder line = new StringBuilder(name).append(": ").append(succeeded).append(" of ").append(total)
                    .append(" succeeded");
            if (tolerated > 0) {
                line.append(", ").append(tolerated).append(" already done");
            }
            if (failed > 0) {
                line.append(", ").append(failed).append(" failed");
            }
            if (unsent > 0) {
                line.append(", ").append(unsent).append(" not sent (time limit or lost session)");
            }
            return line.append(String.format(Locale.ROOT, " in %.3f s (%.1f/s)", seconds(), rate())).toString();
        }

        /** Sums the clients' shares of one pass. */
        static final class Builder {
            private final LatencyHistogram latencies = new LatencyHistogram();
            private long succeeded;
            private long tolerated;
            private long failed;
            private long firstSendNanos = Long.MAX_VALUE;
            private long lastReplyNanos = Long.MIN_VALUE;

            void add(long succeeded, long tolerated, long failed, LatencyHistogram latencies, long firstSendNanos,
                    long lastReplyNanos) {
                this.succeeded += succeeded;
                this.tolerated += tolerated;
                this.failed += failed;
                this.latencies.merge(latencies);
                this.firstSendNanos = Math.min(this.firstSendNanos, firstSendNanos);
                this.lastReplyNanos = Math.max(this.lastReplyNanos, lastReplyNanos);
            }

            Outcome build(String name, long total, boolean abandoned) {
                long unsent = Math.max(0, total - succeeded - tolerated - failed);
                long first = firstSendNanos == Long.MAX_VALUE ? 0 : firstSendNanos;
                long last = lastReplyNanos == Long.MIN_VALUE ? first : lastReplyNanos;
                return new Outcome(name, total, succeeded, tolerated, failed, unsent, latencies, first, last,
                        abandoned);
            }
        }
    }

    BulkPhase(String name, int opCode, long total, LongFunction<Record> body, IntPredicate tolerated) {
        if (total < 0) {
            throw new IllegalArgumentException("total " + total + " is negative");
        }
        this.name = name;
        this.opCode = opCode;
        this.total = total;
        this.body = body;
        this.tolerated = tolerated;
    }

    int opCode() {
        return opCode;
    }

    Record body(long index) {
        return body.apply(index);
    }

    boolean tolerates(int err) {
        return tolerated.test(err);
    }

    /** The next index to send, or -1 when every one has been taken. */
    long claim() {
        long index = next.getAndIncrement();
        if (index >= total) {
            next.set(total);
            return -1;
        }
        return index;
    }

    void replied() {
        replies.incrementAndGet();
    }

    /**
     * Runs the pass and waits for it, recording each reply in {@code timeline} by its send time;
     * progress lines every {@value #PROGRESS_SECONDS} s.
     */
    Outcome run(List<BenchConnection> connections, int pipeline, long deadlineNanos, ErrorCounts errors,
            PrintStream progress, Timeline timeline) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(connections.size());
        List<BulkClient> clients = new ArrayList<>();
        for (BenchConnection connection : connections) {
            clients.add(new BulkClient(connection, this, pipeline, deadlineNanos, errors, done, timeline));
        }
        long started = System.nanoTime();
        clients.forEach(BulkClient::start);
        long giveUp = deadlineNanos + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS_MAX);
        boolean abandoned = false;
        long nextReport = started + TimeUnit.SECONDS.toNanos(PROGRESS_SECONDS);
        while (!done.await(Math.min(TimeUnit.SECONDS.toNanos(1), Math.max(0, giveUp - System.nanoTime())),
                TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            if (now - giveUp >= 0) {
                clients.forEach(BulkClient::abandon);
                abandoned = true;
                break;
            }
            if (now - nextReport >= 0) {
                double seconds = (now - started) / 1e9;
                long count = replies.get();
                progress.println(String.format(Locale.ROOT, "warden bench: %s: %d of %d answered after %.0f s "
                        + "(%.0f/s)", name, count, total, seconds, count / seconds));
                nextReport += TimeUnit.SECONDS.toNanos(PROGRESS_SECONDS);
            }
        }
        Outcome.Builder outcome = new Outcome.Builder();
        clients.forEach(client -> client.addTo(outcome));
        return outcome.build(name, total, abandoned);
    }
}
