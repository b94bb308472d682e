package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.warden.wire.ErrorCode;
import org.junit.jupiter.api.Test;

/** multi applies all or nothing, and reports OK / the code / RUNTIMEINCONSISTENCY per op (§4.4). */
class MultiAtomicityTest {
    private static final long SESSION = 5;
    private static final long DATA_WATCHER = 101;
    private static final long CHILD_WATCHER = 102;
    private static final long EXIST_WATCHER = 103;
    private static final long RECURSIVE_WATCHER = 104;

    private static TreeFixture watchedTree() {
        TreeFixture f = new TreeFixture();
        f.openSession(SESSION);
        f.mustSucceed(TreeFixture.createData("/a", new byte[] {1}));
        f.mustCreate("/p");
        f.mustCreate("/p/old");
        f.mustCreate(SESSION, "/p/eph", 1);
        f.tree.getData("/a", TreeFixture.ANONYMOUS, DATA_WATCHER);
        f.tree.getChildren("/p", TreeFixture.ANONYMOUS, CHILD_WATCHER);
        f.tree.exists("/new", TreeFixture.ANONYMOUS, EXIST_WATCHER);
        f.tree.addWatch("/", 1, RECURSIVE_WATCHER);
        return f;
    }

    private static List<TxnOp> opsFailingAt(String failingCheckPath, int failingVersion) {
        return List.of(
                TreeFixture.create("/p/s-", 2),
                TreeFixture.create("/new", 1),
                TreeFixture.setData("/a", new byte[] {2, 2}),
                TreeFixture.delete("/p/old"),
                new TxnOp.Check(failingCheckPath, failingVersion),
                TreeFixture.create("/z"));
    }

    @Test
    void failingOpRollsBackEveryEarlierOp() {
        TreeFixture f = watchedTree();
        Map<String, String> before = f.snapshot();
        List<String> ephemeralsBefore = f.tree.ephemeralsOf(SESSION);

        TreeResult result = f.apply(SESSION, TreeFixture.ANONYMOUS, new TxnOp.Multi(opsFailingAt("/a", 99)));

        assertThat(result.result()).isEqualTo(new OpResult.MultiResult(List.of(
                new OpResult.Failed(ErrorCode.OK),
                new OpResult.Failed(ErrorCode.OK),
                new OpResult.Failed(ErrorCode.OK),
                new OpResult.Failed(ErrorCode.OK),
                new OpResult.Failed(ErrorCode.BADVERSION),
                new OpResult.Failed(ErrorCode.RUNTIMEINCONSISTENCY))));
        assertThat(result.events()).isEmpty();
        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(f.tree.ephemeralsOf(SESSION)).isEqualTo(ephemeralsBefore);
        assertThat(f.tree.ephemeralCount()).isEqualTo(1);
        assertThat(f.tree.lastZxid()).isEqualTo(f.zxid);
    }

    @Test
    void rolledBackMultiLeavesWatchesArmed() {
        TreeFixture f = watchedTree();
        f.apply(SESSION, TreeFixture.ANONYMOUS, new TxnOp.Multi(opsFailingAt("/a", 99)));

        assertThat(f.apply(TreeFixture.setData("/a", null)).events()).extracting(WatchEvent::watcherId)
                .containsExactlyInAnyOrder(DATA_WATCHER, RECURSIVE_WATCHER);
        assertThat(f.apply(TreeFixture.create("/new")).events()).extracting(WatchEvent::watcherId)
                .containsExactlyInAnyOrder(EXIST_WATCHER, RECURSIVE_WATCHER);
        assertThat(f.apply(TreeFixture.create("/p/x")).events()).extracting(WatchEvent::watcherId)
                .containsExactlyInAnyOrder(CHILD_WATCHER, RECURSIVE_WATCHER);
    }

    @Test
    void rolledBackSequentialCreateDoesNotUseUpItsSuffix() {
        TreeFixture f = watchedTree();
        int cversion = f.stat("/p").cversion();
        f.apply(SESSION, TreeFixture.ANONYMOUS, new TxnOp.Multi(opsFailingAt("/a", 99)));
        assertThat(f.stat("/p").cversion()).isEqualTo(cversion);
        assertThat(f.mustCreate(0, "/p/s-", 2)).isEqualTo("/p/s-0000000002");
    }

    @Test
    void firstOpFailingMarksTheRestRuntimeInconsistency() {
        TreeFixture f = new TreeFixture();
        OpResult result = f.result(new TxnOp.Multi(List.of(
                TreeFixture.delete("/missing"), TreeFixture.create("/x"), TreeFixture.create("/y"))));
        assertThat(result).isEqualTo(new OpResult.MultiResult(List.of(
                new OpResult.Failed(ErrorCode.NONODE),
                new OpResult.Failed(ErrorCode.RUNTIMEINCONSISTENCY),
                new OpResult.Failed(ErrorCode.RUNTIMEINCONSISTENCY))));
        assertThat(f.stat("/x")).isNull();
    }

    @Test
    void referenceProbeExample() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        OpResult result = f.result(new TxnOp.Multi(List.of(
                TreeFixture.create("/m1"), TreeFixture.delete("/missing"), TreeFixture.setData("/a", null))));
        assertThat(result).isEqualTo(new OpResult.MultiResult(List.of(
                new OpResult.Failed(ErrorCode.OK),
                new OpResult.Failed(ErrorCode.NONODE),
                new OpResult.Failed(ErrorCode.RUNTIMEINCONSISTENCY))));
        assertThat(f.stat("/m1")).isNull();
        assertThat(f.stat("/a").version()).isZero();
    }

    @Test
    void laterOpsSeeEarlierOpsOfTheSameMulti() {
        TreeFixture f = new TreeFixture();
        long zxid = f.nextZxid();
        TreeResult result = f.apply(new TxnOp.Multi(List.of(
                TreeFixture.create("/m"),
                TreeFixture.create("/m/c"),
                new TxnOp.SetData("/m/c", new byte[] {9}, 0),
                new TxnOp.Check("/m/c", 1),
                new TxnOp.Delete("/m/c", 1, false))));
        List<OpResult> results = ((OpResult.MultiResult) result.result()).results();
        assertThat(results).hasSize(5).allMatch(OpResult::ok);
        assertThat(results.get(0)).isInstanceOf(OpResult.Created.class);
        assertThat(results.get(2)).isInstanceOf(OpResult.StatResult.class);
        assertThat(results.get(3)).isEqualTo(new OpResult.Checked());
        assertThat(results.get(4)).isEqualTo(new OpResult.Deleted());
        assertThat(f.children("/m")).isEmpty();
        assertThat(f.stat("/m").pzxid()).isEqualTo(zxid);
        assertThat(f.stat("/m").cversion()).isEqualTo(2);
    }

    @Test
    void successfulMultiFiresEventsWithItsZxid() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        f.tree.getData("/a", TreeFixture.ANONYMOUS, DATA_WATCHER);
        f.tree.exists("/b", TreeFixture.ANONYMOUS, EXIST_WATCHER);
        long zxid = f.nextZxid();
        TreeResult result = f.apply(new TxnOp.Multi(List.of(
                TreeFixture.setData("/a", null), TreeFixture.create("/b"))));
        assertThat(result.events()).containsExactly(
                new WatchEvent(DATA_WATCHER, WatchEvent.NODE_DATA_CHANGED, "/a", zxid),
                new WatchEvent(EXIST_WATCHER, WatchEvent.NODE_CREATED, "/b", zxid));
    }

    @Test
    void emptyMultiSucceedsWithNoResults() {
        TreeFixture f = new TreeFixture();
        assertThat(f.result(new TxnOp.Multi(List.of()))).isEqualTo(new OpResult.MultiResult(List.of()));
    }
}
