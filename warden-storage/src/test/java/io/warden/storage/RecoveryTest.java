package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.DataTree;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TreeOptions;

/** Recovery: snapshot plus log, fallback to an older snapshot, and refusal when data would be lost. */
class RecoveryTest {
    private final List<String> warnings = new ArrayList<>();

    /** Applies {@code count} transactions, logging each; snapshots after the given counts. */
    private static DataTree run(SimulatedDisk disk, int count, int... snapshotAfter) throws Exception {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        Workload workload = new Workload(11);
        TxnLogWriter log = new TxnLogWriter(disk.logs(), 4096, 4096, true, StorageTestSupport.RECORD_MAX, 0);
        for (int i = 1; i <= count; i++) {
            Txn txn = workload.next();
            log.append(txn.zxid(), TxnCodec.encode(txn));
            log.sync();
            tree.apply(txn);
            for (int at : snapshotAfter) {
                if (at == i) {
                    StorageTestSupport.snapshot(disk.snapshots(), tree);
                }
            }
        }
        log.close();
        return tree;
    }

    private Recovery.Recovered recover(SimulatedDisk disk) throws Exception {
        return Recovery.recover(disk.snapshots(), disk.logs(), TreeOptions.DEFAULTS, StorageTestSupport.RECORD_MAX,
                warnings::add);
    }

    /**
     * Writes without a path, logged as the client sent them, as versions before the hardening did
     * (the bytes are built by hand here, in that version's format): such a log must recover, with
     * those writes failed and everything around them intact.
     */
    @Test
    void writesWithoutAPathThatAnOlderVersionLoggedAreReplayedAsFailures() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        TxnLogWriter log = new TxnLogWriter(disk.logs(), 4096, 1 << 20, true, StorageTestSupport.RECORD_MAX, 0);
        log.append(1, txnBytes(1, out -> {
            out.writeInt(7); // createSession
            out.writeLong(0x101);
            out.writeInt(30_000);
        }));
        log.append(2, txnBytes(2, out -> create(out, "/a")));
        log.append(3, txnBytes(3, out -> create(out, null)));
        log.append(4, txnBytes(4, out -> {
            out.writeInt(3); // setData
            out.writeString(null);
            out.writeBuffer(new byte[] {1});
            out.writeInt(-1);
        }));
        log.append(5, txnBytes(5, out -> {
            out.writeInt(6); // multi
            out.writeInt(2);
            create(out, "/x");
            out.writeInt(2); // delete
            out.writeString(null);
            out.writeInt(-1);
            out.writeBoolean(false);
        }));
        log.append(6, txnBytes(6, out -> create(out, "/b")));
        log.sync();
        log.close();

        Recovery.Recovered recovered = recover(disk);

        DataTree tree = recovered.tree();
        assertThat(tree.lastZxid()).isEqualTo(6);
        assertThat(tree.exists("/a", List.of(), null).ok()).isTrue();
        assertThat(tree.exists("/b", List.of(), null).ok()).isTrue();
        assertThat(tree.exists("/x", List.of(), null).ok()).as("the multi failed as a whole").isFalse();
        assertThat(tree.applyFailures()).isZero();
    }

    private static void create(io.warden.wire.JuteOutput out, String path) {
        out.writeInt(1); // create
        out.writeInt(1); // op code create
        out.writeString(path);
        out.writeBuffer(new byte[0]);
        out.writeInt(1); // one ACL entry: world:anyone, all permissions
        out.writeInt(31);
        out.writeString("world");
        out.writeString("anyone");
        out.writeInt(0); // flags
        out.writeLong(-1); // ttl
    }

    private static byte[] txnBytes(long zxid, java.util.function.Consumer<io.warden.wire.JuteOutput> op) {
        io.warden.wire.JuteOutput out = new io.warden.wire.JuteOutput(64);
        out.writeLong(zxid);
        out.writeLong(1_700_000_000_000L + zxid);
        out.writeLong(0x101);
        out.writeInt((int) zxid);
        out.writeInt(1); // identities: ip:127.0.0.1
        out.writeString("ip");
        out.writeString("127.0.0.1");
        op.accept(out);
        return out.toByteArray();
    }

    @Test
    void anEmptyDirectoryGivesAFreshTree() throws Exception {
        Recovery.Recovered recovered = recover(new SimulatedDisk());
        assertThat(recovered.tree().lastZxid()).isZero();
        assertThat(recovered.tree().digest()).isEqualTo(new DataTree(TreeOptions.DEFAULTS).digest());
    }

    @Test
    void theLogAloneRebuildsTheTree() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        DataTree original = run(disk, 120);
        Recovery.Recovered recovered = recover(disk);
        assertThat(recovered.tree().lastZxid()).isEqualTo(120);
        assertThat(recovered.tree().digest()).isEqualTo(original.digest());
        assertThat(recovered.replayed()).isEqualTo(120);
    }

    @Test
    void theNewestSnapshotPlusTheLogAfterItRebuildsTheTree() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        DataTree original = run(disk, 150, 40, 100);
        Recovery.Recovered recovered = recover(disk);
        assertThat(recovered.snapshotZxid()).isEqualTo(100);
        assertThat(recovered.replayed()).isEqualTo(50);
        assertThat(recovered.tree().digest()).isEqualTo(original.digest());
        assertThat(recovered.tree().sessions()).isEqualTo(original.sessions());
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToAnOlderOneWhenTheLogCoversTheGap() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        DataTree original = run(disk, 150, 40, 100);
        disk.snapshots().flipBit(DataFiles.snapshotName(100), 300);
        Recovery.Recovered recovered = recover(disk);
        assertThat(recovered.snapshotZxid()).isEqualTo(40);
        assertThat(recovered.tree().digest()).isEqualTo(original.digest());
        assertThat(warnings).anyMatch(w -> w.contains(DataFiles.snapshotName(100)));
    }

    @Test
    void aDamagedSnapshotWithoutALogToFallBackOnStopsRecoveryNamingIt() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        run(disk, 150, 100);
        Purger.purge(disk.snapshots(), disk.logs(), 1);
        for (String segment : disk.logs().list()) {
            if (DataFiles.zxidOf(segment, DataFiles.LOG_PREFIX) == 1) {
                disk.logs().delete(segment);
            }
        }
        disk.snapshots().flipBit(DataFiles.snapshotName(100), 300);
        assertThatThrownBy(() -> recover(disk)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(disk.snapshots().describe(DataFiles.snapshotName(100)));
    }

    @Test
    void aDamagedRecordInsideTheLogStopsRecoveryNamingFileAndOffset() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        run(disk, 60);
        String first = DataFiles.logName(1);
        disk.logs().flipBit(first, (LogFormat.HEADER_BYTES + 20) * 8L);
        assertThatThrownBy(() -> recover(disk)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(disk.logs().describe(first))
                .hasMessageContaining("offset " + LogFormat.HEADER_BYTES);
    }

    @Test
    void purgingKeepsEverythingTheRetainedSnapshotsNeed() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        DataTree original = run(disk, 300, 50, 100, 150, 200, 250);
        int deleted = Purger.purge(disk.snapshots(), disk.logs(), 3);
        assertThat(deleted).isPositive();
        assertThat(DataFiles.zxids(disk.snapshots().list(), DataFiles.SNAPSHOT_PREFIX)).containsExactly(150L, 200L, 250L);
        disk.snapshots().flipBit(DataFiles.snapshotName(250), 100);
        disk.snapshots().flipBit(DataFiles.snapshotName(200), 100);
        Recovery.Recovered recovered = recover(disk);
        assertThat(recovered.snapshotZxid()).isEqualTo(150);
        assertThat(recovered.tree().digest()).isEqualTo(original.digest());
    }

    @Test
    void aDamagedOnlySnapshotWithTheLogPurgedIsNeverReplacedByAnEmptyTree() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        run(disk, 80, 60);
        for (String segment : disk.logs().list()) {
            disk.logs().delete(segment);
        }
        disk.snapshots().flipBit(DataFiles.snapshotName(60), 500);
        assertThatThrownBy(() -> recover(disk)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(disk.snapshots().describe(DataFiles.snapshotName(60)));
    }
}
