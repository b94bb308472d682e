package io.warden.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.warden.storage.EncodedNodes;
import io.warden.tree.TreeSnapshot;

/**
 * When the driver snapshots ({@link SnapshotTrigger} decides), and the feeding of a running
 * snapshot: each turn of the loop encodes one chunk of it (at most {@link #CHUNK_NODES} nodes or
 * about {@link EncodedNodes#BYTES_MAX}) for the snapshot thread.
 */
final class SnapshotSchedule {
    /** Nodes read out of a running snapshot per turn of the loop. */
    static final int CHUNK_NODES = 2000;

    private final Snapshotter snapshotter;
    private final SnapshotTrigger trigger;
    private TreeSnapshot running;
    /** Waiting for a snapshot asked for now (the AdminServer's snapshot command), not yet begun. */
    private final List<Snapshotter.SnapshotWaiter> askedFor = new ArrayList<>();

    SnapshotSchedule(Snapshotter snapshotter, SnapshotTrigger trigger) {
        this.snapshotter = snapshotter;
        this.trigger = trigger;
    }

    /** Writing the last snapshot failed: one of the same state may be due again. */
    void failed() {
        trigger.failed();
    }

    /** One more transaction, of {@code bytes} bytes, was committed. */
    void committed(long bytes) {
        trigger.committed(bytes);
    }

    /**
     * Asks for a snapshot as soon as the snapshot thread is free (after the one running, if any);
     * {@code waiter} hears of it on the snapshot thread. Everyone who asks before it begins shares it.
     */
    void snapshotNow(Snapshotter.SnapshotWaiter waiter) {
        askedFor.add(waiter);
    }

    /** How long the loop may wait for input before the next step: 0 while chunks are due. */
    long waitMs(long untilTickMs) {
        if (running != null) {
            return snapshotter.hasRoom() ? 0 : 1;
        }
        return askedFor.isEmpty() ? untilTickMs : Math.min(untilTickMs, 1);
    }

    /**
     * Starts a snapshot when enough has been committed ({@code begin} reads the tree's snapshot and
     * prepares for it; null when none can start now), and feeds a running one.
     */
    void step(Supplier<TreeSnapshot> begin) {
        if (running == null && snapshotter.idle() && (!askedFor.isEmpty() || trigger.due())) {
            trigger.started();
            running = begin.get();
            if (running != null) {
                snapshotter.begin(running, askedFor);
            } else {
                for (Snapshotter.SnapshotWaiter waiter : askedFor) {
                    waiter.failed().accept("no snapshot can start now");
                }
            }
            askedFor.clear();
        }
        if (running != null && snapshotter.hasRoom()) {
            EncodedNodes chunk = snapshotter.chunkBuffer();
            running.nextChunk(CHUNK_NODES, chunk);
            snapshotter.offer(chunk);
            if (!running.hasMore()) {
                running = null;
            }
        } else if (running == null && snapshotter.idle()) {
            snapshotter.releaseIdleBuffers();
        }
    }
}
