package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.wire.Acl;
import org.junit.jupiter.api.Test;

/** Which change fires which watch, and whether the watch survives (§6.4). */
class WatchTriggersTest {
    private static final long W = 1;
    private static final long V = 2;

    private static WatchEvent event(long watcher, int type, String path, long zxid) {
        return new WatchEvent(watcher, type, path, zxid);
    }

    private static List<WatchEvent> apply(TreeFixture f, TxnOp op) {
        return f.apply(op).events();
    }

    @Test
    void dataWatchFiresOnceOnDataChange() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        f.tree.getData("/a", TreeFixture.ANONYMOUS, W);
        long zxid = f.nextZxid();
        assertThat(apply(f, TreeFixture.setData("/a", null)))
                .containsExactly(event(W, WatchEvent.NODE_DATA_CHANGED, "/a", zxid));
        assertThat(apply(f, TreeFixture.setData("/a", null))).isEmpty();
    }

    @Test
    void dataWatchFiresOnDeleteButNotOnChildrenOrAcl() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        f.tree.getData("/a", TreeFixture.ANONYMOUS, W);
        assertThat(apply(f, TreeFixture.create("/a/c"))).isEmpty();
        assertThat(apply(f, TreeFixture.delete("/a/c"))).isEmpty();
        assertThat(apply(f, new TxnOp.SetAcl("/a", Acl.OPEN_ACL_UNSAFE, -1))).isEmpty();
        long zxid = f.nextZxid();
        assertThat(apply(f, TreeFixture.delete("/a"))).containsExactly(event(W, WatchEvent.NODE_DELETED, "/a", zxid));
    }

    @Test
    void existWatchOnMissingNodeFiresOnceOnCreate() {
        TreeFixture f = new TreeFixture();
        assertThat(f.tree.exists("/a", TreeFixture.ANONYMOUS, W)).isInstanceOf(OpResult.Failed.class);
        long zxid = f.nextZxid();
        assertThat(apply(f, TreeFixture.create("/a"))).containsExactly(event(W, WatchEvent.NODE_CREATED, "/a", zxid));
        assertThat(apply(f, TreeFixture.setData("/a", null))).isEmpty();
    }

    @Test
    void existWatchOnExistingNodeFiresOnDataChange() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        f.tree.exists("/a", TreeFixture.ANONYMOUS, W);
        assertThat(apply(f, TreeFixture.setData("/a", null))).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_DATA_CHANGED);
    }

    @Test
    void failedReadsSetNoWatch() {
        TreeFixture f = new TreeFixture();
        f.tree.getData("/a", TreeFixture.ANONYMOUS, W);
        f.tree.getChildren("/a", TreeFixture.ANONYMOUS, W);
        assertThat(f.tree.watchCount()).isZero();
        assertThat(apply(f, TreeFixture.create("/a"))).isEmpty();
    }

    @Test
    void childWatchFiresOnceOnChildCreate() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/p");
        f.tree.getChildren("/p", TreeFixture.ANONYMOUS, W);
        assertThat(apply(f, TreeFixture.setData("/p", null))).isEmpty();
        long zxid = f.nextZxid();
        assertThat(apply(f, TreeFixture.create("/p/c")))
                .containsExactly(event(W, WatchEvent.NODE_CHILDREN_CHANGED, "/p", zxid));
        assertThat(apply(f, TreeFixture.create("/p/d"))).isEmpty();
    }

    @Test
    void childWatchFiresOnChildDeleteAndOnOwnDelete() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/p");
        f.mustCreate("/p/c");
        f.tree.getChildren("/p", TreeFixture.ANONYMOUS, W);
        assertThat(apply(f, TreeFixture.delete("/p/c"))).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_CHILDREN_CHANGED);
        f.tree.getChildren("/p", TreeFixture.ANONYMOUS, W);
        assertThat(apply(f, TreeFixture.delete("/p"))).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_DELETED);
    }

    @Test
    void persistentWatchFiresOnEveryEventOfItsPathAndStays() {
        TreeFixture f = new TreeFixture();
        assertThat(f.tree.addWatch("/a", 0, W)).matches(OpResult::ok);
        assertThat(apply(f, TreeFixture.create("/a"))).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_CREATED);
        assertThat(apply(f, TreeFixture.setData("/a", null))).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_DATA_CHANGED);
        assertThat(apply(f, TreeFixture.setData("/a", null))).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_DATA_CHANGED);
        assertThat(apply(f, TreeFixture.create("/a/c"))).extracting(WatchEvent::type, WatchEvent::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WatchEvent.NODE_CHILDREN_CHANGED, "/a"));
        assertThat(apply(f, TreeFixture.setData("/a/c", null))).as("not recursive").isEmpty();
        assertThat(apply(f, TreeFixture.delete("/a/c"))).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_CHILDREN_CHANGED);
        assertThat(apply(f, TreeFixture.delete("/a"))).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_DELETED);
        assertThat(apply(f, TreeFixture.create("/a"))).hasSize(1);
    }

    @Test
    void persistentRecursiveWatchCoversDescendantsButNeverChildrenChanged() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/r");
        assertThat(f.tree.addWatch("/r", 1, W)).matches(OpResult::ok);
        long zxid = f.nextZxid();
        assertThat(apply(f, TreeFixture.create("/r/a")))
                .containsExactly(event(W, WatchEvent.NODE_CREATED, "/r/a", zxid));
        zxid = f.nextZxid();
        assertThat(apply(f, TreeFixture.create("/r/a/b")))
                .containsExactly(event(W, WatchEvent.NODE_CREATED, "/r/a/b", zxid));
        assertThat(apply(f, TreeFixture.setData("/r/a/b", null))).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_DATA_CHANGED);
        assertThat(apply(f, TreeFixture.setData("/r", null))).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.NODE_DATA_CHANGED);
        assertThat(apply(f, TreeFixture.delete("/r/a/b"))).extracting(WatchEvent::type, WatchEvent::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WatchEvent.NODE_DELETED, "/r/a/b"));
        assertThat(apply(f, TreeFixture.create("/rx"))).as("sibling with a common prefix").isEmpty();
        assertThat(apply(f, TreeFixture.create("/other"))).isEmpty();
    }

    @Test
    void recursiveWatchOnRootSeesEverything() {
        TreeFixture f = new TreeFixture();
        f.tree.addWatch("/", 1, W);
        assertThat(apply(f, TreeFixture.create("/x"))).extracting(WatchEvent::path).containsExactly("/x");
        assertThat(apply(f, TreeFixture.create("/x/y"))).extracting(WatchEvent::path).containsExactly("/x/y");
    }

    @Test
    void oneEventPerWatcherPerPathAndType() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/p");
        f.mustCreate("/p/a");
        f.tree.getData("/p/a", TreeFixture.ANONYMOUS, W);
        f.tree.exists("/p/a", TreeFixture.ANONYMOUS, W);
        f.tree.getChildren("/p/a", TreeFixture.ANONYMOUS, W);
        f.tree.addWatch("/p/a", 0, W);
        f.tree.addWatch("/p", 1, W);
        f.tree.addWatch("/", 1, W);
        f.tree.getData("/p/a", TreeFixture.ANONYMOUS, V);
        long zxid = f.nextZxid();
        assertThat(apply(f, TreeFixture.delete("/p/a"))).containsExactlyInAnyOrder(
                event(W, WatchEvent.NODE_DELETED, "/p/a", zxid),
                event(V, WatchEvent.NODE_DELETED, "/p/a", zxid));
    }

    @Test
    void createFiresCreatedOnThePathAndChildrenChangedOnTheParent() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/p");
        f.tree.exists("/p/c", TreeFixture.ANONYMOUS, W);
        f.tree.getChildren("/p", TreeFixture.ANONYMOUS, V);
        long zxid = f.nextZxid();
        assertThat(apply(f, TreeFixture.create("/p/c"))).containsExactly(
                event(W, WatchEvent.NODE_CREATED, "/p/c", zxid),
                event(V, WatchEvent.NODE_CHILDREN_CHANGED, "/p", zxid));
    }

    @Test
    void failedWriteFiresNothingAndKeepsTheWatch() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        f.tree.getData("/a", TreeFixture.ANONYMOUS, W);
        assertThat(apply(f, new TxnOp.SetData("/a", null, 42))).isEmpty();
        assertThat(apply(f, new TxnOp.Error(io.warden.wire.ErrorCode.BADARGUMENTS))).isEmpty();
        assertThat(apply(f, TreeFixture.setData("/a", null))).hasSize(1);
    }
}
