package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.warden.wire.Acl;

/**
 * The digest is kept from stored data hashes: a change of a node's metadata does not hash its
 * data again, and the value stays the one a plain pass over every node's whole state gives (the
 * function snapshots on disk recorded their digests with).
 */
class IncrementalDigestTest {
    private static final int MIB = 1 << 20;

    @Test
    void aChildCreateOrDeleteDoesNotRehashTheParentsData() {
        TreeFixture f = new TreeFixture();
        f.mustSucceed(TreeFixture.createData("/big", new byte[MIB]));
        long before = NodeHash.hashedDataBytes;
        f.mustSucceed(TreeFixture.createData("/big/child", new byte[10]));
        assertThat(NodeHash.hashedDataBytes - before).as("only the child's 10 bytes").isEqualTo(10);
        before = NodeHash.hashedDataBytes;
        f.mustSucceed(TreeFixture.delete("/big/child"));
        assertThat(NodeHash.hashedDataBytes - before).as("a delete hashes no data").isZero();
    }

    @Test
    void anAclChangeDoesNotRehashTheData() {
        TreeFixture f = new TreeFixture();
        f.mustSucceed(TreeFixture.createData("/big", new byte[MIB]));
        long before = NodeHash.hashedDataBytes;
        f.mustSucceed(new TxnOp.SetAcl("/big", Acl.READ_ACL_UNSAFE, -1));
        assertThat(NodeHash.hashedDataBytes - before).isZero();
    }

    @Test
    void setDataHashesTheNewDataOnce() {
        TreeFixture f = new TreeFixture();
        f.mustSucceed(TreeFixture.createData("/big", new byte[MIB]));
        long before = NodeHash.hashedDataBytes;
        f.mustSucceed(TreeFixture.setData("/big", new byte[MIB + 1]));
        assertThat(NodeHash.hashedDataBytes - before).isEqualTo(MIB + 1);
    }

    @Test
    void theDigestIsThePlainSumOfWholeNodeHashes() {
        for (long seed : RandomOps.SEEDS) {
            RandomOps gen = new RandomOps(seed);
            TreeFixture f = new TreeFixture();
            for (int step = 0; step < 200; step++) {
                f.apply(gen.session(), TreeFixture.ANONYMOUS, gen.any());
                if (step % 25 == 0) {
                    assertThat(f.tree.digest()).as("seed %d step %d", seed, step).isEqualTo(referenceDigest(f.tree));
                }
            }
            assertThat(f.tree.digest()).as("seed %d", seed).isEqualTo(referenceDigest(f.tree));
        }
    }

    private static long referenceDigest(DataTree tree) {
        return NodeHashReference.digest(TreeFixture.readAll(tree.snapshotReadAtOnce(), () -> 100));
    }
}
