package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.wire.ErrorCode;
import org.junit.jupiter.api.Test;

/** checkWatches, removeWatches and dropping a closed connection's watches (§4.3, §6.3). */
class WatchManagementTest {
    private static final long W = 10;
    private static final long V = 11;
    private static final OpResult NOWATCHER = new OpResult.Failed(ErrorCode.NOWATCHER);

    private static TreeFixture withNode() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        return f;
    }

    @Test
    void checkWatchesReportsNoWatcherWhenNothingMatches() {
        TreeFixture f = withNode();
        for (int type = 1; type <= 5; type++) {
            assertThat(f.tree.checkWatches("/a", type, W)).as("type %d", type).isEqualTo(NOWATCHER);
        }
    }

    @Test
    void checkWatchesMatchesByType() {
        TreeFixture f = withNode();
        f.tree.getData("/a", TreeFixture.ANONYMOUS, W);
        assertThat(f.tree.checkWatches("/a", DataTree.WATCHER_DATA, W)).isEqualTo(new OpResult.Checked());
        assertThat(f.tree.checkWatches("/a", DataTree.WATCHER_ANY, W)).isEqualTo(new OpResult.Checked());
        assertThat(f.tree.checkWatches("/a", DataTree.WATCHER_CHILDREN, W)).isEqualTo(NOWATCHER);
        assertThat(f.tree.checkWatches("/a", DataTree.WATCHER_DATA, V)).as("other connection").isEqualTo(NOWATCHER);
        assertThat(f.tree.checkWatches("/b", DataTree.WATCHER_DATA, W)).as("other path").isEqualTo(NOWATCHER);
    }

    @Test
    void existsWatchOnMissingNodeIsADataWatch() {
        TreeFixture f = withNode();
        f.tree.exists("/missing", TreeFixture.ANONYMOUS, W);
        assertThat(f.tree.checkWatches("/missing", DataTree.WATCHER_DATA, W)).isEqualTo(new OpResult.Checked());
    }

    @Test
    void checkWatchesForEachKind() {
        TreeFixture f = withNode();
        f.tree.getChildren("/a", TreeFixture.ANONYMOUS, W);
        f.tree.addWatch("/p", 0, W);
        f.tree.addWatch("/r", 1, W);
        assertThat(f.tree.checkWatches("/a", DataTree.WATCHER_CHILDREN, W)).isEqualTo(new OpResult.Checked());
        assertThat(f.tree.checkWatches("/p", DataTree.WATCHER_PERSISTENT, W)).isEqualTo(new OpResult.Checked());
        assertThat(f.tree.checkWatches("/r", DataTree.WATCHER_PERSISTENT_RECURSIVE, W))
                .isEqualTo(new OpResult.Checked());
        assertThat(f.tree.checkWatches("/p", DataTree.WATCHER_PERSISTENT_RECURSIVE, W)).isEqualTo(NOWATCHER);
    }

    @Test
    void checkWatchesRemovesNothing() {
        TreeFixture f = withNode();
        f.tree.getData("/a", TreeFixture.ANONYMOUS, W);
        f.tree.checkWatches("/a", DataTree.WATCHER_DATA, W);
        assertThat(f.apply(TreeFixture.setData("/a", null)).events()).hasSize(1);
    }

    @Test
    void removeWatchesRemovesOnlyTheRequestedKind() {
        TreeFixture f = withNode();
        f.tree.getData("/a", TreeFixture.ANONYMOUS, W);
        f.tree.getChildren("/a", TreeFixture.ANONYMOUS, W);
        assertThat(f.tree.removeWatches("/a", DataTree.WATCHER_DATA, W)).isEqualTo(new OpResult.Checked());
        assertThat(f.tree.removeWatches("/a", DataTree.WATCHER_DATA, W)).isEqualTo(NOWATCHER);
        assertThat(f.apply(TreeFixture.setData("/a", null)).events()).isEmpty();
        assertThat(f.apply(TreeFixture.create("/a/c")).events()).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_CHILDREN_CHANGED);
    }

    @Test
    void removeWatchesAnyRemovesEveryKind() {
        TreeFixture f = withNode();
        f.tree.getData("/a", TreeFixture.ANONYMOUS, W);
        f.tree.getChildren("/a", TreeFixture.ANONYMOUS, W);
        f.tree.addWatch("/a", 0, W);
        f.tree.addWatch("/a", 1, W);
        f.tree.getData("/a", TreeFixture.ANONYMOUS, V);
        assertThat(f.tree.removeWatches("/a", DataTree.WATCHER_ANY, W)).isEqualTo(new OpResult.Checked());
        assertThat(f.tree.watchCount()).isEqualTo(1);
        assertThat(f.apply(TreeFixture.delete("/a")).events()).extracting(WatchEvent::watcherId).containsExactly(V);
    }

    @Test
    void removeWatchesOfAnotherConnectionIsNoWatcher() {
        TreeFixture f = withNode();
        f.tree.getData("/a", TreeFixture.ANONYMOUS, V);
        assertThat(f.tree.removeWatches("/a", DataTree.WATCHER_ANY, W)).isEqualTo(NOWATCHER);
        assertThat(f.tree.watchCount()).isEqualTo(1);
    }

    @Test
    void removeWatcherDropsEveryWatchOfThatConnectionOnly() {
        TreeFixture f = withNode();
        f.tree.getData("/a", TreeFixture.ANONYMOUS, W);
        f.tree.getChildren("/a", TreeFixture.ANONYMOUS, W);
        f.tree.exists("/b", TreeFixture.ANONYMOUS, W);
        f.tree.addWatch("/", 1, W);
        f.tree.addWatch("/a", 0, W);
        f.tree.getData("/a", TreeFixture.ANONYMOUS, V);

        f.tree.removeWatcher(W);

        assertThat(f.tree.watchCount()).isEqualTo(1);
        assertThat(f.tree.watchedPathsByWatcher()).containsOnlyKeys(V);
        assertThat(f.tree.watchersByPath()).containsOnlyKeys("/a");
        assertThat(f.apply(TreeFixture.create("/b")).events()).isEmpty();
        assertThat(f.apply(TreeFixture.setData("/a", null)).events()).extracting(WatchEvent::watcherId)
                .containsExactly(V);
    }

    @Test
    void watchCountsAndViews() {
        TreeFixture f = withNode();
        f.tree.getData("/a", TreeFixture.ANONYMOUS, W);
        f.tree.getData("/a", TreeFixture.ANONYMOUS, W);
        f.tree.getChildren("/a", TreeFixture.ANONYMOUS, W);
        f.tree.getData("/a", TreeFixture.ANONYMOUS, V);
        assertThat(f.tree.watchCount()).isEqualTo(3);
        assertThat(f.tree.watchedPathCount()).isEqualTo(1);
        assertThat(f.tree.watchersByPath().get("/a")).containsExactlyInAnyOrder(W, V);
    }
}
