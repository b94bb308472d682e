package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


/**
 * Transactions shaped the way a hostile client could shape them, {@code null} strings, buffers and
 * lists, unknown flags, op codes and versions included, with the identities the server gives
 * connections. Every one of them survives the log's encoding unchanged, applies without an
 * exception (the barrier in {@link DataTree#apply} is never needed), leaves two trees that apply
 * the same sequence identical, and a tree restored from a snapshot taken at any point then replays
 * the rest to the same digest. Each failure names its seed.
 */
class HostileTransactionsPropertyTest {
    private static final long[] SEEDS = {1, 7, 42, 1_000_003, 0xBADC0DE, 20261206};
    private static final int TRANSACTIONS_PER_SEED = 600;
    @Test
    void everyHostileTransactionEncodesAppliesAndReplaysTheSameEverywhere() throws Exception {
        for (long seed : SEEDS) {
            HostileOps gen = new HostileOps(seed);
            TreeOptions options = new TreeOptions(seed % 2 == 0, seed % 3 == 0);
            DataTree first = new DataTree(options);
            DataTree second = new DataTree(options);
            List<Txn> history = new ArrayList<>();
            int snapshotAt = 1 + gen.nextInt(TRANSACTIONS_PER_SEED - 1);
            TreeSnapshotCopy copy = null;
            for (int i = 1; i <= TRANSACTIONS_PER_SEED; i++) {
                Txn txn = new Txn(i, 1_700_000_000_000L + i * 10L, gen.session(), i,
                        gen.identities(), gen.op(true));
                Txn decoded = TxnCodec.decode(TxnCodec.encode(txn));
                assertThat(decoded).as("seed %d txn %d round trip", seed, i).isEqualTo(txn);
                TreeResult one = first.apply(txn);
                TreeResult two = second.apply(decoded);
                assertThat(one.applyError()).as("seed %d txn %d %s threw", seed, i, txn).isNull();
                assertThat(two.result()).as("seed %d txn %d", seed, i).isEqualTo(one.result());
                assertThat(second.digest()).as("seed %d txn %d", seed, i).isEqualTo(first.digest());
                history.add(txn);
                if (i == snapshotAt) {
                    copy = TreeSnapshotCopy.of(first);
                }
            }
            assertThat(first.applyFailures()).as("seed %d", seed).isZero();
            DataTree restored = copy.restore(options);
            for (Txn txn : history.subList(snapshotAt, history.size())) {
                restored.apply(TxnCodec.decode(TxnCodec.encode(txn)));
            }
            assertThat(restored.digest()).as("seed %d replay from snapshot at %d", seed, snapshotAt)
                    .isEqualTo(first.digest());
        }
    }

    /** A tree's content at one zxid, read out the way the snapshot writer reads it. */
    private record TreeSnapshotCopy(long zxid, Map<Long, Integer> sessions, List<NodeRecord> nodes) {
        static TreeSnapshotCopy of(DataTree tree) {
            TreeSnapshot snapshot = tree.beginSnapshot();
            List<NodeRecord> nodes = new ArrayList<>();
            while (snapshot.hasMore()) {
                nodes.addAll(snapshot.nextChunk(1000));
            }
            return new TreeSnapshotCopy(snapshot.zxid(), Map.copyOf(snapshot.sessions()), nodes);
        }

        DataTree restore(TreeOptions options) {
            return DataTree.restore(options, zxid, sessions, nodes);
        }
    }
}
