package io.warden.testkit;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Future events in the order they happen: by simulated time; at equal times, by the step that
 * scheduled them, then other events before message deliveries, other events in the order they
 * were scheduled, deliveries by receiver, sender and their number on that link. Deliveries never
 * depend on the order in which one step sent to different servers (a core may send to its peers
 * in any order, e.g. iterating a {@code Set.of}, whose order changes from one JVM to the next).
 */
final class EventQueue {
    /**
     * An event due at {@code timeMs}, scheduled during {@code step}; {@code sequence} counts
     * deliveries per link, other events across the run.
     */
    record Scheduled(long timeMs, long step, long sequence, SimEvent event) {
    }

    private static final Comparator<Scheduled> ORDER = Comparator.comparingLong(Scheduled::timeMs)
            .thenComparingLong(Scheduled::step)
            .thenComparing(EventQueue::tieBreak);

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(ORDER);
    private long nextSequence;
    private long step;

    /** Events scheduled from now on are scheduled during {@code step}. */
    void beginStep(long step) {
        this.step = step;
    }

    /** Schedules anything but a delivery. */
    void schedule(long timeMs, SimEvent event) {
        if (event instanceof SimEvent.Delivery) {
            throw new IllegalArgumentException("deliveries carry their link's number: " + event);
        }
        queue.add(new Scheduled(timeMs, step, nextSequence++, event));
    }

    /** Schedules a delivery, number {@code linkSequence} on its link. */
    void scheduleDelivery(long timeMs, SimEvent.Delivery delivery, long linkSequence) {
        queue.add(new Scheduled(timeMs, step, linkSequence, delivery));
    }

    /** The next event, without taking it; null when none is left. */
    Scheduled peek() {
        return queue.peek();
    }

    /** Takes the next event; null when none is left. */
    Scheduled poll() {
        return queue.poll();
    }

    int size() {
        return queue.size();
    }

    private static int tieBreak(Scheduled a, Scheduled b) {
        boolean aDelivery = a.event() instanceof SimEvent.Delivery;
        boolean bDelivery = b.event() instanceof SimEvent.Delivery;
        if (aDelivery != bDelivery) {
            return aDelivery ? 1 : -1;
        }
        if (aDelivery) {
            SimEvent.Delivery x = (SimEvent.Delivery) a.event();
            SimEvent.Delivery y = (SimEvent.Delivery) b.event();
            int byReceiver = Long.compare(x.to(), y.to());
            if (byReceiver != 0) {
                return byReceiver;
            }
            int bySender = Long.compare(x.from(), y.from());
            if (bySender != 0) {
                return bySender;
            }
        }
        return Long.compare(a.sequence(), b.sequence());
    }
}
