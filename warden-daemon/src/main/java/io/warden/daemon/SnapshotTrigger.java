package io.warden.daemon;

import java.util.function.BooleanSupplier;

import io.warden.common.RandomSource;

/**
 * When a snapshot is due, as ZooKeeper decides it and one reason more. As in ZooKeeper, after a
 * randomised number of committed transactions (between half and all of {@code snapCount}) or a
 * randomised number of their bytes (between half and all of {@code snapSizeLimitBytes},
 * ZooKeeper's {@code snapSizeLimitInKb}), drawn afresh for each snapshot so that servers do not
 * all snapshot at once. And whenever the host is under pressure: an ensemble member keeps every
 * transaction after its last snapshot in memory, and once they pass their bound only a snapshot
 * makes room, also after one that failed.
 */
final class SnapshotTrigger {
    private final int snapCount;
    private final long snapSizeLimitBytes;
    private final RandomSource random;
    private final BooleanSupplier underPressure;
    private long committed;
    private long committedBytes;
    private long nextAfter;
    private long nextAfterBytes;

    /**
     * @param snapCount transactions between snapshots, at least 2
     * @param snapSizeLimitBytes their bytes between snapshots; 0 or less: no such limit
     * @param underPressure true while a snapshot is due whatever was committed
     */
    SnapshotTrigger(int snapCount, long snapSizeLimitBytes, RandomSource random, BooleanSupplier underPressure) {
        this.snapCount = snapCount;
        this.snapSizeLimitBytes = snapSizeLimitBytes;
        this.random = random;
        this.underPressure = underPressure;
        drawDistances();
    }

    /** One more transaction of {@code bytes} bytes was committed. */
    void committed(long bytes) {
        committed++;
        committedBytes += bytes;
    }

    boolean due() {
        return committed >= nextAfter || (snapSizeLimitBytes > 0 && committedBytes >= nextAfterBytes)
                || underPressure.getAsBoolean();
    }

    /** A snapshot starts: the counting starts again, towards distances drawn afresh. */
    void started() {
        committed = 0;
        committedBytes = 0;
        drawDistances();
    }

    private void drawDistances() {
        int half = Math.max(1, snapCount / 2);
        nextAfter = half + 1 + random.nextInt(half);
        long halfBytes = Math.max(1, snapSizeLimitBytes / 2);
        nextAfterBytes = halfBytes + 1 + Math.floorMod(random.nextLong(), halfBytes);
    }
}
