package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The digest and snapshots under random changes: the incremental digest always equals the digest
 * of a tree rebuilt from scratch, and a snapshot read out while the tree keeps changing holds the
 * tree exactly as it was when the snapshot began.
 */
class SnapshotAndDigestPropertyTest {
    private static final int STEPS = 200;

    private static DataTree rebuilt(DataTree tree) {
        TreeSnapshot snapshot = tree.beginSnapshot();
        return DataTree.restore(TreeOptions.DEFAULTS, snapshot.zxid(), snapshot.sessions(),
                TreeFixture.readAll(snapshot, () -> 1000));
    }

    @Test
    void incrementalDigestEqualsTheDigestOfARebuiltTree() {
        for (long seed : RandomOps.SEEDS) {
            RandomOps gen = new RandomOps(seed);
            TreeFixture f = new TreeFixture();
            for (int step = 0; step < STEPS; step++) {
                f.apply(gen.session(), TreeFixture.ANONYMOUS, gen.any());
                if (step % 20 == 0) {
                    assertThat(rebuilt(f.tree).digest()).as("seed %d step %d", seed, step)
                            .isEqualTo(f.tree.digest());
                }
            }
            assertThat(rebuilt(f.tree).digest()).as("seed %d", seed).isEqualTo(f.tree.digest());
        }
    }

    @Test
    void aSnapshotReadWhileTheTreeChangesHoldsTheTreeAsItWasAtItsStart() {
        for (long seed : RandomOps.SEEDS) {
            RandomOps gen = new RandomOps(seed);
            TreeFixture f = new TreeFixture();
            for (int step = 0; step < STEPS / 2; step++) {
                f.apply(gen.session(), TreeFixture.ANONYMOUS, gen.any());
            }
            DataTree before = rebuilt(f.tree);
            TreeSnapshot snapshot = f.tree.beginSnapshot();
            List<NodeRecord> records = new ArrayList<>();
            while (snapshot.hasMore()) {
                records.addAll(snapshot.nextChunk(1 + gen.nextInt(3)));
                for (int i = gen.nextInt(4); i > 0; i--) {
                    f.apply(gen.session(), TreeFixture.ANONYMOUS, gen.any());
                }
            }
            DataTree restored = DataTree.restore(TreeOptions.DEFAULTS, snapshot.zxid(), snapshot.sessions(), records);
            assertThat(restored.digest()).as("seed %d", seed).isEqualTo(snapshot.digest())
                    .isEqualTo(before.digest());
            assertThat(restored.nodeCount()).as("seed %d", seed).isEqualTo(before.nodeCount());
            assertThat(restored.sessions()).as("seed %d", seed).isEqualTo(before.sessions());
        }
    }

    @Test
    void aRestoredTreeAnswersLikeTheOriginal() {
        for (long seed : RandomOps.SEEDS) {
            RandomOps gen = new RandomOps(seed);
            TreeFixture f = new TreeFixture();
            for (int step = 0; step < STEPS; step++) {
                f.apply(gen.session(), TreeFixture.ANONYMOUS, gen.any());
            }
            long freshDigest = new DataTree(TreeOptions.DEFAULTS).digest();
            TreeSnapshot snapshot = f.tree.beginSnapshot();
            DataTree restored = DataTree.restore(TreeOptions.DEFAULTS, snapshot.zxid(), snapshot.sessions(),
                    TreeFixture.readAll(snapshot, () -> 7));
            assertThat(new TreeFixture(restored).snapshot()).as("seed %d", seed).isEqualTo(f.snapshot());
            assertThat(restored.lastZxid()).isEqualTo(f.tree.lastZxid());
            assertThat(restored.digest()).as("seed %d: the digest depends on the content", seed)
                    .isNotEqualTo(freshDigest);
        }
    }
}
