package io.warden.storage.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.zookeeper.server.persistence.SnapStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.common.Zxid;
import io.warden.storage.DirectoryFileStore;
import io.warden.storage.ReplicaRecovery;
import io.warden.tree.TreeOptions;

/**
 * A real ZooKeeper 3.9.3 writes its files; the import must rebuild exactly the tree it served
 * (every path, data, ACL and Stat field) and its sessions, at its last zxid, and Warden must
 * recover that tree from the snapshot the import writes.
 */
class ZkImportTest {
    @TempDir
    Path temp;

    @Test
    void snapshotTakenMidwayPlusTheLogAfterIt() throws Exception {
        Path zkDir = temp.resolve("zk");
        ZkServed served = ZkServed.produce(zkDir, ZkServed.Setup.plain());
        List<long[]> updates = new ArrayList<>();

        ZkImport imported = ZkImporter.load(zkDir, null,
                (nodes, txns, read, total) -> updates.add(new long[] {nodes, txns, read, total}));

        assertThat(imported.snapshotFile()).endsWith("snapshot." + Long.toHexString(served.midwayZxid()));
        assertThat(imported.transactions()).isEqualTo(served.lastZxid() - served.midwayZxid());
        assertThat(imported.warnings()).isEmpty();
        assertMatches(imported, served);
        long[] last = updates.get(updates.size() - 1);
        assertThat(last[1]).isEqualTo(imported.transactions());
        assertThat(last[2]).isEqualTo(last[3]);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i)[2]).isGreaterThanOrEqualTo(updates.get(i - 1)[2]);
        }
    }

    /**
     * Data of a ZooKeeper ensemble (epoch 1 or more) comes with the epoch files an ensemble member
     * starts from, so that its first transaction follows the imported ones; standalone data (epoch
     * 0) needs none.
     */
    @Test
    void ensembleDataGetsTheEpochFilesAMemberStartsFrom() throws Exception {
        Path zkDir = temp.resolve("zk");
        ZkServed.produce(zkDir, ZkServed.Setup.plain());
        ZkImport standalone = ZkImporter.load(zkDir, null, ImportProgress.NONE);
        long ensembleZxid = Zxid.of(3, 7);
        assertThat(ensembleZxid).isGreaterThan(standalone.zxid());
        ZkImport ensemble = new ZkImport(ensembleZxid, standalone.sessions(), standalone.nodes(),
                standalone.snapshotFile(), standalone.snapshotZxid(), standalone.transactions(),
                standalone.logFiles(), standalone.warnings());

        DirectoryFileStore standaloneStore = new DirectoryFileStore(temp.resolve("standalone").resolve("warden-1"));
        ImportWriter.write(standalone, standaloneStore, 1 << 20);
        assertThat(standaloneStore.list()).noneMatch(name -> name.endsWith("Epoch"));

        DirectoryFileStore memberStore = new DirectoryFileStore(temp.resolve("member").resolve("warden-1"));
        ImportWriter.write(ensemble, memberStore, 1 << 20);
        ReplicaRecovery.Recovered recovered = ReplicaRecovery.recover(memberStore, memberStore, TreeOptions.DEFAULTS,
                1 << 20, warning -> { });
        assertThat(recovered.zabState().acceptedEpoch()).isEqualTo(3);
        assertThat(recovered.zabState().currentEpoch()).isEqualTo(3);
        assertThat(recovered.snapshotZxid()).isEqualTo(ensembleZxid);
    }

    @Test
    void manySnapshotsAndLogFilesWrittenInTheBackground() throws Exception {
        Path zkDir = temp.resolve("zk");
        ZkServed served = ZkServed.produce(zkDir,
                new ZkServed.Setup(2, true, SnapStream.StreamMode.CHECKED, false, false));
        assertThat(ZkFiles.logs(zkDir.resolve("version-2"))).hasSizeGreaterThan(2);

        assertMatches(ZkImporter.load(zkDir, null, ImportProgress.NONE), served);
    }

    @Test
    void gzipSnapshotsAndNoDigests() throws Exception {
        Path zkDir = temp.resolve("zk");
        ZkServed served = ZkServed.produce(zkDir,
                new ZkServed.Setup(100_000, false, SnapStream.StreamMode.GZIP, true, false));

        ZkImport imported = ZkImporter.load(zkDir.resolve("version-2"), null, ImportProgress.NONE);

        assertThat(imported.snapshotFile()).endsWith(".gz");
        assertMatches(imported, served);
    }

    @Test
    void snappySnapshots() throws Exception {
        Path zkDir = temp.resolve("zk");
        ZkServed served = ZkServed.produce(zkDir,
                new ZkServed.Setup(100_000, true, SnapStream.StreamMode.SNAPPY, true, false));

        ZkImport imported = ZkImporter.load(zkDir, null, ImportProgress.NONE);

        assertThat(imported.snapshotFile()).endsWith(".snappy");
        assertMatches(imported, served);
    }

    /**
     * ZooKeeper's snapshots are fuzzy: one may hold changes made after the zxid in its name. A
     * snapshot of the final tree, named as if written at an earlier zxid, is the extreme case:
     * replaying the log from that zxid must still end at the same tree.
     */
    @Test
    void fuzzySnapshotsReplayToTheSameTree() throws Exception {
        Path zkDir = temp.resolve("zk");
        ZkServed served = ZkServed.produce(zkDir,
                new ZkServed.Setup(100_000, true, SnapStream.StreamMode.CHECKED, false, true));
        Path versionDir = zkDir.resolve("version-2");
        Path finalSnapshot = versionDir.resolve("snapshot." + Long.toHexString(served.lastZxid()));
        assertThat(finalSnapshot).exists();
        deleteSnapshotsExcept(versionDir, finalSnapshot);

        Path current = finalSnapshot;
        long last = served.lastZxid();
        for (long zxid : new long[] {last - 1, last - 2, last - last / 8, last / 2, served.midwayZxid(), 3, 1, 0}) {
            Path renamed = versionDir.resolve("snapshot." + Long.toHexString(zxid));
            Files.move(current, renamed);
            current = renamed;
            ZkImport imported = ZkImporter.load(zkDir, null, ImportProgress.NONE);
            assertThat(imported.snapshotZxid()).isEqualTo(zxid);
            assertMatches(imported, served);
        }
    }

    @Test
    void theLogsAloneWhenThereIsNoSnapshot() throws Exception {
        Path zkDir = temp.resolve("zk");
        ZkServed served = ZkServed.produce(zkDir, ZkServed.Setup.plain());
        deleteSnapshotsExcept(zkDir.resolve("version-2"), null);

        ZkImport imported = ZkImporter.load(zkDir, null, ImportProgress.NONE);

        assertThat(imported.snapshotFile()).isNull();
        assertThat(imported.transactions()).isEqualTo(served.lastZxid());
        assertMatches(imported, served);
    }

    static void deleteSnapshotsExcept(Path versionDir, Path keep) throws Exception {
        try (Stream<Path> files = Files.list(versionDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith("snapshot.") && !file.equals(keep)) {
                    Files.delete(file);
                }
            }
        }
    }

    private void assertMatches(ZkImport imported, ZkServed served) throws Exception {
        ImportChecks.assertMatches(imported, served, temp);
    }
}
