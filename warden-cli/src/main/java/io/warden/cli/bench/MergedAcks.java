package io.warden.cli.bench;

import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The acknowledgement times of several sessions, each reported by its own thread in increasing
 * order, merged into one increasing sequence as they become final, so that the gaps between them
 * are exact without keeping every time. Each session first says before each request that no later
 * acknowledgement of its own can be earlier than that ({@link #noneBefore}); a time is final once
 * every session said so of a later time, and held until then: at most the other sessions'
 * acknowledgements while one session waits for a request (up to a write's timeout) and then for a
 * connection (up to as long again).
 */
final class MergedAcks {
    private final AtomicLongArray floors;
    private final PriorityQueue<Long> held = new PriorityQueue<>();
    private final AvailabilityScenario.Gaps gaps;

    /** @param sessions how many sessions report; each starts with no promise (every time may come) */
    MergedAcks(int sessions, AvailabilityScenario.Gaps gaps) {
        this.floors = new AtomicLongArray(sessions);
        for (int i = 0; i < sessions; i++) {
            floors.set(i, Long.MIN_VALUE);
        }
        this.gaps = gaps;
    }

    /** Session {@code session} will report no acknowledgement earlier than {@code nanos} from now on. */
    void noneBefore(int session, long nanos) {
        floors.set(session, nanos);
    }

    /** Session {@code session} reports nothing more. */
    void done(int session) {
        floors.set(session, Long.MAX_VALUE);
        synchronized (this) {
            passOnFinal();
        }
    }

    synchronized void acknowledged(long atNanos) {
        held.add(atNanos);
        passOnFinal();
    }

    /** Passes on every time held: once every session is done. */
    synchronized void finish() {
        while (!held.isEmpty()) {
            gaps.acknowledged(held.poll());
        }
    }

    /** Times held, not yet final. */
    synchronized int heldCount() {
        return held.size();
    }

    private void passOnFinal() {
        long watermark = Long.MAX_VALUE;
        for (int i = 0; i < floors.length(); i++) {
            watermark = Math.min(watermark, floors.get(i));
        }
        while (!held.isEmpty() && held.peek() <= watermark) {
            gaps.acknowledged(held.poll());
        }
    }
}
