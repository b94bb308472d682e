package io.warden.testkit;

import io.warden.zab.PeerMessage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The simulated network: gives each message a delay and schedules its delivery, losing,
 * repeating or holding back messages as the current {@link LinkFaults} say, and dropping those
 * between servers a partition separates. Each direction of each link is FIFO except for
 * messages deliberately held back. Each direction of each link draws from its own random stream,
 * so what happens on one link never depends on the order a server sent to different servers.
 */
final class Network {
    /** One direction of the link between two servers. */
    record Direction(long from, long to) {
    }

    /** What the network knows of one direction of a link. */
    private static final class LinkState {
        final Dice dice;
        long sent;
        long lastInOrderMs;

        LinkState(Dice dice) {
            this.dice = dice;
        }
    }

    private final long seed;
    private final EventQueue queue;
    private final int delayMinMs;
    private final int delayMaxMs;
    private final Set<Direction> blocked = new HashSet<>();
    private final Map<Direction, LinkState> links = new HashMap<>();
    private LinkFaults faults = LinkFaults.NONE;
    private long sentCount;
    private long droppedCount;
    private long duplicatedCount;

    /** @param seed the seed every link's random stream derives from */
    Network(long seed, EventQueue queue, int delayMinMs, int delayMaxMs) {
        if (delayMinMs < 0 || delayMaxMs < delayMinMs) {
            throw new IllegalArgumentException("bad delay range [" + delayMinMs + ", " + delayMaxMs + "]");
        }
        this.seed = seed;
        this.queue = queue;
        this.delayMinMs = delayMinMs;
        this.delayMaxMs = delayMaxMs;
    }

    void setFaults(LinkFaults faults) {
        this.faults = faults;
    }

    void block(long from, long to) {
        blocked.add(new Direction(from, to));
    }

    void unblockAll() {
        blocked.clear();
    }

    boolean isBlocked(long from, long to) {
        return !blocked.isEmpty() && blocked.contains(new Direction(from, to));
    }

    /**
     * Sends {@code message}: schedules zero, one or two deliveries. Returns how many.
     * The incarnations let the receiving side drop it if the receiver restarted meanwhile.
     */
    int send(long nowMs, long from, long to, long fromIncarnation, long toIncarnation, PeerMessage message) {
        sentCount++;
        LinkState link = links.computeIfAbsent(new Direction(from, to),
                direction -> new LinkState(Dice.stream(seed, Dice.mix(from) ^ to)));
        if (isBlocked(from, to) || link.dice.chance(faults.dropProbability())) {
            droppedCount++;
            return 0;
        }
        SimEvent.Delivery delivery = new SimEvent.Delivery(from, to, fromIncarnation, toIncarnation, message);
        schedule(nowMs, link, delivery);
        if (link.dice.chance(faults.duplicateProbability())) {
            duplicatedCount++;
            schedule(nowMs, link, delivery);
            return 2;
        }
        return 1;
    }

    private void schedule(long nowMs, LinkState link, SimEvent.Delivery delivery) {
        long atMs = nowMs + link.dice.between(delayMinMs, delayMaxMs);
        if (link.dice.chance(faults.reorderProbability())) {
            atMs += link.dice.between(0, faults.reorderDelayMaxMs());
        } else {
            atMs = Math.max(atMs, link.lastInOrderMs);
            link.lastInOrderMs = atMs;
        }
        queue.scheduleDelivery(atMs, delivery, link.sent++);
    }

    long sentCount() {
        return sentCount;
    }

    long droppedCount() {
        return droppedCount;
    }

    long duplicatedCount() {
        return duplicatedCount;
    }
}
