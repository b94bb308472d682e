package io.warden.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.warden.common.RandomSource;
import io.warden.storage.EncodedNodes;
import io.warden.tree.TreeSnapshot;

/**
 * When the driver snapshots, and the feeding of a running snapshot: after ZooKeeper's randomised
 * number of committed transactions (between half and all of {@code snapCount}, so that servers do
 * not all snapshot at once) a snapshot starts, and each turn of the loop encodes one chunk of it
 * (at most {@link #CHUNK_NODES} nodes or about {@link EncodedNodes#BYTES_MAX}) for the snapshot
 * thread.
 */
final class SnapshotSchedule {
    /** Nodes read out of a running snapshot per turn of the loop. */
    static final int CHUNK_NODES = 2000;

    private final Snapshotter snapshotter;
    private final int snapCount;
    private final RandomSource random;
    private TreeSnapshot running;
    /** Waiting for a snapshot asked for now (the AdminServer's snapshot command), not yet begun. */
    private final List<Snapshotter.SnapshotWaiter> askedFor = new ArrayList<>();
    private long committedSinceSnapshot;
    private long nextSnapshotAfter;

    SnapshotSchedule(Snapshotter snapshotter, int snapCount, RandomSource random) {
        this.snapshotter = snapshotter;
        this.snapCount = snapCount;
        this.random = random;
        this.nextSnapshotAfter = distance();
    }

    private long distance() {
        int half = Math.max(1, snapCount / 2);
        return half + 1 + random.nextInt(half);
    }

    void committed() {
        committedSinceSnapshot++;
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
        boolean due = committedSinceSnapshot >= nextSnapshotAfter || !askedFor.isEmpty();
        if (running == null && due && snapshotter.idle()) {
            committedSinceSnapshot = 0;
            nextSnapshotAfter = distance();
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
