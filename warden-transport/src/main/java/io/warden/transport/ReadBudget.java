package io.warden.transport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of frames received and not handled yet, all connections together. A frame reserves
 * its length when its header arrives and gives it back once the driver handled it (or its
 * connection closed). A frame that does not fit waits: its connection is not read until the
 * reserved bytes are down to half the budget (so that a busy budget does not wake every waiting
 * connection on every release). One frame always fits, however long, when nothing else is
 * reserved.
 */
final class ReadBudget {
    private final long max;
    private final AtomicLong used = new AtomicLong();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    ReadBudget(long max) {
        this.max = max;
    }

    boolean tryReserve(long bytes) {
        while (true) {
            long now = used.get();
            if (!fits(now, bytes)) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    private boolean fits(long now, long bytes) {
        return now == 0 || now + bytes <= max;
    }

    void release(long bytes) {
        if (bytes > 0 && used.addAndGet(-bytes) <= max / 2 && !waiting.isEmpty()) {
            wakeWaiting();
        }
    }

    /**
     * Runs {@code retry} (once) when bytes are given back, or at once if {@code bytes} fit already
     * (they were given back between the failed reservation and now).
     */
    void await(long bytes, Runnable retry) {
        waiting.add(retry);
        if (fits(used.get(), bytes)) {
            wakeWaiting();
        }
    }

    private void wakeWaiting() {
        Runnable retry;
        while ((retry = waiting.poll()) != null) {
            retry.run();
        }
    }

    long used() {
        return used.get();
    }
}
