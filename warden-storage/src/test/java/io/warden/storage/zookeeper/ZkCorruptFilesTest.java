package io.warden.storage.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.zookeeper.server.persistence.SnapStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.storage.CorruptDataException;

/**
 * ZooKeeper's files copied, moved, split, damaged, cut short or missing: the import either still
 * finds a consistent tree (an older snapshot, a torn last record) or stops with the file and the
 * offset.
 */
class ZkCorruptFilesTest {
    @TempDir
    static Path shared;
    private static ZkServed served;
    /** A snapshot of the final tree, named as if taken midway: a fuzzy snapshot. */
    private static Path fuzzySnapshot;

    @TempDir
    Path temp;
    private Path zkDir;
    private Path versionDir;
    private Path log;
    private Path midwaySnapshot;

    @BeforeAll
    static void runZooKeeper() throws Exception {
        Path dir = shared.resolve("zk");
        served = ZkServed.produce(dir, new ZkServed.Setup(100_000, true, SnapStream.StreamMode.CHECKED, true, true));
        Path versionDir = dir.resolve("version-2");
        fuzzySnapshot = shared.resolve("fuzzy");
        Files.move(versionDir.resolve("snapshot." + Long.toHexString(served.lastZxid())), fuzzySnapshot);
        ZkFileSurgery.compact(versionDir.resolve("log.1"));
    }

    @BeforeEach
    void copy() throws Exception {
        zkDir = temp.resolve("zk");
        ZkFileSurgery.copyDirectory(shared.resolve("zk"), zkDir);
        versionDir = zkDir.resolve("version-2");
        log = versionDir.resolve("log.1");
        midwaySnapshot = versionDir.resolve("snapshot." + Long.toHexString(served.midwayZxid()));
        assertThat(midwaySnapshot).exists();
    }

    @Test
    void theCopiesImportAsServed() throws Exception {
        ImportChecks.assertMatches(ZkImporter.load(zkDir, null, ImportProgress.NONE), served, temp);
    }

    @Test
    void logsKeptInTheirOwnDirectory() throws Exception {
        Path logDir = Files.createDirectories(temp.resolve("zk-logs").resolve("version-2"));
        Files.move(log, logDir.resolve("log.1"));

        ImportChecks.assertMatches(ZkImporter.load(zkDir, temp.resolve("zk-logs"), ImportProgress.NONE), served, temp);
    }

    @Test
    void aFlippedBitInALogRecordStopsTheImportAtThatRecord() throws Exception {
        ZkFileSurgery.Record record = ZkFileSurgery.record(log, served.midwayZxid() + 10);
        ZkFileSurgery.flipBit(log, record.offset() + 12 + 40, 3);

        assertThatThrownBy(() -> ZkImporter.load(zkDir, null, ImportProgress.NONE))
                .isInstanceOfSatisfying(CorruptDataException.class, e -> {
                    assertThat(e.file()).isEqualTo(log.toString());
                    assertThat(e.offset()).isEqualTo(record.offset());
                })
                .hasMessage(log + " at offset " + record.offset() + ": checksum mismatch (stored 0x%s, computed 0x%s)",
                        Long.toHexString(storedChecksum(record)), Long.toHexString(computedChecksum(record)));
    }

    @Test
    void aDamagedRecordLengthStopsTheImport() throws Exception {
        ZkFileSurgery.Record record = ZkFileSurgery.record(log, served.midwayZxid() + 4);
        ZkFileSurgery.flipBit(log, record.offset() + 11, 1);

        assertThatThrownBy(() -> ZkImporter.load(zkDir, null, ImportProgress.NONE))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageStartingWith(log + " at offset ");
    }

    @Test
    void aLengthRunningPastTheEndIsDamageWhenWholeRecordsFollow() throws Exception {
        ZkFileSurgery.Record record = ZkFileSurgery.record(log, served.midwayZxid() + 4);
        ZkFileSurgery.Record next = ZkFileSurgery.record(log, served.midwayZxid() + 5);
        ZkFileSurgery.flipBit(log, record.offset() + 9, 3);

        assertThatThrownBy(() -> ZkImporter.load(zkDir, null, ImportProgress.NONE))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageStartingWith(log + " at offset " + record.offset() + ": a record of ")
                .hasMessageEndingWith(" bytes runs past the end of the file, yet a whole record follows at offset "
                        + next.offset());
    }

    @Test
    void aLengthReachingIntoThePreallocatedZerosIsDamageWhenWholeRecordsFollow() throws Exception {
        ZkFileSurgery.Record record = ZkFileSurgery.record(log, served.midwayZxid() + 4);
        List<ZkFileSurgery.Record> records = ZkFileSurgery.records(log);
        long end = records.get(records.size() - 1).end();
        ZkFileSurgery.setLength(log, end + (1 << 20));
        ZkFileSurgery.flipBit(log, record.offset() + 9, 3);

        assertThatThrownBy(() -> ZkImporter.load(zkDir, null, ImportProgress.NONE))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(": bad end-of-record byte 0x00 (expected 0x42 'B') of the record at offset "
                        + record.offset() + ", and a whole record follows at offset ");
    }

    @Test
    void notAZooKeeperLog() throws Exception {
        ZkFileSurgery.flipBit(log, 1, 0);

        assertThatThrownBy(() -> ZkImporter.load(zkDir, null, ImportProgress.NONE))
                .isInstanceOf(CorruptDataException.class)
                .hasMessage(log + " at offset 0: not a ZooKeeper log (magic 0x5a4a4c47, expected 0x5a4b4c47 \"ZKLG\")");
    }

    @Test
    void aDamagedNewestSnapshotIsSkippedForAnOlderOne() throws Exception {
        ZkFileSurgery.flipBit(midwaySnapshot, Files.size(midwaySnapshot) / 2, 5);

        ZkImport imported = ZkImporter.load(zkDir, null, ImportProgress.NONE);

        assertThat(imported.snapshotFile()).endsWith("snapshot.0");
        assertThat(imported.warnings()).singleElement().asString()
                .startsWith("skipped a damaged ZooKeeper snapshot: " + midwaySnapshot + " at offset ");
        ImportChecks.assertMatches(imported, served, temp);
    }

    @Test
    void withEverySnapshotDamagedTheLogsFromTheStartAreEnough() throws Exception {
        Path first = versionDir.resolve("snapshot.0");
        ZkFileSurgery.flipBit(midwaySnapshot, 2, 0);
        ZkFileSurgery.flipBit(first, Files.size(first) - 20, 0);

        ZkImport imported = ZkImporter.load(zkDir, null, ImportProgress.NONE);

        assertThat(imported.snapshotFile()).isNull();
        assertThat(imported.warnings()).hasSize(3).last().asString().contains("rebuilding from the logs alone");
        ImportChecks.assertMatches(imported, served, temp);
    }

    @Test
    void withEverySnapshotDamagedAndTheFirstLogGoneTheNewestSnapshotIsTheError() throws Exception {
        ZkFileSurgery.split(log, served.midwayZxid() - 3);
        Files.delete(log);
        ZkFileSurgery.flipBit(midwaySnapshot, 2, 0);
        ZkFileSurgery.flipBit(versionDir.resolve("snapshot.0"), 2, 0);

        assertThatThrownBy(() -> ZkImporter.load(zkDir, null, ImportProgress.NONE))
                .isInstanceOf(CorruptDataException.class)
                .hasMessage(midwaySnapshot + " at offset 0: not a ZooKeeper snapshot (magic 0x5a4b524e, expected"
                        + " 0x5a4b534e \"ZKSN\")");
    }

    @Test
    void whenTheFallbackFailsTooTheDamagedSnapshotIsNamedFirst() throws Exception {
        ZkFileSurgery.flipBit(midwaySnapshot, 2, 0);
        ZkFileSurgery.Record record = ZkFileSurgery.record(log, 3);
        ZkFileSurgery.flipBit(log, record.offset() + 30, 0);

        assertThatThrownBy(() -> ZkImporter.load(zkDir, null, ImportProgress.NONE))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageStartingWith(midwaySnapshot + " at offset 0: not a ZooKeeper snapshot (magic 0x5a4b524e,"
                        + " expected 0x5a4b534e \"ZKSN\") (and the fallback failed: " + log + " at offset "
                        + record.offset() + ": checksum mismatch");
    }

    @Test
    void logsSplitIntoSeveralFilesImportTheSame() throws Exception {
        Path second = ZkFileSurgery.split(log, served.midwayZxid() + 2);
        ZkFileSurgery.split(second, served.midwayZxid() + 20);

        ZkImport imported = ZkImporter.load(zkDir, null, ImportProgress.NONE);

        assertThat(imported.logFiles()).hasSize(3);
        ImportChecks.assertMatches(imported, served, temp);
    }

    @Test
    void aMissingLogInTheMiddleStopsTheImport() throws Exception {
        Path second = ZkFileSurgery.split(log, served.midwayZxid() + 5);
        Path third = ZkFileSurgery.split(second, served.midwayZxid() + 20);
        Files.delete(second);

        assertThatThrownBy(() -> ZkImporter.load(zkDir, null, ImportProgress.NONE))
                .isInstanceOf(CorruptDataException.class)
                .hasMessage(third + " at offset 16: transaction 0x" + Long.toHexString(served.midwayZxid() + 20)
                        + " does not follow 0x" + Long.toHexString(served.midwayZxid() + 4)
                        + ": a log file is missing or out of order");
    }

    @Test
    void logsThatDoNotReachTheSnapshotStopTheImport() throws Exception {
        Path second = ZkFileSurgery.split(log, served.midwayZxid() + 5);
        Files.delete(log);

        assertThatThrownBy(() -> ZkImporter.load(zkDir, null, ImportProgress.NONE))
                .isInstanceOf(CorruptDataException.class)
                .hasMessage(second + " at offset 16: transaction 0x" + Long.toHexString(served.midwayZxid() + 5)
                        + " does not follow 0x" + Long.toHexString(served.midwayZxid())
                        + ": the logs do not continue the snapshot " + midwaySnapshot);
    }

    @Test
    void anIncompleteLastRecordIsIgnoredAsZooKeeperIgnoresIt() throws Exception {
        List<ZkFileSurgery.Record> records = ZkFileSurgery.records(log);
        ZkFileSurgery.Record last = records.get(records.size() - 1);
        ZkFileSurgery.setLength(log, last.end() - 7);

        ZkImport imported = ZkImporter.load(zkDir, null, ImportProgress.NONE);

        assertThat(imported.zxid()).isEqualTo(served.lastZxid() - 1);
        assertThat(imported.warnings()).containsExactly("ignored the incomplete last record of " + log
                + " at offset " + last.offset() + " (a write cut short by a crash; ZooKeeper ignores it too)");
    }

    @Test
    void aFuzzySnapshotAheadOfTheLogsStopsTheImport() throws Exception {
        ZkFileSurgery.record(log, served.lastZxid());
        ZkFileSurgery.setLength(log, ZkFileSurgery.record(log, served.lastZxid() - 2).offset());
        ZkImportTest.deleteSnapshotsExcept(versionDir, null);
        Path renamed = versionDir.resolve("snapshot." + Long.toHexString(served.midwayZxid()));
        Files.copy(fuzzySnapshot, renamed);

        assertThatThrownBy(() -> ZkImporter.load(zkDir, null, ImportProgress.NONE))
                .isInstanceOf(CorruptDataException.class)
                .hasMessage(renamed + " at offset " + (Files.size(renamed) - 21) + ": the snapshot holds changes up to"
                        + " zxid 0x" + Long.toHexString(served.lastZxid()) + ", but the logs end at 0x"
                        + Long.toHexString(served.lastZxid() - 3) + ": a log file is missing");
    }

    @Test
    void aSnapshotThatEndsEarlyIsSkipped() throws Exception {
        ZkFileSurgery.setLength(midwaySnapshot, Files.size(midwaySnapshot) - 30);

        ZkImport imported = ZkImporter.load(zkDir, null, ImportProgress.NONE);

        assertThat(imported.warnings()).singleElement().asString().contains(midwaySnapshot.toString());
        ImportChecks.assertMatches(imported, served, temp);
    }

    private long storedChecksum(ZkFileSurgery.Record record) throws Exception {
        byte[] bytes = Files.readAllBytes(log);
        return ZkBytes.getLong(bytes, (int) record.offset());
    }

    private long computedChecksum(ZkFileSurgery.Record record) throws Exception {
        byte[] bytes = Files.readAllBytes(log);
        int length = ZkBytes.getInt(bytes, (int) record.offset() + 8);
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(bytes, (int) record.offset() + 12, length);
        return adler.getValue();
    }
}
