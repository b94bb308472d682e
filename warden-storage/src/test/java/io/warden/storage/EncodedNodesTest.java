package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.warden.storage.simulated.SimulatedDisk;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.TreeSnapshot;
import io.warden.tree.Txn;
import io.warden.tree.TxnOp;
import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.OpCode;

/**
 * Chunks encoded straight from the tree ({@link EncodedNodes}, the server's snapshots) make the
 * same file, byte for byte, as the tree's {@code NodeRecord}s encoded by {@link SnapshotEncoder}
 * (recovery, transfers and tools), also while the tree changes during the read-out (nodes frozen
 * before their change), for null, inline and large data, non-ASCII names and several ACL lists.
 */
class EncodedNodesTest {
    private static final List<Id> IDS = List.of(new Id("ip", "127.0.0.1"));

    @Test
    void encodedChunksMakeTheSameFileAsNodeRecords() throws Exception {
        for (long seed = 1; seed <= 25; seed++) {
            DataTree viaRecords = tree(seed);
            DataTree viaEncoded = tree(seed);
            TreeSnapshot records = viaRecords.beginSnapshot();
            TreeSnapshot encoded = viaEncoded.beginSnapshot();
            SimulatedDisk recordsDisk = new SimulatedDisk();
            SimulatedDisk encodedDisk = new SimulatedDisk();
            SplittableRandom random = new SplittableRandom(seed);
            Changes recordsChanges = new Changes(seed, viaRecords.lastZxid());
            Changes encodedChanges = new Changes(seed, viaEncoded.lastZxid());
            EncodedNodes chunk = new EncodedNodes();
            String recordsName;
            String encodedName;
            try (SnapshotWriter recordsWriter = new SnapshotWriter(recordsDisk.snapshots(), records.zxid(),
                    records.digest(), records.sessions(), records.nodeCount(), 4096);
                    SnapshotWriter encodedWriter = new SnapshotWriter(encodedDisk.snapshots(), encoded.zxid(),
                            encoded.digest(), encoded.sessions(), encoded.nodeCount(), 4096)) {
                while (encoded.hasMore()) {
                    int max = 1 + random.nextInt(7);
                    chunk.reset();
                    int n = encoded.nextChunk(max, chunk);
                    assertThat(n).as("seed %d", seed).isEqualTo(chunk.nodes()).isPositive();
                    encodedWriter.write(chunk);
                    recordsWriter.write(records.nextChunk(n));
                    for (int i = random.nextInt(4); i > 0; i--) {
                        viaRecords.apply(recordsChanges.next());
                        viaEncoded.apply(encodedChanges.next());
                    }
                }
                assertThat(records.hasMore()).as("seed %d", seed).isFalse();
                recordsName = recordsWriter.commit();
                encodedName = encodedWriter.commit();
            }
            assertThat(encodedDisk.snapshots().readAll(encodedName)).as("seed %d", seed)
                    .isEqualTo(recordsDisk.snapshots().readAll(recordsName));
            SnapshotReader.Snapshot read = SnapshotReader.read(encodedDisk.snapshots(), encodedName,
                    StorageTestSupport.RECORD_MAX);
            assertThat(read.nodes()).as("seed %d", seed).hasSize((int) encoded.nodeCount());
        }
    }

    @Test
    void aChunkEndsOnceItHoldsItsBytes() {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        byte[] large = new byte[200_000];
        for (int i = 0; i < 12; i++) {
            tree.apply(txn(i + 1, new TxnOp.Create(OpCode.CREATE, "/big-" + i, large, Acl.OPEN_ACL_UNSAFE, 0, -1)));
        }
        TreeSnapshot snapshot = tree.beginSnapshot();
        EncodedNodes chunk = new EncodedNodes();
        int small = (int) tree.nodeCount() - 12; // the root and the nodes every tree has, first in id order
        int n = snapshot.nextChunk(1000, chunk);
        // The small nodes and five of 200,000 bytes fit under 1 MiB; the sixth passes it and ends the chunk.
        assertThat(n).isEqualTo(small + 6);
        assertThat(chunk.size()).isGreaterThanOrEqualTo(EncodedNodes.BYTES_MAX);
        chunk.reset();
        assertThat(chunk.nodes()).isZero();
        assertThat(snapshot.nextChunk(1000, chunk)).isEqualTo(6);
        assertThat(snapshot.hasMore()).isFalse();
    }

    /** A tree with the kinds of nodes a snapshot must carry exactly, and some seeded random ones. */
    private static DataTree tree(long seed) {
        DataTree tree = new DataTree(TreeOptions.DEFAULTS);
        long zxid = 0;
        tree.apply(txn(++zxid, new TxnOp.CreateSession(0x100, 30_000)));
        tree.apply(txn(++zxid, create("/a", new byte[] {1, 2, 3}, Acl.OPEN_ACL_UNSAFE, 0)));
        tree.apply(txn(++zxid, create("/a/null-data", null, Acl.READ_ACL_UNSAFE, 0)));
        tree.apply(txn(++zxid, create("/a/large", new byte[5000], Acl.OPEN_ACL_UNSAFE, 0)));
        tree.apply(txn(++zxid, create("/a/ünïcödé-名前", new byte[0], Acl.READ_ACL_UNSAFE, 0)));
        tree.apply(txn(++zxid, create("/a/ünïcödé-名前/child", new byte[] {9}, Acl.OPEN_ACL_UNSAFE, 0)));
        tree.apply(txn(++zxid, create("/eph", new byte[] {7}, Acl.OPEN_ACL_UNSAFE, 1)));
        Workload workload = new Workload(seed);
        for (int i = 0; i < 150; i++) {
            Txn next = workload.next();
            tree.apply(new Txn(++zxid, next.timeMs(), next.sessionId(), next.cxid(), next.identities(), next.op()));
        }
        return tree;
    }

    private static TxnOp create(String path, byte[] data, List<Acl> acl, int flags) {
        return new TxnOp.Create(OpCode.CREATE, path, data, acl, flags, -1);
    }

    private static Txn txn(long zxid, TxnOp op) {
        return new Txn(zxid, 1_700_000_000_000L + zxid, 0x100, (int) zxid, IDS, op);
    }

    /** Seeded changes after a tree's last zxid: the workload's, renumbered. */
    private static final class Changes {
        private final Workload workload;
        private long zxid;

        Changes(long seed, long lastZxid) {
            this.workload = new Workload(seed * 7919);
            this.zxid = lastZxid;
        }

        Txn next() {
            Txn next = workload.next();
            return new Txn(++zxid, next.timeMs(), next.sessionId(), next.cxid(), next.identities(), next.op());
        }
    }
}
