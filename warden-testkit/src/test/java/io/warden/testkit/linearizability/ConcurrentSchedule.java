package io.warden.testkit.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random timing for clients that each run operations one after another: each operation gets an
 * invocation time, a completion time (or an unknown outcome), and the instant it takes effect, inside
 * its interval (after its invocation, possibly never, when the outcome is unknown). Applying the
 * operations to an atomic object in order of those instants gives a history linearizable by
 * construction.
 */
final class ConcurrentSchedule {
    /** Never takes effect. */
    static final long NEVER = Long.MAX_VALUE;

    /** One operation's timing; {@code completionTimeNanos} is unknown's marker when the outcome is unknown. */
    record Slot(long clientId, long invocationTimeNanos, long completionTimeNanos, long effectTimeNanos) {
        boolean isUnknown() {
            return completionTimeNanos == Operation.UNKNOWN_COMPLETION_NANOS;
        }

        boolean takesEffect() {
            return effectTimeNanos != NEVER;
        }
    }

    private ConcurrentSchedule() {
    }

    /** Slots for up to {@code maxClients} clients of up to {@code maxOperationsPerClient} each, by invocation time. */
    static List<Slot> draw(SplittableRandom random, int maxClients, int maxOperationsPerClient, double unknownChance) {
        List<Slot> slots = new ArrayList<>();
        int clients = 1 + random.nextInt(maxClients);
        for (int client = 0; client < clients; client++) {
            long timeNanos = random.nextInt(50);
            int operations = 1 + random.nextInt(maxOperationsPerClient);
            for (int index = 0; index < operations; index++) {
                long invocation = timeNanos + random.nextInt(30);
                long duration = 1 + random.nextInt(100);
                if (random.nextDouble() < unknownChance) {
                    long effect = random.nextBoolean() ? invocation + random.nextInt(300) : NEVER;
                    slots.add(new Slot(client, invocation, Operation.UNKNOWN_COMPLETION_NANOS, effect));
                } else {
                    long effect = invocation + random.nextLong(duration + 1);
                    slots.add(new Slot(client, invocation, invocation + duration, effect));
                }
                timeNanos = invocation + duration;
            }
        }
        slots.sort(Comparator.comparingLong(Slot::invocationTimeNanos).thenComparingLong(Slot::clientId));
        return slots;
    }

    /** The positions of the slots that take effect, in the order they take effect. */
    static List<Integer> effectOrder(List<Slot> slots) {
        List<Integer> order = new ArrayList<>();
        for (int index = 0; index < slots.size(); index++) {
            if (slots.get(index).takesEffect()) {
                order.add(index);
            }
        }
        order.sort(Comparator.comparingLong((Integer index) -> slots.get(index).effectTimeNanos())
                .thenComparingInt(index -> index));
        return order;
    }

    /** A time after every invocation and completion of the slots. */
    static long after(List<Slot> slots) {
        long latest = 0;
        for (Slot slot : slots) {
            latest = Math.max(latest, slot.invocationTimeNanos());
            if (!slot.isUnknown()) {
                latest = Math.max(latest, slot.completionTimeNanos());
            }
        }
        return latest + 10;
    }
}
