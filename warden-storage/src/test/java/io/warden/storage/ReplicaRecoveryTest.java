package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.warden.common.Zxid;
import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.zab.Entry;
import io.warden.zab.ZabState;

/**
 * Replica recovery: the tree from the snapshot alone, the logged entries after it handed over
 * as they are, the epochs, and refusal of data that cannot be right.
 */
class ReplicaRecoveryTest {
    private final List<String> warnings = new ArrayList<>();
    private final SimulatedDisk disk = new SimulatedDisk();
    private final ReplicaHistory history = new ReplicaHistory(5).add(1, 30).add(2, 10);
    private final long last = Zxid.of(2, 10);

    private ReplicaRecovery.Recovered recover() throws Exception {
        return ReplicaHistory.recover(disk, warnings);
    }

    @Test
    void anEmptyDirectoryIsAServerThatNeverRan() throws Exception {
        ReplicaRecovery.Recovered recovered = recover();
        assertThat(recovered.zabState()).isEqualTo(ZabState.empty());
        assertThat(recovered.snapshotZxid()).isZero();
        assertThat(recovered.tree().digest()).isEqualTo(new DataTree(TreeOptions.DEFAULTS).digest());
        assertThat(recovered.truncatedTornTail()).isFalse();
    }

    @Test
    void theTreeComesFromTheSnapshotAndTheLogAfterItGoesToTheCoreUnapplied() throws Exception {
        ReplicaHistory.saveEpochs(disk, 3, 2);
        long snapshotZxid = Zxid.of(1, 20);
        StorageTestSupport.snapshot(disk.snapshots(), history.treeUpTo(snapshotZxid));
        history.log(disk, 1024, 4).close();

        ReplicaRecovery.Recovered recovered = recover();

        assertThat(recovered.snapshotZxid()).isEqualTo(snapshotZxid);
        assertThat(recovered.tree().lastZxid()).as("nothing logged is applied").isEqualTo(snapshotZxid);
        assertThat(recovered.tree().digest()).isEqualTo(history.treeUpTo(snapshotZxid).digest());
        ZabState state = recovered.zabState();
        assertThat(state.acceptedEpoch()).isEqualTo(3);
        assertThat(state.currentEpoch()).isEqualTo(2);
        assertThat(state.snapshotZxid()).isEqualTo(snapshotZxid);
        assertThat(ReplicaHistory.describe(state.log()))
                .isEqualTo(ReplicaHistory.describe(history.between(snapshotZxid, last)));
    }

    @Test
    void withoutASnapshotTheWholeLogIsHandedOver() throws Exception {
        ReplicaHistory.saveEpochs(disk, 2, 2);
        history.log(disk, 1 << 20, 7).close();
        ReplicaRecovery.Recovered recovered = recover();
        assertThat(ReplicaHistory.describe(recovered.zabState().log()))
                .isEqualTo(ReplicaHistory.describe(history.entries()));
        assertThat(recovered.tree().lastZxid()).isZero();
    }

    @Test
    void aTornLastRecordIsCutAndTheRestHandedOver() throws Exception {
        ReplicaHistory.saveEpochs(disk, 2, 2);
        List<Entry> entries = history.entries();
        TxnLogWriter log = new TxnLogWriter(disk.logs(), 4096, 1 << 20, true, StorageTestSupport.RECORD_MAX, 0);
        ReplicaHistory.append(log, entries.subList(0, 12), 4);
        long whole = LogFormat.HEADER_BYTES;
        for (Entry entry : entries.subList(0, 12)) {
            whole += LogFormat.RECORD_OVERHEAD + entry.payload().length;
        }
        ReplicaHistory.append(log, entries.subList(12, 13), 1);
        log.close();
        String segment = DataFiles.logName(entries.get(0).zxid());
        disk.logs().truncate(segment, whole + LogFormat.RECORD_HEADER_BYTES + 3); // the 13th record, torn

        ReplicaRecovery.Recovered recovered = recover();

        assertThat(recovered.truncatedTornTail()).isTrue();
        assertThat(ReplicaHistory.describe(recovered.zabState().log()))
                .isEqualTo(ReplicaHistory.describe(entries.subList(0, 12)));
        assertThat(disk.logs().size(segment)).as("cut after the last whole record").isEqualTo(whole);
        assertThat(recover().truncatedTornTail()).as("the repaired log reads cleanly").isFalse();
    }

    @Test
    void aCurrentEpochAboveTheAcceptedOneIsCorruptionNamingTheFile() throws Exception {
        ReplicaHistory.saveEpochs(disk, 2, 3);
        assertThatThrownBy(this::recover).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(disk.snapshots().describe(EpochFile.CURRENT_EPOCH))
                .hasMessageContaining("above acceptedEpoch 2");
    }

    @Test
    void aLoggedProposalOfAnEpochNeverAcceptedIsCorruptionNamingTheEpochFile() throws Exception {
        ReplicaHistory.saveEpochs(disk, 1, 1);
        history.log(disk, 1 << 20, 5).close();
        assertThatThrownBy(this::recover).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(disk.snapshots().describe(EpochFile.ACCEPTED_EPOCH))
                .hasMessageContaining(Zxid.toHex(last));
    }

    @Test
    void anUnreadableEpochFileStopsRecoveryNamingIt() throws Exception {
        try (FileStore.AppendFile file = disk.snapshots().create(EpochFile.ACCEPTED_EPOCH)) {
            file.write(new byte[] {'x', '\n'}, 0, 2);
        }
        assertThatThrownBy(this::recover).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(disk.snapshots().describe(EpochFile.ACCEPTED_EPOCH));
    }

    @Test
    void aLogThatDoesNotContinueTheSnapshotIsCorruption() throws Exception {
        ReplicaHistory.saveEpochs(disk, 2, 2);
        StorageTestSupport.snapshot(disk.snapshots(), history.treeUpTo(Zxid.of(1, 10)));
        TxnLogWriter log = new TxnLogWriter(disk.logs(), 4096, 1 << 20, true, StorageTestSupport.RECORD_MAX, 0);
        ReplicaHistory.append(log, history.between(Zxid.of(1, 14), last), 3);
        log.close();
        assertThatThrownBy(this::recover).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(disk.logs().describe(DataFiles.logName(Zxid.of(1, 15))))
                .hasMessageContaining("does not follow the snapshot");
    }

    @Test
    void aRecordThatHoldsNoTransactionOfItsZxidIsCorruptionNamingFileAndOffset() throws Exception {
        ReplicaHistory.saveEpochs(disk, 1, 1);
        List<Entry> entries = history.entries();
        TxnLogWriter log = new TxnLogWriter(disk.logs(), 4096, 1 << 20, true, StorageTestSupport.RECORD_MAX, 0);
        log.append(entries.get(0).zxid(), entries.get(0).payload());
        log.append(entries.get(1).zxid(), entries.get(2).payload()); // the next transaction's bytes
        log.close();
        long offset = LogFormat.HEADER_BYTES + LogFormat.RECORD_OVERHEAD + entries.get(0).payload().length;
        assertThatThrownBy(this::recover).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(disk.logs().describe(DataFiles.logName(entries.get(0).zxid())))
                .satisfies(e -> assertThat(((CorruptDataException) e).offset()).isEqualTo(offset));

        SimulatedDisk garbage = new SimulatedDisk();
        TxnLogWriter garbageLog = new TxnLogWriter(garbage.logs(), 4096, 1 << 20, true, StorageTestSupport.RECORD_MAX, 0);
        garbageLog.append(Zxid.of(1, 1), new byte[] {1, 2, 3});
        garbageLog.close();
        assertThatThrownBy(() -> ReplicaHistory.recover(garbage, warnings)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("undecodable transaction");
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToAnOlderOneWhenTheLogCoversTheGap() throws Exception {
        ReplicaHistory.saveEpochs(disk, 2, 2);
        StorageTestSupport.snapshot(disk.snapshots(), history.treeUpTo(Zxid.of(1, 10)));
        StorageTestSupport.snapshot(disk.snapshots(), history.treeUpTo(Zxid.of(1, 25)));
        history.log(disk, 1024, 3).close();
        disk.snapshots().flipBit(DataFiles.snapshotName(Zxid.of(1, 25)), 200);

        ReplicaRecovery.Recovered recovered = recover();

        assertThat(recovered.snapshotZxid()).isEqualTo(Zxid.of(1, 10));
        assertThat(ReplicaHistory.describe(recovered.zabState().log()))
                .isEqualTo(ReplicaHistory.describe(history.between(Zxid.of(1, 10), last)));
        assertThat(warnings).anyMatch(w -> w.contains(DataFiles.snapshotName(Zxid.of(1, 25))));
    }

    @Test
    void aDamagedNewestSnapshotWithoutALogThatReachesItStopsRecoveryNamingIt() throws Exception {
        ReplicaHistory.saveEpochs(disk, 2, 2);
        StorageTestSupport.snapshot(disk.snapshots(), history.treeUpTo(Zxid.of(1, 10)));
        StorageTestSupport.snapshot(disk.snapshots(), history.treeUpTo(Zxid.of(1, 25)));
        TxnLogWriter log = new TxnLogWriter(disk.logs(), 4096, 1 << 20, true, StorageTestSupport.RECORD_MAX, 0);
        ReplicaHistory.append(log, history.between(Zxid.of(1, 10), Zxid.of(1, 20)), 3);
        log.close();
        String damaged = DataFiles.snapshotName(Zxid.of(1, 25));
        disk.snapshots().flipBit(damaged, 200);
        assertThatThrownBy(this::recover).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(disk.snapshots().describe(damaged));
    }

    @Test
    void aTruncationACrashInterruptedIsFinished() throws Exception {
        ReplicaHistory.saveEpochs(disk, 2, 2);
        history.log(disk, 1024, 3).close();
        long zxid = Zxid.of(1, 12);
        disk.logs().create(DataFiles.name(DataFiles.TRUNCATING_PREFIX, zxid)).close();

        ReplicaRecovery.Recovered recovered = recover();

        assertThat(ReplicaHistory.describe(recovered.zabState().log()))
                .isEqualTo(ReplicaHistory.describe(history.between(0, zxid)));
        assertThat(disk.logs().list()).noneMatch(name -> name.startsWith(DataFiles.TRUNCATING_PREFIX));
        assertThat(warnings).anyMatch(w -> w.contains("truncation") && w.contains(Zxid.toHex(zxid)));
    }

    @Test
    void anInstallWhoseSnapshotLandedHasItsLogDroppedAndOneWhoseSnapshotDidNotKeepsIt() throws Exception {
        ReplicaHistory.saveEpochs(disk, 2, 2);
        history.log(disk, 1024, 3).close();
        long notLanded = Zxid.of(1, 30);
        disk.logs().create(DataFiles.name(DataFiles.INSTALLING_PREFIX, notLanded)).close();

        assertThat(recover().zabState().log()).hasSize(40);
        assertThat(disk.logs().list()).noneMatch(name -> name.startsWith(DataFiles.INSTALLING_PREFIX));

        long landed = Zxid.of(1, 20);
        StorageTestSupport.snapshot(disk.snapshots(), history.treeUpTo(landed));
        disk.logs().create(DataFiles.name(DataFiles.INSTALLING_PREFIX, landed)).close();
        ReplicaRecovery.Recovered recovered = recover();
        assertThat(recovered.snapshotZxid()).isEqualTo(landed);
        assertThat(recovered.zabState().log()).isEmpty();
        assertThat(disk.logs().list()).isEmpty();
    }
}
