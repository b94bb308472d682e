package io.warden.daemon;

import java.util.function.Supplier;

import io.warden.common.RandomSource;
import io.warden.tree.TreeSnapshot;

/**
 * When the driver snapshots, and the feeding of a running snapshot: after ZooKeeper's randomised
 * number of committed transactions (between half and all of {@code snapCount}, so that servers do
 * not all snapshot at once) a snapshot starts, and each turn of the loop reads one chunk of it for
 * the snapshot thread.
 */
final class SnapshotSchedule {
    /** Nodes read out of a running snapshot per turn of the loop. */
    static final int CHUNK_NODES = 2000;

    private final Snapshotter snapshotter;
    private final int snapCount;
    private final RandomSource random;
    private TreeSnapshot running;
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

    /** How long the loop may wait for input before the next step: 0 while chunks are due. */
    long waitMs(long untilTickMs) {
        return running != null ? (snapshotter.hasRoom() ? 0 : 1) : untilTickMs;
    }

    /**
     * Starts a snapshot when enough has been committed ({@code begin} reads the tree's snapshot and
     * prepares for it; null when none can start now), and feeds a running one.
     */
    void step(Supplier<TreeSnapshot> begin) {
        if (running == null && committedSinceSnapshot >= nextSnapshotAfter && snapshotter.idle()) {
            committedSinceSnapshot = 0;
            nextSnapshotAfter = distance();
            running = begin.get();
            if (running != null) {
                snapshotter.begin(running);
            }
        }
        if (running != null && snapshotter.hasRoom()) {
            snapshotter.offer(running.nextChunk(CHUNK_NODES));
            if (!running.hasMore()) {
                running = null;
            }
        }
    }
}
