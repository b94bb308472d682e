package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.zab.PeerMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTest {

    /** Sends {@code count} pings 1 to 2, one per ms, and returns the delivered events in order. */
    private static List<EventQueue.Scheduled> sendAndDrain(long seed, LinkFaults faults, int count) {
        EventQueue queue = new EventQueue();
        Network network = new Network(seed, queue, 1, 20);
        network.setFaults(faults);
        for (int i = 0; i < count; i++) {
            network.send(i, 1, 2, 1, 1, new PeerMessage.Ping(7, i));
        }
        List<EventQueue.Scheduled> delivered = new ArrayList<>();
        for (EventQueue.Scheduled next = queue.poll(); next != null; next = queue.poll()) {
            delivered.add(next);
        }
        return delivered;
    }

    private static List<Long> sequences(List<EventQueue.Scheduled> delivered) {
        List<Long> sequences = new ArrayList<>();
        for (EventQueue.Scheduled scheduled : delivered) {
            sequences.add(((PeerMessage.Ping) ((SimEvent.Delivery) scheduled.event()).message()).seq());
        }
        return sequences;
    }

    @Test
    void deliversInTimeOrderAndEachLinkInFifoOrderWithoutFaults() {
        List<EventQueue.Scheduled> delivered = sendAndDrain(1, LinkFaults.NONE, 200);

        assertThat(delivered).hasSize(200);
        for (int i = 1; i < delivered.size(); i++) {
            assertThat(delivered.get(i).timeMs()).isGreaterThanOrEqualTo(delivered.get(i - 1).timeMs());
        }
        assertThat(sequences(delivered)).isSorted();
        for (int i = 0; i < delivered.size(); i++) {
            assertThat(delivered.get(i).timeMs() - i).as("delay of message %d", i).isBetween(1L, 20L);
        }
    }

    @Test
    void sameSeedSameDeliveries() {
        LinkFaults faults = new LinkFaults(0.1, 0.1, 0.3, 200);

        List<EventQueue.Scheduled> first = sendAndDrain(42, faults, 300);
        List<EventQueue.Scheduled> second = sendAndDrain(42, faults, 300);
        List<EventQueue.Scheduled> other = sendAndDrain(43, faults, 300);

        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
    }

    @Test
    void reorderingLetsMessagesOvertakeAndDuplicatesArriveTwice() {
        List<EventQueue.Scheduled> delivered = sendAndDrain(5, new LinkFaults(0, 0.2, 0.3, 300), 300);

        List<Long> sequences = sequences(delivered);
        assertThat(sequences).isNotEqualTo(sequences.stream().sorted().toList());
        assertThat(sequences.size()).isGreaterThan(300);
        assertThat(sequences.stream().distinct().count()).isEqualTo(300);
    }

    @Test
    void lossDropsAboutItsShare() {
        List<EventQueue.Scheduled> delivered = sendAndDrain(9, new LinkFaults(0.25, 0, 0, 0), 4000);

        assertThat(delivered.size()).isBetween(2700, 3300);
        assertThat(sequences(delivered)).isSorted();
    }

    @Test
    void blockedDirectionsDropOnlyThatWay() {
        EventQueue queue = new EventQueue();
        Network network = new Network(3, queue, 1, 20);
        network.block(1, 2);

        assertThat(network.send(0, 1, 2, 1, 1, new PeerMessage.Ping(1, 0))).isZero();
        assertThat(network.send(0, 2, 1, 1, 1, new PeerMessage.Ping(1, 0))).isEqualTo(1);
        assertThat(network.isBlocked(1, 2)).isTrue();
        assertThat(network.isBlocked(2, 1)).isFalse();

        network.unblockAll();
        assertThat(network.send(0, 1, 2, 1, 1, new PeerMessage.Ping(1, 1))).isEqualTo(1);
        assertThat(queue.size()).isEqualTo(2);
    }

    /** Sends pings from 1 to each of {@code receivers}, in that order, several rounds; returns what arrives. */
    private static List<String> fanOut(List<Long> receivers, LinkFaults faults) {
        EventQueue queue = new EventQueue();
        Network network = new Network(77, queue, 1, 3);
        network.setFaults(faults);
        for (int round = 0; round < 50; round++) {
            queue.beginStep(round);
            for (long to : receivers) {
                network.send(round, 1, to, 1, 1, new PeerMessage.Ping(to, round));
            }
        }
        List<String> arrivals = new ArrayList<>();
        for (EventQueue.Scheduled next = queue.poll(); next != null; next = queue.poll()) {
            arrivals.add(next.timeMs() + ": " + next.event());
        }
        return arrivals;
    }

    @Test
    void theOrderOfSendsToDifferentServersChangesNothing() {
        LinkFaults faults = new LinkFaults(0.1, 0.1, 0.2, 30);

        List<String> ascending = fanOut(List.of(2L, 3L, 4L, 5L), faults);
        List<String> shuffled = fanOut(List.of(4L, 2L, 5L, 3L), faults);

        assertThat(shuffled).isEqualTo(ascending);
    }

    @Test
    void queueBreaksTimeTiesInSchedulingOrder() {
        EventQueue queue = new EventQueue();
        queue.schedule(10, new SimEvent.TickDue(1, 1));
        queue.schedule(5, new SimEvent.TickDue(2, 1));
        queue.schedule(10, new SimEvent.TickDue(3, 1));
        queue.schedule(5, new SimEvent.TickDue(4, 1));

        List<Long> order = new ArrayList<>();
        for (EventQueue.Scheduled next = queue.poll(); next != null; next = queue.poll()) {
            order.add(((SimEvent.TickDue) next.event()).server());
        }
        assertThat(order).containsExactly(2L, 4L, 1L, 3L);
    }
}
