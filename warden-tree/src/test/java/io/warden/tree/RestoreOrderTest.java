package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.warden.wire.Acl;

/**
 * Restoring takes a snapshot's nodes in any order (files written before the compact tree list them
 * in hash order, children often before their parents) and refuses what is not a tree.
 */
class RestoreOrderTest {
    private static List<NodeRecord> records(DataTree tree) {
        return TreeFixture.readAll(tree.snapshotReadAtOnce(), () -> 50);
    }

    /** A tree after 300 random changes of seed {@code seed}. */
    private static TreeFixture randomTree(long seed) {
        RandomOps gen = new RandomOps(seed);
        TreeFixture f = new TreeFixture();
        for (int step = 0; step < 300; step++) {
            f.apply(gen.session(), TreeFixture.ANONYMOUS, gen.any());
        }
        return f;
    }

    @Test
    void shuffledRecordsRestoreTheSameTree() {
        for (long seed : RandomOps.SEEDS) {
            TreeFixture f = randomTree(seed);
            List<NodeRecord> records = records(f.tree);
            Collections.shuffle(records, new Random(seed));
            Collections.reverse(records.subList(0, records.size() / 2));
            DataTree restored = DataTree.restore(TreeOptions.DEFAULTS, f.tree.lastZxid(), f.tree.sessions(), records);
            assertThat(restored.digest()).as("seed %d", seed).isEqualTo(f.tree.digest());
            assertThat(new TreeFixture(restored).snapshot()).as("seed %d", seed).isEqualTo(f.snapshot());
        }
    }

    @Test
    void theExpectedCountOnlySizesTheIndex() {
        for (long seed : RandomOps.SEEDS) {
            TreeFixture f = randomTree(seed);
            List<NodeRecord> records = records(f.tree); // in tree order: siblings one after another
            for (int expected : new int[] {0, 1, records.size(), 5 * records.size()}) {
                DataTree restored = DataTree.restore(TreeOptions.DEFAULTS, f.tree.lastZxid(), f.tree.sessions(),
                        records, expected);
                assertThat(restored.digest()).as("seed %d, expected %d", seed, expected).isEqualTo(f.tree.digest());
                assertThat(new TreeFixture(restored).snapshot()).as("seed %d, expected %d", seed, expected)
                        .isEqualTo(f.snapshot());
            }
        }
    }

    @Test
    void aParentWhosePathPrefixesAnotherIsNotTakenForIt() {
        List<NodeRecord> records = List.of(node("/"), node("/a"), node("/ab"), node("/a/x"), node("/ab/y"),
                node("/a/z"), node("/ab/y/w"), node("/a/x/v"));
        TreeFixture restored = new TreeFixture(DataTree.restore(TreeOptions.DEFAULTS, 1, Map.of(), records,
                records.size()));
        assertThat(restored.children("/a")).containsExactlyInAnyOrder("x", "z");
        assertThat(restored.children("/ab")).containsExactly("y");
        assertThat(restored.children("/ab/y")).containsExactly("w");
        assertThat(restored.children("/a/x")).containsExactly("v");
    }

    private static NodeRecord node(String path) {
        return new NodeRecord(path, new byte[0], Acl.OPEN_ACL_UNSAFE, 1, 1, 1, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void whatIsNotATreeIsRefused() {
        assertThatThrownBy(() -> DataTree.restore(TreeOptions.DEFAULTS, 1, Map.of(), List.of(node("/a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no root node");
        assertThatThrownBy(() -> DataTree.restore(TreeOptions.DEFAULTS, 1, Map.of(),
                List.of(node("/a/b"), node("/"), node("/c"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("node /a/b has no parent");
        assertThatThrownBy(() -> DataTree.restore(TreeOptions.DEFAULTS, 1, Map.of(),
                List.of(node("/c/d"), node("/"), node("/c"), node("/c/d"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate node /c/d");
        assertThatThrownBy(() -> DataTree.restore(TreeOptions.DEFAULTS, 1, Map.of(), List.of(node("/"), node("/"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate node /");
    }
}
