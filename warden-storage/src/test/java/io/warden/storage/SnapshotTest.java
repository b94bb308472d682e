package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;

/** Snapshots read back whole or not at all; damage is reported with the file and offset. */
class SnapshotTest {
    private static DataTree populated(long seed, int txns) {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        Workload workload = new Workload(seed);
        for (int i = 0; i < txns; i++) {
            tree.apply(workload.next());
        }
        return tree;
    }

    @Test
    void aSnapshotRestoresTheSameTree() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        DataTree tree = populated(3, 300);
        String name = StorageTestSupport.snapshot(disk.snapshots(), tree);
        SnapshotReader.Snapshot read = SnapshotReader.read(disk.snapshots(), name, StorageTestSupport.RECORD_MAX);
        DataTree restored = DataTree.restore(TreeOptions.DEFAULTS, read.zxid(), read.sessions(), read.nodes());
        assertThat(read.zxid()).isEqualTo(tree.lastZxid());
        assertThat(restored.digest()).isEqualTo(tree.digest()).isEqualTo(read.digest());
        assertThat(restored.sessions()).isEqualTo(tree.sessions());
        assertThat(restored.nodeCount()).isEqualTo(tree.nodeCount());
    }

    @Test
    void anAbandonedSnapshotLeavesNoTemporaryFileEvenWhenClosingItFails() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        RecordingFileStore store = new RecordingFileStore(disk.snapshots());
        DataTree tree = populated(5, 200);
        TreeSnapshot snapshot = tree.beginSnapshot();
        SnapshotWriter writer = new SnapshotWriter(store, snapshot.zxid(), snapshot.digest(), snapshot.sessions(),
                snapshot.nodeCount());
        writer.write(snapshot.nextChunk(100));
        assertThat(disk.snapshots().list()).as("the temporary file while writing").hasSize(1);
        store.failClose();
        assertThatThrownBy(writer::close).hasMessageContaining("No space left");
        assertThat(disk.snapshots().list()).as("files left after abandoning").isEmpty();
    }

    @Test
    void noTemporaryFileIsLeftAndTheNameCarriesTheZxid() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        DataTree tree = populated(4, 50);
        String name = StorageTestSupport.snapshot(disk.snapshots(), tree);
        assertThat(disk.snapshots().list()).containsExactly(name);
        assertThat(DataFiles.zxidOf(name, DataFiles.SNAPSHOT_PREFIX)).isEqualTo(tree.lastZxid());
    }

    @Test
    void everyBitFlipIsDetected() throws Exception {
        SimulatedDisk reference = new SimulatedDisk();
        String name = StorageTestSupport.snapshot(reference.snapshots(), populated(5, 60));
        long bits = reference.snapshots().size(name) * 8;
        for (long bit = 0; bit < bits; bit += 5) {
            SimulatedDisk disk = new SimulatedDisk();
            StorageTestSupport.snapshot(disk.snapshots(), populated(5, 60));
            disk.snapshots().flipBit(name, bit);
            long flipped = bit;
            assertThatThrownBy(() -> SnapshotReader.read(disk.snapshots(), name, StorageTestSupport.RECORD_MAX))
                    .as("bit %d", flipped)
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining(disk.snapshots().describe(name));
        }
    }

    @Test
    void aTruncatedSnapshotIsRefused() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        String name = StorageTestSupport.snapshot(disk.snapshots(), populated(6, 40));
        disk.snapshots().truncate(name, disk.snapshots().size(name) - 3);
        assertThatThrownBy(() -> SnapshotReader.read(disk.snapshots(), name, StorageTestSupport.RECORD_MAX))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("ends early");
    }

    @Test
    void theRestoreIsSizedForNoMoreNodesThanTheFileCanHold() {
        assertThat(StreamedSnapshot.expectedNodes(5, 73_000)).isEqualTo(5);
        assertThat(StreamedSnapshot.expectedNodes(1_000_000, 730)).isEqualTo(10);
        assertThat(StreamedSnapshot.expectedNodes(Long.MAX_VALUE, 0)).isZero();
        assertThat(StreamedSnapshot.expectedNodes(-3, 73_000)).isZero();
    }
}
