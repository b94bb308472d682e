package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.common.Zxid;
import io.warden.storage.DirectoryFileStore;
import io.warden.storage.FileStore;
import io.warden.storage.ReplicaRecovery;
import io.warden.storage.ReceivedSnapshot;
import io.warden.storage.SnapshotBytes;
import io.warden.storage.TxnLogWriter;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TxnOp;
import io.warden.zab.DiskWrite;
import io.warden.zab.Entry;
import io.warden.zab.ZabOutput;
import io.warden.zab.ZabState;

/**
 * The disk thread of an ensemble member carries out the consensus core's records in order, and a
 * restart finds exactly what they said: the epochs, the snapshot, the logged proposals after it.
 */
class ReplicaRecordsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private long writeId;

    private static Entry entry(long zxid) {
        Txn txn = new Txn(zxid, 1_700_000_000_000L, 7, (int) Zxid.counter(zxid), List.of(),
                new TxnOp.CreateSession(7, 30_000));
        return new Entry(zxid, TxnCodec.encode(txn));
    }

    private ZabOutput.Persist persist(DiskWrite write) {
        return new ZabOutput.Persist(++writeId, write);
    }

    private DiskWriter<ZabOutput.Persist> writer(FileStore snapshots, FileStore logs, long lastZxid) {
        DiskWriter<ZabOutput.Persist> disk = ReplicaRecords.diskWriter(
                new TxnLogWriter(logs, 4096, 1 << 20, true, 1 << 20, lastZxid), snapshots, logs, 100, () -> { },
                cause -> { });
        disk.start();
        return disk;
    }

    private ZabState recover(FileStore snapshots, FileStore logs) throws Exception {
        return ReplicaRecovery.recover(snapshots, logs, TreeOptions.DEFAULTS, 1 << 20, warning -> { }).zabState();
    }

    @Test
    void appendsTruncationsAndEpochsAreWhatARestartFinds() throws Exception {
        FileStore snapshots = new DirectoryFileStore(dir.resolve("snap"));
        FileStore logs = new DirectoryFileStore(dir.resolve("log"));
        DiskWriter<ZabOutput.Persist> disk = writer(snapshots, logs, 0);
        try {
            disk.append(persist(new DiskWrite.SaveEpochs(1, 0)));
            for (long counter = 1; counter <= 5; counter++) {
                disk.append(persist(new DiskWrite.Append(entry(Zxid.of(1, counter)))));
            }
            disk.append(persist(new DiskWrite.TruncateAfter(Zxid.of(1, 3))));
            disk.append(persist(new DiskWrite.SaveEpochs(2, 2)));
            disk.append(persist(new DiskWrite.Append(entry(Zxid.of(2, 1)))));
            long last = writeId;
            await().atMost(WAIT).until(() -> disk.durableId() == last);
        } finally {
            disk.close();
        }
        ZabState state = recover(snapshots, logs);
        assertThat(state.acceptedEpoch()).isEqualTo(2);
        assertThat(state.currentEpoch()).isEqualTo(2);
        assertThat(state.snapshotZxid()).isZero();
        assertThat(state.log()).extracting(Entry::zxid)
                .containsExactly(Zxid.of(1, 1), Zxid.of(1, 2), Zxid.of(1, 3), Zxid.of(2, 1));
    }

    @Test
    void anInstalledSnapshotReplacesTheLogAndLaterAppendsFollowIt() throws Exception {
        FileStore snapshots = new DirectoryFileStore(dir.resolve("snap"));
        FileStore logs = new DirectoryFileStore(dir.resolve("log"));
        DataTree leaderTree = new DataTree(TreeOptions.DEFAULTS);
        Txn created = new Txn(Zxid.of(3, 9), 1_700_000_000_000L, 7, 1, List.of(), new TxnOp.CreateSession(7, 30_000));
        leaderTree.apply(created);
        byte[] state = SnapshotBytes.encode(leaderTree);
        DiskWriter<ZabOutput.Persist> disk = writer(snapshots, logs, 0);
        try {
            for (long counter = 1; counter <= 4; counter++) {
                disk.append(persist(new DiskWrite.Append(entry(Zxid.of(1, counter)))));
            }
            // as a follower receives it: into a file of the snapshot directory, installed by renaming
            ReceivedSnapshot received = ReceivedSnapshot.begin(snapshots, Zxid.of(3, 9), state.length);
            received.write(state, 0, state.length);
            received.finish();
            disk.append(persist(new DiskWrite.InstallSnapshot(Zxid.of(3, 9), received)));
            disk.append(persist(new DiskWrite.SaveEpochs(3, 3)));
            disk.append(persist(new DiskWrite.Append(entry(Zxid.of(3, 10)))));
            long last = writeId;
            await().atMost(WAIT).until(() -> disk.durableId() == last);
        } finally {
            disk.close();
        }
        ReplicaRecovery.Recovered recovered = ReplicaRecovery.recover(snapshots, logs, TreeOptions.DEFAULTS, 1 << 20,
                warning -> { });
        assertThat(recovered.zabState().snapshotZxid()).isEqualTo(Zxid.of(3, 9));
        assertThat(recovered.tree().digest()).isEqualTo(leaderTree.digest());
        assertThat(recovered.zabState().log()).extracting(Entry::zxid).containsExactly(Zxid.of(3, 10));
    }
}
