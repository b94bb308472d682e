package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import io.warden.common.Clock;
import io.warden.common.RandomSource;
import io.warden.storage.DataFiles;
import io.warden.storage.EncodedNodes;
import io.warden.storage.SnapshotReader;
import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;
import io.warden.tree.Txn;
import io.warden.tree.TxnOp;
import io.warden.wire.Acl;
import io.warden.wire.OpCode;

/**
 * The snapshot thread writes the chunks the driver encodes into its buffers, and gives the
 * buffers back: no snapshot makes more than {@link Snapshotter#QUEUE_MAX} buffers, each snapshot
 * reads back with the tree's digest, and once the thread is idle every buffer is back; the driver
 * keeps them for the next snapshot, and lets them go once none was written for a while.
 */
class SnapshotterTest {
    private static final long WAIT_MS_MAX = 30_000;

    @Test
    void chunkBuffersAreReusedAndEverySnapshotReadsBack() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        for (int i = 1; i <= 3000; i++) {
            tree.apply(new Txn(i, 1_700_000_000_000L + i, 0, i, List.of(),
                    new TxnOp.Create(OpCode.CREATE, "/node-" + i, new byte[i % 200], Acl.OPEN_ACL_UNSAFE, 0, -1)));
        }
        AtomicLong written = new AtomicLong();
        int chunksHandedOut = 0;
        Snapshotter snapshotter = new Snapshotter(disk.snapshots(), disk.logs(), 3, 0, Clock.system(), written::set);
        snapshotter.start();
        try {
            for (int round = 0; round < 3; round++) {
                awaitIdle(snapshotter);
                TreeSnapshot snapshot = tree.beginSnapshot();
                snapshotter.begin(snapshot);
                Set<EncodedNodes> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS_MAX);
                while (snapshot.hasMore() && System.nanoTime() < deadline) {
                    if (snapshotter.hasRoom()) {
                        EncodedNodes chunk = snapshotter.chunkBuffer();
                        buffers.add(chunk);
                        chunksHandedOut++;
                        assertThat(snapshot.nextChunk(40, chunk)).isPositive();
                        snapshotter.offer(chunk);
                    } else {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    }
                }
                assertThat(snapshot.hasMore()).as("the snapshot was read out in time").isFalse();
                awaitIdle(snapshotter);
                assertThat(buffers).hasSizeLessThanOrEqualTo(Snapshotter.QUEUE_MAX);
                assertThat(written.get()).isEqualTo(tree.lastZxid());
                String name = DataFiles.snapshotName(tree.lastZxid());
                SnapshotReader.Snapshot read = SnapshotReader.read(disk.snapshots(), name, 1 << 20);
                assertThat(read.digest()).isEqualTo(tree.digest());
                assertThat(read.nodes()).hasSize(tree.nodeCount());
                tree.apply(new Txn(tree.lastZxid() + 1, 1_800_000_000_000L, 0, 0, List.of(),
                        new TxnOp.SetData("/node-1", new byte[] {(byte) round}, -1)));
            }
            // a minute without a snapshot has not passed: the driver (this thread) keeps the buffers
            assertThat(snapshotter.buffersHeld()).isPositive();
            snapshotter.releaseIdleBuffers();
            assertThat(snapshotter.buffersHeld()).as("buffers let go right after a snapshot").isPositive();
        } finally {
            snapshotter.close();
        }
        // 3 x 3000 nodes in chunks of 40 need far more chunks than buffers: they were given back and reused.
        assertThat(chunksHandedOut).isGreaterThan(10 * Snapshotter.QUEUE_MAX);
    }

    @Test
    void theScheduleLetsTheBuffersGoOnceNoSnapshotWasWrittenForAWhile() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        for (int i = 1; i <= 3 * SnapshotSchedule.CHUNK_NODES; i++) {
            tree.apply(new Txn(i, 1_700_000_000_000L + i, 0, i, List.of(),
                    new TxnOp.Create(OpCode.CREATE, "/node-" + i, new byte[10], Acl.OPEN_ACL_UNSAFE, 0, -1)));
        }
        AtomicLong written = new AtomicLong();
        Snapshotter snapshotter = new Snapshotter(disk.snapshots(), disk.logs(), 3, 0, Clock.system(), written::set,
                0); // buffers let go as soon as the snapshot thread is idle
        SnapshotSchedule schedule = new SnapshotSchedule(snapshotter,
                SnapshotTrigger.byCount(1_000_000, RandomSource.seeded(1)));
        snapshotter.start();
        try {
            schedule.snapshotNow(new Snapshotter.SnapshotWaiter(zxid -> { }, reason -> { }));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS_MAX);
            // the driver's turns: step until the snapshot is written and the buffers are let go
            while ((written.get() == 0 || snapshotter.buffersHeld() > 0) && System.nanoTime() < deadline) {
                schedule.step(tree::beginSnapshot);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertThat(written.get()).as("the snapshot was written in time").isEqualTo(tree.lastZxid());
            assertThat(snapshotter.buffersHeld()).as("buffers held once the snapshot thread is idle").isZero();
        } finally {
            snapshotter.close();
        }
    }

    private static void awaitIdle(Snapshotter snapshotter) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS_MAX);
        while (!snapshotter.idle() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(snapshotter.idle()).as("the snapshot thread finished in time").isTrue();
    }
}
