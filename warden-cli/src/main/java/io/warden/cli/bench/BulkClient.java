package io.warden.cli.bench;

import java.util.concurrent.CountDownLatch;

import io.warden.wire.ErrorCode;

/**
 * One session's share of a {@link BulkPhase}, as a closed loop: it keeps up to {@code pipeline}
 * requests outstanding, taking the next index from the phase as each reply arrives (on the reader
 * thread), until the phase has none left or its deadline passes; then, once nothing is
 * outstanding, it counts {@code done} down. All state is guarded by this object's monitor.
 */
final class BulkClient implements ReplyHandler {
    private final BenchConnection connection;
    private final BulkPhase phase;
    private final int pipeline;
    private final long deadlineNanos;
    private final ErrorCounts errors;
    private final CountDownLatch done;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final TimelineRecorder timeline;
    private int inFlight;
    private boolean stopped;
    private boolean finished;
    private long succeeded;
    private long tolerated;
    private long failed;
    private long firstSendNanos = Long.MAX_VALUE;
    private long lastReplyNanos = Long.MIN_VALUE;

    BulkClient(BenchConnection connection, BulkPhase phase, int pipeline, long deadlineNanos, ErrorCounts errors,
            CountDownLatch done, Timeline timeline) {
        this.connection = connection;
        this.phase = phase;
        this.pipeline = pipeline;
        this.deadlineNanos = deadlineNanos;
        this.errors = errors;
        this.done = done;
        this.timeline = timeline.recorder();
    }

    synchronized void start() {
        for (int i = 0; i < pipeline && trySend(); i++) {
            // each pass put one request in flight
        }
        finishIfIdle();
    }

    @Override
    public synchronized void onReply(Reply reply) {
        if (finished) {
            return;
        }
        inFlight--;
        phase.replied();
        if (reply.ok()) {
            succeeded++;
            latencies.record(reply.latencyNanos());
            timeline.record(reply.sentNanos(), reply.latencyNanos());
        } else if (phase.tolerates(reply.err())) {
            tolerated++;
            latencies.record(reply.latencyNanos());
            timeline.record(reply.sentNanos(), reply.latencyNanos());
        } else {
            failed++;
            errors.add(reply.err());
            timeline.error(reply.sentNanos());
        }
        lastReplyNanos = Math.max(lastReplyNanos, reply.receivedNanos());
        trySend();
        finishIfIdle();
    }

    private boolean trySend() {
        if (stopped) {
            return false;
        }
        long now = System.nanoTime();
        if (now - deadlineNanos >= 0) {
            stopped = true;
            return false;
        }
        long index = phase.claim();
        if (index < 0) {
            stopped = true;
            return false;
        }
        inFlight++;
        firstSendNanos = Math.min(firstSendNanos, now);
        if (!connection.send(phase.opCode(), phase.body(index), now, this)) {
            inFlight--;
            failed++;
            errors.add(ErrorCode.CONNECTIONLOSS.code());
            stopped = true;
            return false;
        }
        return true;
    }

    private void finishIfIdle() {
        if (stopped && inFlight == 0 && !finished) {
            finished = true;
            timeline.flush();
            done.countDown();
        }
    }

    /** Gives up on what is still outstanding: each such request counts as OPERATIONTIMEOUT; later replies are ignored. */
    synchronized void abandon() {
        if (!finished) {
            stopped = true;
            finished = true;
            if (inFlight > 0) {
                failed += inFlight;
                errors.add(ErrorCode.OPERATIONTIMEOUT.name(), inFlight);
            }
            timeline.flush();
            done.countDown();
        }
    }

    synchronized void addTo(BulkPhase.Outcome.Builder outcome) {
        outcome.add(succeeded, tolerated, failed, latencies, firstSendNanos, lastReplyNanos);
    }
}
