package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Re-registration of a reconnecting client's watches: the table in §4.3 (setWatches). */
class SetWatchesTest {
    private static final long W = 42;

    private static WatchLists data(String... paths) {
        return new WatchLists(List.of(paths), null, null, null, null);
    }

    private static WatchLists exist(String... paths) {
        return new WatchLists(null, List.of(paths), null, null, null);
    }

    private static WatchLists child(String... paths) {
        return new WatchLists(null, null, List.of(paths), null, null);
    }

    private static WatchEvent now(int type, String path) {
        return new WatchEvent(W, type, path, -1);
    }

    @Test
    void dataWatchOnMissingNodeFiresDeletedNow() {
        TreeFixture f = new TreeFixture();
        assertThat(f.tree.setWatches(0, data("/gone"), W)).containsExactly(now(WatchEvent.NODE_DELETED, "/gone"));
        assertThat(f.tree.watchCount()).isZero();
    }

    @Test
    void dataWatchOnNodeChangedSinceFiresDataChangedNow() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        long seen = f.zxid;
        f.mustSucceed(TreeFixture.setData("/a", null));
        assertThat(f.tree.setWatches(seen, data("/a"), W)).containsExactly(now(WatchEvent.NODE_DATA_CHANGED, "/a"));
        assertThat(f.tree.watchCount()).isZero();
    }

    @Test
    void dataWatchOnUnchangedNodeIsRegistered() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        long seen = f.zxid;
        f.mustCreate("/other");
        assertThat(f.tree.setWatches(seen, data("/a"), W)).isEmpty();
        long zxid = f.nextZxid();
        assertThat(f.apply(TreeFixture.setData("/a", null)).events())
                .containsExactly(new WatchEvent(W, WatchEvent.NODE_DATA_CHANGED, "/a", zxid));
    }

    @Test
    void existWatchOnExistingNodeFiresCreatedNow() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        assertThat(f.tree.setWatches(f.zxid, exist("/a"), W)).containsExactly(now(WatchEvent.NODE_CREATED, "/a"));
        assertThat(f.tree.watchCount()).isZero();
    }

    @Test
    void existWatchOnMissingNodeIsRegistered() {
        TreeFixture f = new TreeFixture();
        assertThat(f.tree.setWatches(0, exist("/a"), W)).isEmpty();
        assertThat(f.apply(TreeFixture.create("/a")).events()).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_CREATED);
    }

    @Test
    void childWatchOnMissingNodeFiresDeletedNow() {
        TreeFixture f = new TreeFixture();
        assertThat(f.tree.setWatches(0, child("/gone"), W)).containsExactly(now(WatchEvent.NODE_DELETED, "/gone"));
    }

    @Test
    void childWatchOnNodeWhoseChildrenChangedFiresNow() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/p");
        long seen = f.zxid;
        f.mustCreate("/p/c");
        assertThat(f.tree.setWatches(seen, child("/p"), W))
                .containsExactly(now(WatchEvent.NODE_CHILDREN_CHANGED, "/p"));
        assertThat(f.tree.watchCount()).isZero();
    }

    @Test
    void childWatchIsRegisteredWhenOnlyDataChanged() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/p");
        long seen = f.zxid;
        f.mustSucceed(TreeFixture.setData("/p", null));
        assertThat(f.tree.setWatches(seen, child("/p"), W)).isEmpty();
        assertThat(f.apply(TreeFixture.create("/p/c")).events()).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_CHILDREN_CHANGED);
    }

    @Test
    void persistentWatchesAreAlwaysRegisteredWithoutEvents() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/changed");
        f.mustSucceed(TreeFixture.setData("/changed", null));
        WatchLists lists = new WatchLists(null, null, null, List.of("/missing", "/changed"), List.of("/changed"));
        assertThat(f.tree.setWatches(0, lists, W)).isEmpty();
        assertThat(f.tree.checkWatches("/missing", DataTree.WATCHER_PERSISTENT, W)).matches(OpResult::ok);
        assertThat(f.tree.checkWatches("/changed", DataTree.WATCHER_PERSISTENT, W)).matches(OpResult::ok);
        assertThat(f.tree.checkWatches("/changed", DataTree.WATCHER_PERSISTENT_RECURSIVE, W)).matches(OpResult::ok);
        assertThat(f.apply(TreeFixture.create("/missing")).events()).hasSize(1);
    }

    @Test
    void mixedListsProduceEveryImmediateEvent() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        f.mustCreate("/p");
        long seen = f.zxid;
        f.mustSucceed(TreeFixture.setData("/a", null));
        f.mustCreate("/p/c");
        WatchLists lists = new WatchLists(List.of("/a", "/gone"), List.of("/p", "/later"), List.of("/p", "/a"),
                null, null);
        assertThat(f.tree.setWatches(seen, lists, W)).containsExactlyInAnyOrder(
                now(WatchEvent.NODE_DATA_CHANGED, "/a"),
                now(WatchEvent.NODE_DELETED, "/gone"),
                now(WatchEvent.NODE_CREATED, "/p"),
                now(WatchEvent.NODE_CHILDREN_CHANGED, "/p"));
        assertThat(f.tree.watchCount()).as("exist /later and child /a").isEqualTo(2);
    }
}
