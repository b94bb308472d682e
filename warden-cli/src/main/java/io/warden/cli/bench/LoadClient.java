package io.warden.cli.bench;

import java.util.concurrent.CountDownLatch;

import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.SetDataRequest;

/**
 * One client of the write, read and mixed scenarios, as a closed loop: it starts with
 * {@code pipeline} requests outstanding and sends the next one from the reader thread as each reply
 * arrives, until the {@link RunWindow} says stop. Then, once nothing is outstanding, it counts
 * {@code done} down. All state is guarded by this object's monitor.
 */
final class LoadClient implements ReplyHandler {
    private final BenchConnection connection;
    private final OpMix mix;
    private final Record getDataBody;
    private final Record setDataBody;
    private final RunWindow window;
    private final int pipeline;
    private final ErrorCounts errors;
    private final CountDownLatch done;
    private final LatencyHistogram reads = new LatencyHistogram();
    private final LatencyHistogram writes = new LatencyHistogram();
    private final TimelineRecorder timeline;
    private int inFlight;
    private boolean stopped;
    private boolean finished;
    private long lastMeasuredReplyNanos;

    LoadClient(BenchConnection connection, String path, byte[] data, OpMix mix, RunWindow window, int pipeline,
            ErrorCounts errors, CountDownLatch done, Timeline timeline) {
        this.connection = connection;
        this.mix = mix;
        this.getDataBody = new PreEncodedBody(new GetDataRequest(path, false));
        this.setDataBody = new PreEncodedBody(new SetDataRequest(path, data, -1));
        this.window = window;
        this.pipeline = pipeline;
        this.errors = errors;
        this.done = done;
        this.timeline = timeline.recorder();
    }

    BenchConnection connection() {
        return connection;
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
        boolean measured = window.measured(reply.sentNanos());
        if (!reply.ok()) {
            errors.add(reply.err());
            if (measured) {
                timeline.error(reply.sentNanos());
            }
        } else if (measured) {
            (reply.opCode() == OpCode.SET_DATA ? writes : reads).record(reply.latencyNanos());
            timeline.record(reply.sentNanos(), reply.latencyNanos());
            lastMeasuredReplyNanos = Math.max(lastMeasuredReplyNanos, reply.receivedNanos());
        }
        trySend();
        finishIfIdle();
    }

    private boolean trySend() {
        long now = System.nanoTime();
        if (stopped || !window.trySend(now)) {
            stopped = true;
            return false;
        }
        int opCode = mix.next();
        inFlight++;
        if (!connection.send(opCode, opCode == OpCode.SET_DATA ? setDataBody : getDataBody, now, this)) {
            errors.add(ErrorCode.CONNECTIONLOSS.code());
            inFlight--;
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

    /**
     * Gives up on what is still outstanding after the drain time: each such request counts as
     * OPERATIONTIMEOUT, and later replies are ignored.
     */
    synchronized void abandon() {
        if (!finished) {
            stopped = true;
            finished = true;
            if (inFlight > 0) {
                errors.add(ErrorCode.OPERATIONTIMEOUT.name(), inFlight);
            }
            timeline.flush();
            done.countDown();
        }
    }

    synchronized void addReadsTo(LatencyHistogram target) {
        target.merge(reads);
    }

    synchronized void addWritesTo(LatencyHistogram target) {
        target.merge(writes);
    }

    synchronized long lastMeasuredReplyNanos() {
        return lastMeasuredReplyNanos;
    }
}
