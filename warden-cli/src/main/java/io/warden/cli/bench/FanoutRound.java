package io.warden.cli.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One change of the watched node: when each watcher received its NodeDataChanged, and whether
 * each has set its watch again. Watcher {@code i} writes only slot {@code i}, from its reader
 * thread; the bench reads the slots after {@link #await} returned true.
 */
final class FanoutRound {
    private final long[] eventNanos;
    private final boolean[] received;
    private final CountDownLatch delivered;
    private final CountDownLatch rearmed;

    FanoutRound(int watchers) {
        this.eventNanos = new long[watchers];
        this.received = new boolean[watchers];
        this.delivered = new CountDownLatch(watchers);
        this.rearmed = new CountDownLatch(watchers);
    }

    /** Records watcher {@code index}'s event; false when it already had one this round. */
    boolean deliver(int index, long nowNanos) {
        if (received[index]) {
            return false;
        }
        received[index] = true;
        eventNanos[index] = nowNanos;
        delivered.countDown();
        return true;
    }

    void rearmed() {
        rearmed.countDown();
    }

    /** Waits until every watcher has its event and its watch back, or until {@code deadlineNanos}. */
    boolean await(long deadlineNanos) throws InterruptedException {
        return delivered.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)
                && rearmed.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    long deliveredCount() {
        return eventNanos.length - delivered.getCount();
    }

    long eventNanos(int index) {
        return eventNanos[index];
    }

    long lastEventNanos() {
        long last = eventNanos[0];
        for (long nanos : eventNanos) {
            last = Math.max(last, nanos);
        }
        return last;
    }
}
