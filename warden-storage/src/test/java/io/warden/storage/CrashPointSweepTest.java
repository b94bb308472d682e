package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.warden.tree.DataTree;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TreeOptions;

/**
 * Crashes the storage at every persistence step (record write, preallocation, fsync, segment
 * creation and roll, snapshot write, rename, directory sync, purge) of a run that logs, syncs in
 * batches, snapshots and purges like the server does. After each crash, recovery must bring back
 * every acknowledged transaction, nothing that was never written, and a tree whose digest equals
 * a reference replay of exactly the transactions it holds; and the recovered store must take new
 * writes and recover again.
 */
class CrashPointSweepTest {
    private static final int TXNS = 60;
    private static final int SYNC_EVERY = 4;
    private static final int SNAPSHOT_EVERY = 17;
    private static final int ROLL_EVERY = 11;
    private static final long SEED = 20261122;

    /** Reference digests: index i holds the digest after applying transactions 1..i. */
    private static List<Long> referenceDigests(int count) {
        List<Long> digests = new ArrayList<>();
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        digests.add(tree.digest());
        Workload workload = new Workload(SEED);
        for (int i = 1; i <= count; i++) {
            tree.apply(workload.next());
            digests.add(tree.digest());
        }
        return digests;
    }

    /**
     * The server's persistence sequence: transactions are logged, synced in batches, and applied
     * to the tree only once durable (so snapshots never hold what the log may lose); the log
     * rolls now and then; snapshots are taken and old files purged. {@code acked[0]} is the last
     * acknowledged zxid.
     */
    private static void run(SimulatedDisk disk, long[] acked) throws Exception {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        Workload workload = new Workload(SEED);
        TxnLogWriter log = new TxnLogWriter(disk.logs, 512, 1 << 20, true, StorageTestSupport.RECORD_MAX, 0);
        List<Txn> pending = new ArrayList<>();
        for (int i = 1; i <= TXNS; i++) {
            Txn txn = workload.next();
            log.append(txn.zxid(), TxnCodec.encode(txn));
            pending.add(txn);
            if (i % SYNC_EVERY == 0 || i % ROLL_EVERY == 0 || i == TXNS) {
                log.sync();
                acked[0] = i;
                pending.forEach(tree::apply);
                pending.clear();
            }
            if (i % ROLL_EVERY == 0) {
                log.roll();
            }
            if (i % SNAPSHOT_EVERY == 0) {
                StorageTestSupport.snapshot(disk.snapshots, tree);
                Purger.purge(disk.snapshots, disk.logs, 2);
            }
        }
        log.close();
    }

    @Test
    void everyAcknowledgedWriteSurvivesACrashAtEveryStep() throws Exception {
        List<Long> reference = referenceDigests(TXNS + 10);
        SimulatedDisk dryRun = new SimulatedDisk();
        run(dryRun, new long[1]);
        long steps = dryRun.operations();
        assertThat(steps).as("persistence steps in a run").isGreaterThan(100);

        for (long crashAt = 1; crashAt <= steps + 1; crashAt++) {
            SimulatedDisk disk = new SimulatedDisk();
            disk.crashBefore(crashAt);
            long[] acked = {0};
            boolean crashed = false;
            try {
                run(disk, acked);
            } catch (SimulatedDisk.Crash crash) {
                crashed = true;
            }
            assertThat(crashed || crashAt > steps).as("step %d crashed", crashAt).isTrue();
            disk.crash(new SplittableRandom(SEED + crashAt));

            Recovery.Recovered recovered = Recovery.recover(disk.snapshots, disk.logs, TreeOptions.DEFAULTS,
                    StorageTestSupport.RECORD_MAX, warning -> { });
            long last = recovered.tree().lastZxid();
            assertThat(last).as("crash before step %d: acknowledged up to %d", crashAt, acked[0])
                    .isGreaterThanOrEqualTo(acked[0]).isLessThanOrEqualTo(TXNS);
            assertThat(recovered.tree().digest()).as("crash before step %d: digest at zxid %d", crashAt, last)
                    .isEqualTo(reference.get((int) last));

            continueAndRecoverAgain(disk, recovered.tree(), reference, crashAt);
        }
    }

    /** The recovered store takes further writes, and recovers them too. */
    private static void continueAndRecoverAgain(SimulatedDisk disk, DataTree tree, List<Long> reference, long crashAt)
            throws Exception {
        long from = tree.lastZxid();
        Workload workload = new Workload(SEED);
        for (long i = 0; i < from; i++) {
            workload.next();
        }
        TxnLogWriter log = new TxnLogWriter(disk.logs, 512, 1 << 20, true, StorageTestSupport.RECORD_MAX, from);
        for (int i = 0; i < 5; i++) {
            Txn txn = workload.next();
            log.append(txn.zxid(), TxnCodec.encode(txn));
            tree.apply(txn);
        }
        log.close();
        Recovery.Recovered again = Recovery.recover(disk.snapshots, disk.logs, TreeOptions.DEFAULTS,
                StorageTestSupport.RECORD_MAX, warning -> { });
        assertThat(again.tree().lastZxid()).as("crash before step %d, second recovery", crashAt).isEqualTo(from + 5);
        assertThat(again.tree().digest()).as("crash before step %d, second recovery", crashAt)
                .isEqualTo(reference.get((int) (from + 5)));
    }
}
