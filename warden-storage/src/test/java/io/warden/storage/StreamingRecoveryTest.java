package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.DataTree;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TxnOp;
import io.warden.tree.TreeOptions;
import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.OpCode;

/**
 * Recovery reads its files as streams through bounded buffers, never whole; the log's reading
 * thread leaves a torn tail alone when the caller refuses what it read; snapshots are synced in
 * pieces as they are written.
 */
class StreamingRecoveryTest {
    private static final long SEED = 20261207;
    private static final int DATA_BYTES = 1000;

    /** Creates of nodes with {@code DATA_BYTES} of data each, zxids from {@code firstZxid}. */
    private static List<Txn> creates(SplittableRandom random, long firstZxid, int count) {
        return creates(random, firstZxid, count, DATA_BYTES);
    }

    private static List<Txn> creates(SplittableRandom random, long firstZxid, int count, int dataBytes) {
        List<Txn> txns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long zxid = firstZxid + i;
            byte[] data = new byte[dataBytes];
            random.nextBytes(data);
            txns.add(new Txn(zxid, 1_700_000_000_000L + zxid, 0, (int) zxid, List.of(new Id("ip", "127.0.0.1")),
                    new TxnOp.Create(OpCode.CREATE, "/n-" + zxid, data, Acl.OPEN_ACL_UNSAFE, 0, -1)));
        }
        return txns;
    }

    private static void log(FileStore logs, List<Txn> txns, long lastZxid, long segmentBytes) throws Exception {
        TxnLogWriter writer = new TxnLogWriter(logs, 1 << 16, segmentBytes, true, StorageTestSupport.RECORD_MAX,
                lastZxid);
        for (Txn txn : txns) {
            writer.append(txn.zxid(), TxnCodec.encode(txn));
        }
        writer.close();
    }

    @Test
    void recoveryReadsSnapshotsAndLogSegmentsLargerThanItsBuffersThroughThem(@TempDir Path directory)
            throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        RecordingFileStore store = new RecordingFileStore(new DirectoryFileStore(directory));
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        List<Txn> snapshotted = creates(random, 1, 6000);
        snapshotted.forEach(tree::apply);
        String snapshot = StorageTestSupport.snapshot(store, tree);
        List<Txn> logged = creates(random, 6001, 6000);
        logged.forEach(tree::apply);
        long segmentBytes = 16L << 20; // one segment for all of them
        log(store, logged, 6000, segmentBytes);
        String segment = DataFiles.logName(6001);

        long bound = Math.max(SegmentWindow.capacityFor(StorageTestSupport.RECORD_MAX), SnapshotInput.BUFFER_BYTES);
        assertThat(store.size(snapshot)).as("the snapshot is larger than any buffer").isGreaterThan(2 * bound);
        assertThat(store.size(segment)).as("the segment is larger than any buffer").isGreaterThan(2 * bound);

        Recovery.Recovered recovered = Recovery.recover(store, store, TreeOptions.DEFAULTS,
                StorageTestSupport.RECORD_MAX, warning -> { });
        assertThat(recovered.tree().lastZxid()).isEqualTo(12000);
        assertThat(recovered.tree().digest()).isEqualTo(tree.digest());
        assertThat(recovered.replayed()).isEqualTo(6000);
        assertThat(store.readWhole()).as("files read whole").isEmpty();
        assertThat(store.largestReadBytes()).as("the largest read").isLessThanOrEqualTo(bound);
    }

    @Test
    void recordsLargerThanTheWindowsFirstSizeComeBackWhole(@TempDir Path directory) throws Exception {
        int recordBytesMax = 4 << 20;
        int payloadBytes = SegmentWindow.INITIAL_BYTES + 12345;
        RecordingFileStore store = new RecordingFileStore(new DirectoryFileStore(directory));
        SplittableRandom random = new SplittableRandom(SEED);
        List<byte[]> written = new ArrayList<>();
        TxnLogWriter writer = new TxnLogWriter(store, 1 << 16, 64L << 20, true, recordBytesMax, 0);
        for (int zxid = 1; zxid <= 3; zxid++) {
            byte[] payload = new byte[zxid == 2 ? 100 : payloadBytes];
            random.nextBytes(payload);
            writer.append(zxid, payload);
            written.add(payload);
        }
        writer.close();
        List<byte[]> read = new ArrayList<>();
        TxnLogReader.read(store, 0, recordBytesMax, false, record -> read.add(record.payload()));
        assertThat(read).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(read.get(i)).as("record %d", i + 1).isEqualTo(written.get(i));
        }
        assertThat(store.largestReadBytes()).isLessThanOrEqualTo(SegmentWindow.capacityFor(recordBytesMax));
    }

    @Test
    void theLogsReadingThreadLeavesATornTailAloneWhenTheCallerRefusesARecord() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        log(disk.logs(), creates(new SplittableRandom(SEED), 1, 20), 0, 1 << 20);
        String segment = DataFiles.logName(1);
        byte[] content = disk.logs().content(segment);
        int end = content.length;
        while (content[end - 1] == 0) {
            end--;
        }
        disk.logs().truncate(segment, end - 5); // the last record loses its end: a torn write
        long tornSize = disk.logs().size(segment);

        assertThatThrownBy(() -> DecodedLog.read(disk.logs(), 0, StorageTestSupport.RECORD_MAX, true,
                (record, txn) -> {
                    throw new CorruptDataException(record.file(), record.offset(), "refused");
                })).isInstanceOf(CorruptDataException.class).hasMessageContaining("refused");
        assertThat(disk.logs().size(segment)).as("the torn segment after a refused read").isEqualTo(tornSize);

        List<Long> zxids = new ArrayList<>();
        TxnLogReader.Summary summary = DecodedLog.read(disk.logs(), 0, StorageTestSupport.RECORD_MAX, true,
                (record, txn) -> zxids.add(txn.zxid()));
        assertThat(summary.truncatedTornTail()).isTrue();
        assertThat(zxids).hasSize(19).startsWith(1L).endsWith(19L);
        assertThat(disk.logs().size(segment)).as("the torn segment once read").isLessThan(tornSize);
    }

    @Test
    void damageInTheLogReachesTheCallerAfterTheRecordsBeforeIt() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        log(disk.logs(), creates(new SplittableRandom(SEED), 1, 3000), 0, 16L << 20);
        String segment = DataFiles.logName(1);
        long damagedAt = disk.logs().size(segment) / 2;
        disk.logs().flipBit(segment, damagedAt * 8);
        List<Long> zxids = new ArrayList<>();
        assertThatThrownBy(() -> DecodedLog.read(disk.logs(), 0, StorageTestSupport.RECORD_MAX, true,
                (record, txn) -> zxids.add(txn.zxid())))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(disk.logs().describe(segment));
        assertThat(zxids).as("records before the damage").isNotEmpty();
        for (int i = 0; i < zxids.size(); i++) {
            assertThat(zxids.get(i)).isEqualTo(i + 1L);
        }
        assertThat(zxids.size()).as("records read").isLessThan(3000);
    }

    @Test
    void everyBitFlipInASnapshotStopsRecoveryNamingTheFile() throws Exception {
        SimulatedDisk reference = new SimulatedDisk();
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        creates(new SplittableRandom(SEED), 1, 12, 16).forEach(tree::apply);
        String name = StorageTestSupport.snapshot(reference.snapshots(), tree);
        long bits = reference.snapshots().size(name) * 8;
        for (long bit = 0; bit < bits; bit += 7) {
            SimulatedDisk disk = new SimulatedDisk();
            StorageTestSupport.snapshot(disk.snapshots(), tree);
            disk.snapshots().flipBit(name, bit);
            long flipped = bit;
            assertThatThrownBy(() -> Recovery.recover(disk.snapshots(), disk.logs(), TreeOptions.DEFAULTS,
                    StorageTestSupport.RECORD_MAX, warning -> { }))
                    .as("bit %d", flipped)
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining(disk.snapshots().describe(name));
        }
    }

    @Test
    void aSnapshotIsSyncedInPiecesAsItIsWritten() throws Exception {
        RecordingFileStore store = new RecordingFileStore(new SimulatedDisk().snapshots());
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        creates(new SplittableRandom(SEED), 1, 200).forEach(tree::apply);
        long syncEveryBytes = 8 * 1024;
        String name = StorageTestSupport.snapshot(store, tree, syncEveryBytes);
        long size = store.size(name);
        assertThat(size).isGreaterThan(10 * syncEveryBytes);
        long nodeBytesMax = DATA_BYTES + 200;
        assertThat(store.largestUnsyncedBytes()).as("bytes written between two syncs")
                .isLessThanOrEqualTo(syncEveryBytes + nodeBytesMax);
        assertThat(store.syncs()).as("syncs").isGreaterThanOrEqualTo((int) (size / (syncEveryBytes + nodeBytesMax)));
        SnapshotReader.Snapshot read = SnapshotReader.read(store, name, StorageTestSupport.RECORD_MAX);
        assertThat(DataTree.restore(TreeOptions.DEFAULTS, read.zxid(), read.sessions(), read.nodes()).digest())
                .isEqualTo(tree.digest());
    }
}
