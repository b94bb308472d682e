package io.warden.testkit;

import io.warden.zab.PeerMessage;

/**
 * Something that happens at a simulated moment. Events bound to a server carry the incarnation
 * they were scheduled for: after a crash they no longer apply and are dropped.
 */
sealed interface SimEvent {

    /** A message arrives. It was sent between these incarnations of its two ends. */
    record Delivery(long from, long to, long fromIncarnation, long toIncarnation, PeerMessage message)
            implements SimEvent {
    }

    /** A server's clock ticks. */
    record TickDue(long server, long incarnation) implements SimEvent {
    }

    /** A server's disk has made every write up to {@code writeId} durable. */
    record SyncDone(long server, long incarnation, long writeId) implements SimEvent {
    }

    /** A server's host takes a snapshot of its applied state. */
    record SnapshotDue(long server, long incarnation) implements SimEvent {
    }

    /** Anything else the simulation or a test arranged: faults, workload, restarts. */
    record Timer(String label, Runnable action) implements SimEvent {
    }
}
