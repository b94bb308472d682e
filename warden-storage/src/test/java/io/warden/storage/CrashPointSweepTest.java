package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.warden.common.Zxid;
import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.DataTree;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TreeOptions;
import io.warden.zab.Entry;

/**
 * Crashes the storage at every persistence step (record write, preallocation, fsync, segment
 * creation and roll, snapshot write, rename, directory sync, purge) of a run that logs, syncs in
 * batches, snapshots and purges like the server does. After each crash, recovery must bring back
 * every acknowledged transaction, nothing that was never written, and a tree whose digest equals
 * a reference replay of exactly the transactions it holds; and the recovered store must take new
 * writes and recover again.
 *
 * <p>The replica's writes are swept too: a truncation of the log (several shapes), an epoch file
 * write and a snapshot install. After a crash at any of their steps, replica recovery must find
 * exactly the state before the write or exactly the state after it, and the store must take new
 * writes and recover them.
 */
class CrashPointSweepTest {
    private static final int TXNS = 60;
    private static final int SYNC_EVERY = 4;
    private static final int SNAPSHOT_EVERY = 17;
    private static final int ROLL_EVERY = 11;
    /** Small, so that every snapshot is synced in several pieces and crashes fall between them. */
    private static final long SNAPSHOT_SYNC_EVERY_BYTES = 96;
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
     * acknowledged zxid. Snapshots go to {@code snapshots} (the disk's, or a view of it).
     */
    private static void run(SimulatedDisk disk, long[] acked) throws Exception {
        run(disk, disk.snapshots(), acked);
    }

    private static void run(SimulatedDisk disk, FileStore snapshots, long[] acked) throws Exception {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        Workload workload = new Workload(SEED);
        TxnLogWriter log = new TxnLogWriter(disk.logs(), 512, 1 << 20, true, StorageTestSupport.RECORD_MAX, 0);
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
                StorageTestSupport.snapshot(snapshots, tree, SNAPSHOT_SYNC_EVERY_BYTES);
                Purger.purge(snapshots, disk.logs(), 2);
            }
        }
        log.close();
    }

    @Test
    void everyAcknowledgedWriteSurvivesACrashAtEveryStep() throws Exception {
        List<Long> reference = referenceDigests(TXNS + 10);
        SimulatedDisk dryRun = new SimulatedDisk();
        RecordingFileStore snapshotsSeen = new RecordingFileStore(dryRun.snapshots());
        run(dryRun, snapshotsSeen, new long[1]);
        long steps = dryRun.operations();
        assertThat(steps).as("persistence steps in a run").isGreaterThan(100);
        assertThat(snapshotsSeen.syncs()).as("snapshot syncs: each of the snapshots in several pieces")
                .isGreaterThanOrEqualTo(3 * (TXNS / SNAPSHOT_EVERY));

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

            Recovery.Recovered recovered = Recovery.recover(disk.snapshots(), disk.logs(), TreeOptions.DEFAULTS,
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
        TxnLogWriter log = new TxnLogWriter(disk.logs(), 512, 1 << 20, true, StorageTestSupport.RECORD_MAX, from);
        for (int i = 0; i < 5; i++) {
            Txn txn = workload.next();
            log.append(txn.zxid(), TxnCodec.encode(txn));
            tree.apply(txn);
        }
        log.close();
        Recovery.Recovered again = Recovery.recover(disk.snapshots(), disk.logs(), TreeOptions.DEFAULTS,
                StorageTestSupport.RECORD_MAX, warning -> { });
        assertThat(again.tree().lastZxid()).as("crash before step %d, second recovery", crashAt).isEqualTo(from + 5);
        assertThat(again.tree().digest()).as("crash before step %d, second recovery", crashAt)
                .isEqualTo(reference.get((int) (from + 5)));
    }
    // ---- a replica's writes ----

    /** The replica's history: two epochs, a snapshot inside the first, the rest logged. */
    private static final ReplicaHistory HISTORY = new ReplicaHistory(SEED).add(1, 30).add(2, 12);
    private static final long SNAPSHOT_ZXID = Zxid.of(1, 8);
    private static final long REPLICA_SEGMENT_BYTES = 1024;

    /** A replica's disk as it is before the write under test, with its log writer still open. */
    private record Replica(SimulatedDisk disk, TxnLogWriter log) {
    }

    @FunctionalInterface
    private interface ReplicaWrite {
        void run(Replica replica) throws Exception;
    }

    private static Replica replica() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        ReplicaHistory.saveEpochs(disk, 2, 2);
        StorageTestSupport.snapshot(disk.snapshots(), HISTORY.treeUpTo(SNAPSHOT_ZXID));
        TxnLogWriter log = new TxnLogWriter(disk.logs(), 512, REPLICA_SEGMENT_BYTES, true,
                StorageTestSupport.RECORD_MAX, SNAPSHOT_ZXID);
        ReplicaHistory.append(log, HISTORY.between(SNAPSHOT_ZXID, Long.MAX_VALUE), 5);
        return new Replica(disk, log);
    }

    /** What replica recovery found, as comparable text. */
    private static List<String> view(ReplicaRecovery.Recovered recovered) {
        List<String> view = new ArrayList<>();
        view.add("epochs " + recovered.zabState().acceptedEpoch() + "/" + recovered.zabState().currentEpoch());
        view.add("snapshot " + Zxid.toHex(recovered.snapshotZxid()) + " digest "
                + Long.toHexString(recovered.tree().digest()) + " at " + Zxid.toHex(recovered.tree().lastZxid()));
        view.addAll(ReplicaHistory.describe(recovered.zabState().log()));
        return view;
    }

    private static ReplicaRecovery.Recovered recoverReplica(SimulatedDisk disk) throws Exception {
        return ReplicaHistory.recover(disk, new ArrayList<>());
    }

    /**
     * Runs {@code write} on a fresh replica once per persistence step it takes, crashing before
     * that step (and once without a crash). Each time, replica recovery must find the state before
     * the write or the state after it, and both must occur across the sweep.
     */
    private static void sweepReplica(String what, ReplicaWrite write) throws Exception {
        Replica untouched = replica();
        untouched.disk().crash(new SplittableRandom(SEED));
        List<String> before = view(recoverReplica(untouched.disk()));

        Replica dryRun = replica();
        long base = dryRun.disk().operations();
        write.run(dryRun);
        long steps = dryRun.disk().operations() - base;
        assertThat(steps).as("%s: persistence steps", what).isPositive();
        dryRun.disk().crash(new SplittableRandom(SEED));
        List<String> after = view(recoverReplica(dryRun.disk()));
        assertThat(after).as("%s changes what recovery finds", what).isNotEqualTo(before);

        Set<String> outcomes = new HashSet<>();
        for (long step = 1; step <= steps + 1; step++) {
            Replica replica = replica();
            replica.disk().crashBefore(base + step);
            try {
                write.run(replica);
            } catch (SimulatedDisk.Crash crash) {
                // the power went here
            }
            replica.disk().crash(new SplittableRandom(SEED + step));
            ReplicaRecovery.Recovered recovered = recoverReplica(replica.disk());
            List<String> found = view(recovered);
            assertThat(found).as("%s, crash before step %d of %d (torn write seed %d): the state before or after",
                    what, step, steps, SEED + step).isIn(before, after);
            outcomes.add(found.equals(before) ? "before" : "after");
            continueAndRecoverReplicaAgain(replica.disk(), recovered, what, step);
        }
        assertThat(outcomes).as("%s: crashes leave both states", what).containsExactlyInAnyOrder("before", "after");
    }

    /** The recovered replica takes a new epoch's entries, and recovers them too. */
    private static void continueAndRecoverReplicaAgain(SimulatedDisk disk, ReplicaRecovery.Recovered recovered,
            String what, long step) throws Exception {
        List<Entry> logged = recovered.zabState().log();
        long last = logged.isEmpty() ? recovered.snapshotZxid() : logged.get(logged.size() - 1).zxid();
        long epoch = recovered.zabState().acceptedEpoch() + 1;
        ReplicaHistory.saveEpochs(disk, epoch, epoch);
        List<Entry> more = new ReplicaHistory(SEED + step).add(epoch, 3).entries();
        TxnLogWriter log = new TxnLogWriter(disk.logs(), 512, REPLICA_SEGMENT_BYTES, true,
                StorageTestSupport.RECORD_MAX, last);
        ReplicaHistory.append(log, more, 2);
        log.close();
        List<Entry> expected = new ArrayList<>(logged);
        expected.addAll(more);
        ReplicaRecovery.Recovered again = recoverReplica(disk);
        assertThat(ReplicaHistory.describe(again.zabState().log()))
                .as("%s, crash before step %d: the second recovery", what, step)
                .isEqualTo(ReplicaHistory.describe(expected));
        assertThat(again.snapshotZxid()).isEqualTo(recovered.snapshotZxid());
        assertThat(again.zabState().acceptedEpoch()).isEqualTo(epoch);
    }

    @Test
    void aCrashAtEveryStepOfATruncationLeavesTheLogBeforeOrAfterIt() throws Exception {
        Replica layout = replica();
        List<Long> segments = DataFiles.zxids(layout.disk().logs().list(), DataFiles.LOG_PREFIX);
        assertThat(segments).as("segments").hasSizeGreaterThan(3);
        long lastSegment = segments.get(segments.size() - 1);
        long[] points = {
            lastSegment + 1, // inside the last segment: a cut only
            segments.get(1) + 1, // inside an earlier segment: later segments go, then a cut
            segments.get(2) - 1, // at a segment boundary: later segments go, no cut
            SNAPSHOT_ZXID, // down to the snapshot: every segment goes
            Zxid.of(2, 0), // between the epochs
        };
        for (long zxid : points) {
            sweepReplica("truncateAfter(" + Zxid.toHex(zxid) + ")", replica -> replica.log().truncateAfter(zxid));
        }
    }

    @Test
    void aCrashAtEveryStepOfAnEpochWriteLeavesTheOldOrTheNewEpoch() throws Exception {
        sweepReplica("acceptedEpoch 3", replica -> EpochFile.write(replica.disk().snapshots(),
                EpochFile.ACCEPTED_EPOCH, 3));
        sweepReplica("currentEpoch 1", replica -> EpochFile.write(replica.disk().snapshots(),
                EpochFile.CURRENT_EPOCH, 1));
    }

    @Test
    void aCrashAtEveryStepOfAnInstallLeavesTheOldStateOrTheNewSnapshotAlone() throws Exception {
        long[] points = {Zxid.of(1, 20), Zxid.of(2, 4), Zxid.of(2, 12)};
        for (long zxid : points) {
            byte[] bytes = SnapshotBytes.encode(HISTORY.treeUpTo(zxid));
            sweepReplica("install(" + Zxid.toHex(zxid) + ")", replica -> {
                SnapshotBytes.install(replica.disk().snapshots(), replica.disk().logs(), zxid, bytes);
                replica.log().restartAfter(zxid);
            });
        }
    }
}
