package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.warden.common.Zxid;
import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;
import io.warden.zab.SnapshotImage;

/**
 * Snapshot bytes: the snapshot file format exactly, decoded with every check recovery makes, and
 * installed in place of a replica's log.
 */
class SnapshotBytesTest {
    private static final long SEED = 20260301;
    private final ReplicaHistory history = new ReplicaHistory(6).add(1, 40).add(2, 20);
    private final long at = Zxid.of(2, 5);

    private static DataTree decode(byte[] bytes, long zxid) throws CorruptDataException, IOException {
        return SnapshotBytes.decode(SnapshotImage.of(bytes), zxid, TreeOptions.DEFAULTS, StorageTestSupport.RECORD_MAX);
    }

    /** Receives {@code bytes} as a follower does, in pieces of {@code pieceBytes}. */
    private static ReceivedSnapshot receive(SimulatedDisk disk, long zxid, byte[] bytes, int pieceBytes)
            throws IOException {
        ReceivedSnapshot received = ReceivedSnapshot.begin(disk.snapshots(), zxid, bytes.length);
        for (int offset = 0; offset < bytes.length; offset += pieceBytes) {
            received.write(bytes, offset, Math.min(pieceBytes, bytes.length - offset));
        }
        received.finish();
        return received;
    }

    @Test
    void decodingTheEncodedBytesGivesTheSameTree() throws Exception {
        DataTree tree = history.treeUpTo(at);
        DataTree decoded = decode(SnapshotBytes.encode(tree), at);
        assertThat(decoded.lastZxid()).isEqualTo(at);
        assertThat(decoded.digest()).isEqualTo(tree.digest());
        assertThat(decoded.sessions()).isEqualTo(tree.sessions()).isNotEmpty();
        assertThat(decoded.nodeCount()).isEqualTo(tree.nodeCount());
    }

    @Test
    void theBytesAreExactlyTheSnapshotFileSnapshotWriterWrites() throws Exception {
        DataTree tree = history.treeUpTo(at);
        SimulatedDisk disk = new SimulatedDisk();
        String name = StorageTestSupport.snapshot(disk.snapshots(), tree);
        assertThat(SnapshotBytes.encode(tree)).isEqualTo(disk.snapshots().content(name));
    }

    @Test
    void aTreeIsEncodedWhileAPeriodicSnapshotIsReadOutWhichStaysWhole() throws Exception {
        DataTree tree = history.treeUpTo(at);
        byte[] first = SnapshotBytes.encode(tree);
        assertThat(SnapshotBytes.encode(tree)).isEqualTo(first);
        TreeSnapshot inProgress = tree.beginSnapshot();
        assertThat(SnapshotBytes.encode(tree)).isEqualTo(first);
        SimulatedDisk disk = new SimulatedDisk();
        String name;
        try (SnapshotWriter writer = new SnapshotWriter(disk.snapshots(), inProgress.zxid(), inProgress.digest(),
                inProgress.sessions(), inProgress.nodeCount())) {
            writer.write(StorageTestSupport.all(inProgress));
            name = writer.commit();
        }
        assertThat(disk.snapshots().content(name)).as("the periodic snapshot is the same state").isEqualTo(first);
    }

    @Test
    void bytesOfAnotherZxidAreRefused() throws Exception {
        byte[] bytes = SnapshotBytes.encode(history.treeUpTo(at));
        assertThatThrownBy(() -> decode(bytes, at + 1)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("holds zxid " + Zxid.toHex(at));
    }

    @Test
    void everyFlippedBitIsRefused() throws Exception {
        byte[] bytes = SnapshotBytes.encode(history.treeUpTo(at));
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 300; i++) {
            long bit = random.nextLong(bytes.length * 8L);
            byte[] damaged = bytes.clone();
            damaged[(int) (bit / 8)] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> decode(damaged, at)).as("seed %d, bit %d", SEED, bit)
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining("snapshot bytes at " + Zxid.toHex(at));
        }
    }

    @Test
    void truncatedOrEmptyBytesAreRefused() {
        byte[] bytes = SnapshotBytes.encode(history.treeUpTo(at));
        for (int length : new int[] {0, 3, 40, bytes.length / 2, bytes.length - 1}) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> decode(cut, at)).as("%d bytes", length).isInstanceOf(CorruptDataException.class);
            assertThatThrownBy(() -> SnapshotBytes.install(new SimulatedDisk().snapshots(), new SimulatedDisk().logs(),
                    at, cut)).as("%d bytes", length).isInstanceOf(IOException.class)
                    .hasCauseInstanceOf(CorruptDataException.class);
        }
    }

    /** A replica with a snapshot, epochs and a log reaching past the zxid of the snapshot to install. */
    private SimulatedDisk replicaWithStaleLog() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        ReplicaHistory.saveEpochs(disk, 3, 2);
        StorageTestSupport.snapshot(disk.snapshots(), history.treeUpTo(Zxid.of(1, 10)));
        history.log(disk, 1024, 4).close();
        return disk;
    }

    @Test
    void anInstalledSnapshotReplacesTheLogAndRecoversAsTheTree() throws Exception {
        SimulatedDisk disk = replicaWithStaleLog();
        DataTree tree = history.treeUpTo(at);
        byte[] bytes = SnapshotBytes.encode(tree);

        SnapshotBytes.install(disk.snapshots(), disk.logs(), at, bytes);

        assertThat(disk.logs().list()).as("no segment, no marker").isEmpty();
        assertThat(disk.snapshots().content(DataFiles.snapshotName(at))).isEqualTo(bytes);
        assertThat(disk.snapshots().list()).noneMatch(name -> name.endsWith(DataFiles.TEMPORARY_SUFFIX));
        List<String> warnings = new ArrayList<>();
        ReplicaRecovery.Recovered recovered = ReplicaHistory.recover(disk, warnings);
        assertThat(recovered.snapshotZxid()).isEqualTo(at);
        assertThat(recovered.tree().digest()).isEqualTo(tree.digest());
        assertThat(recovered.zabState().log()).isEmpty();
        assertThat(recovered.zabState().acceptedEpoch()).isEqualTo(3);
        assertThat(warnings).isEmpty();
    }

    @Test
    void afterAnInstallTheWriterStartsOverAboveTheSnapshot() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        ReplicaHistory.saveEpochs(disk, 3, 3);
        TxnLogWriter log = history.log(disk, 1024, 4); // still open, as on a running replica
        SnapshotBytes.install(disk.snapshots(), disk.logs(), at, SnapshotBytes.encode(history.treeUpTo(at)));
        log.restartAfter(at);
        assertThat(log.lastZxid()).isEqualTo(at);

        ReplicaHistory after = new ReplicaHistory(10).add(3, 4);
        ReplicaHistory.append(log, after.entries(), 2);
        log.close();

        ReplicaRecovery.Recovered recovered = ReplicaHistory.recover(disk, new ArrayList<>());
        assertThat(recovered.snapshotZxid()).isEqualTo(at);
        assertThat(ReplicaHistory.describe(recovered.zabState().log()))
                .isEqualTo(ReplicaHistory.describe(after.entries()));
    }

    @Test
    void damagedBytesAreNotInstalledAndNothingChanges() throws Exception {
        SimulatedDisk disk = replicaWithStaleLog();
        List<String> snapshotsBefore = disk.snapshots().list();
        List<String> logsBefore = disk.logs().list();
        byte[] bytes = SnapshotBytes.encode(history.treeUpTo(at));
        bytes[bytes.length / 2] ^= 4;
        byte[] damaged = bytes;

        assertThatThrownBy(() -> SnapshotBytes.install(disk.snapshots(), disk.logs(), at, damaged))
                .isInstanceOf(IOException.class).hasCauseInstanceOf(CorruptDataException.class)
                .hasMessageContaining("snapshot bytes at " + Zxid.toHex(at)).hasMessageContaining("checksum");
        assertThatThrownBy(() -> SnapshotBytes.install(disk.snapshots(), disk.logs(), at + 1,
                SnapshotBytes.encode(history.treeUpTo(at)))).isInstanceOf(IOException.class)
                .hasMessageContaining("holds zxid " + Zxid.toHex(at));

        assertThat(disk.snapshots().list()).containsExactlyInAnyOrderElementsOf(snapshotsBefore);
        assertThat(disk.logs().list()).containsExactlyInAnyOrderElementsOf(logsBefore);
        assertThat(ReplicaHistory.recover(disk, new ArrayList<>()).zabState().log()).hasSize(50);
    }

    @Test
    void aReceivedSnapshotIsReadBackAndInstalledByRenamingItsFile() throws Exception {
        SimulatedDisk disk = replicaWithStaleLog();
        DataTree tree = history.treeUpTo(at);
        byte[] bytes = SnapshotBytes.encode(tree);
        ReceivedSnapshot received = receive(disk, at, bytes, 1000);
        assertThat(received.sizeBytes()).isEqualTo(bytes.length);
        assertThat(decode(SnapshotImage.readAll(received), at).digest()).isEqualTo(tree.digest());
        assertThat(SnapshotBytes.decode(received, at, TreeOptions.DEFAULTS, StorageTestSupport.RECORD_MAX).digest())
                .isEqualTo(tree.digest());

        try (InputStream openedBefore = received.open()) {
            SnapshotBytes.install(disk.snapshots(), disk.logs(), at, received);
            assertThat(openedBefore.readAllBytes()).as("a stream opened before the rename still reads").isEqualTo(bytes);
        }
        assertThat(disk.snapshots().content(DataFiles.snapshotName(at))).isEqualTo(bytes);
        assertThat(disk.snapshots().list()).as("renamed, not copied: no temporary file left")
                .noneMatch(name -> name.endsWith(DataFiles.TEMPORARY_SUFFIX));
        assertThat(disk.logs().list()).isEmpty();
        assertThat(ReplicaHistory.recover(disk, new ArrayList<>()).tree().digest()).isEqualTo(tree.digest());
    }

    @Test
    void aDamagedReceivedSnapshotIsRefusedAndItsFileDeleted() throws Exception {
        SimulatedDisk disk = replicaWithStaleLog();
        List<String> before = disk.snapshots().list();
        byte[] bytes = SnapshotBytes.encode(history.treeUpTo(at));
        bytes[bytes.length / 3] ^= 1;
        assertThatThrownBy(() -> receive(disk, at, bytes, 777)).isInstanceOf(IOException.class)
                .hasCauseInstanceOf(CorruptDataException.class).hasMessageContaining("checksum");
        assertThat(disk.snapshots().list()).containsExactlyInAnyOrderElementsOf(before);

        byte[] good = SnapshotBytes.encode(history.treeUpTo(at));
        ReceivedSnapshot other = ReceivedSnapshot.begin(disk.snapshots(), at, good.length);
        other.write(good, 0, 10);
        assertThatThrownBy(other::finish).isInstanceOf(IOException.class).hasMessageContaining("ends after 10");
        assertThat(disk.snapshots().list()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aReceivedSnapshotNobodyInstallsIsDiscardedAndOneACrashInterruptedIsRemovedByRecovery() throws Exception {
        SimulatedDisk disk = replicaWithStaleLog();
        List<String> before = disk.snapshots().list();
        byte[] bytes = SnapshotBytes.encode(history.treeUpTo(at));
        ReceivedSnapshot unused = receive(disk, at, bytes, 4096);
        assertThat(disk.snapshots().list()).hasSize(before.size() + 1);
        unused.discard();
        unused.discard();
        assertThat(disk.snapshots().list()).containsExactlyInAnyOrderElementsOf(before);

        ReceivedSnapshot interrupted = ReceivedSnapshot.begin(disk.snapshots(), at, bytes.length);
        interrupted.write(bytes, 0, bytes.length / 2);
        List<String> warnings = new ArrayList<>();
        ReplicaRecovery.Recovered recovered = ReplicaHistory.recover(disk, warnings);
        assertThat(recovered.snapshotZxid()).as("the half-received snapshot is not a snapshot").isEqualTo(Zxid.of(1, 10));
        assertThat(warnings).anyMatch(w -> w.contains("removing unfinished file"));
        assertThat(disk.snapshots().list()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void theLeaderStreamsItsSnapshotFileAndHasNoneForAZxidItNeverSnapshotted() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        DataTree tree = history.treeUpTo(at);
        StorageTestSupport.snapshot(disk.snapshots(), tree);
        SnapshotImage image = SnapshotBytes.fileAt(disk.snapshots(), at);
        assertThat(image).isNotNull();
        assertThat(image.sizeBytes()).isEqualTo(disk.snapshots().size(DataFiles.snapshotName(at)));
        assertThat(decode(SnapshotImage.readAll(image), at).digest()).isEqualTo(tree.digest());
        assertThat(SnapshotBytes.fileAt(disk.snapshots(), at + 1)).isNull();
    }
}
