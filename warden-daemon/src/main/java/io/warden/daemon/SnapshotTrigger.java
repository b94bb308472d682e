package io.warden.daemon;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.warden.common.RandomSource;

/**
 * When a snapshot is due, as ZooKeeper decides it and one reason more. As in ZooKeeper, after a
 * randomised number of committed transactions (between half and all of {@code snapCount}) or a
 * randomised number of their bytes (between half and all of {@code snapSizeLimitBytes},
 * ZooKeeper's {@code snapSizeLimitInKb}), drawn afresh for each snapshot so that servers do not
 * all snapshot at once. And whenever the host is under pressure and has applied something since
 * the last snapshot started: an ensemble member keeps every transaction after its last snapshot in
 * memory, and once they pass their bound only a snapshot makes room, also after one that failed
 * (one of the same state would free nothing, and would only compete with the log for the disk).
 */
final class SnapshotTrigger {
    private final int snapCount;
    private final long snapSizeLimitBytes;
    private final RandomSource random;
    private final BooleanSupplier underPressure;
    private final LongSupplier appliedZxid;
    private long committedTransactions;
    private long committedBytes;
    private long nextAfterTransactions;
    private long nextAfterBytes;
    /** The applied zxid when the last snapshot started; -1 before the first. */
    private long startedAtZxid = -1;

    /**
     * @param snapCount transactions between snapshots, at least 2
     * @param snapSizeLimitBytes their bytes between snapshots; 0 or less: no such limit
     * @param underPressure true while a snapshot is due whatever was committed (if {@code appliedZxid}
     *     moved since the last one started)
     * @param appliedZxid the zxid of the state a snapshot started now would hold
     */
    SnapshotTrigger(int snapCount, long snapSizeLimitBytes, RandomSource random, BooleanSupplier underPressure,
            LongSupplier appliedZxid) {
        this.snapCount = snapCount;
        this.snapSizeLimitBytes = snapSizeLimitBytes;
        this.random = random;
        this.underPressure = underPressure;
        this.appliedZxid = appliedZxid;
        drawDistances();
    }

    /** A trigger by {@code snapCount} alone, for a host that keeps nothing in memory. */
    static SnapshotTrigger byCount(int snapCount, RandomSource random) {
        return new SnapshotTrigger(snapCount, 0, random, () -> false, () -> 0);
    }

    /** One more transaction of {@code bytes} bytes was committed. */
    void committed(long bytes) {
        committedTransactions++;
        committedBytes += bytes;
    }

    boolean due() {
        return committedTransactions >= nextAfterTransactions
                || (snapSizeLimitBytes > 0 && committedBytes >= nextAfterBytes)
                || (underPressure.getAsBoolean() && appliedZxid.getAsLong() > startedAtZxid);
    }

    /**
     * The last snapshot was not written: under pressure one of the same state is due again (else
     * a leader holding its proposals back for it would wait for ever, nothing being applied).
     */
    void failed() {
        startedAtZxid = -1;
    }

    /** A snapshot starts: the counting starts again, towards distances drawn afresh. */
    void started() {
        committedTransactions = 0;
        committedBytes = 0;
        startedAtZxid = appliedZxid.getAsLong();
        drawDistances();
    }

    private void drawDistances() {
        int half = Math.max(1, snapCount / 2);
        nextAfterTransactions = half + 1 + random.nextInt(half);
        if (snapSizeLimitBytes > 0) { // no draw without a limit: a standalone server's draws are as before
            long halfBytes = Math.max(1, snapSizeLimitBytes / 2);
            nextAfterBytes = halfBytes + 1 + Math.floorMod(random.nextLong(), halfBytes);
        }
    }
}
