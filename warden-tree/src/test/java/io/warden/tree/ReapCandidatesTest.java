package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.warden.wire.Acl;
import io.warden.wire.OpCode;

/** Which containers and TTL nodes the reaper may delete, and when. */
class ReapCandidatesTest {
    private static TxnOp.Create container(String path) {
        return new TxnOp.Create(OpCode.CREATE_CONTAINER, path, new byte[0], Acl.OPEN_ACL_UNSAFE, 4, -1);
    }

    private static TxnOp.Create ttl(String path, long ttlMs) {
        return new TxnOp.Create(OpCode.CREATE_TTL, path, new byte[0], Acl.OPEN_ACL_UNSAFE, 5, ttlMs);
    }

    private static TxnOp.Create plain(String path) {
        return new TxnOp.Create(OpCode.CREATE, path, new byte[0], Acl.OPEN_ACL_UNSAFE, 0, -1);
    }

    @Test
    void aContainerIsDueOnlyOnceItHadAChildAndHasNoneLeft() {
        TreeFixture f = new TreeFixture();
        f.apply(container("/c"));
        assertThat(f.tree.reapCandidates(f.timeMs + 1_000_000, 0, 100)).isEmpty();
        f.apply(plain("/c/x"));
        assertThat(f.tree.reapCandidates(f.timeMs, 0, 100)).isEmpty();
        f.apply(new TxnOp.Delete("/c/x", -1, false));
        assertThat(f.tree.reapCandidates(f.timeMs, 0, 100)).containsExactly("/c");
    }

    @Test
    void aNeverUsedContainerIsDueAfterTheNeverUsedInterval() {
        TreeFixture f = new TreeFixture();
        f.apply(container("/c"));
        long created = f.timeMs;
        assertThat(f.tree.reapCandidates(created + 5000, 5000, 100)).isEmpty();
        assertThat(f.tree.reapCandidates(created + 5001, 5000, 100)).containsExactly("/c");
    }

    @Test
    void aTtlNodeIsDueWhenUnmodifiedForLongerThanItsTtlAndChildless() {
        TreeFixture f = new TreeFixture(new TreeOptions(true, false));
        f.apply(ttl("/t", 3000));
        long modified = f.timeMs;
        assertThat(f.tree.reapCandidates(modified + 3000, 0, 100)).isEmpty();
        assertThat(f.tree.reapCandidates(modified + 3001, 0, 100)).containsExactly("/t");
        f.apply(plain("/t/child"));
        assertThat(f.tree.reapCandidates(modified + 100_000, 0, 100)).isEmpty();
    }

    @Test
    void candidatesComeInPathOrderUpToTheLimit() {
        TreeFixture f = new TreeFixture();
        for (String path : new String[] {"/c3", "/c1", "/c2"}) {
            f.apply(container(path));
            f.apply(plain(path + "/x"));
            f.apply(new TxnOp.Delete(path + "/x", -1, false));
        }
        assertThat(f.tree.reapCandidates(f.timeMs, 0, 2)).containsExactly("/c1", "/c2");
    }

    @Test
    void deleteContainerRemovesADueContainerAndRefusesOneThatGotAChild() {
        TreeFixture f = new TreeFixture();
        f.apply(container("/c"));
        f.apply(plain("/c/x"));
        assertThat(f.result(new TxnOp.Delete("/c", -1, true))).isEqualTo(new OpResult.Failed(
                io.warden.wire.ErrorCode.NOTEMPTY));
        f.apply(new TxnOp.Delete("/c/x", -1, false));
        assertThat(f.result(new TxnOp.Delete("/c", -1, true))).isInstanceOf(OpResult.Deleted.class);
        assertThat(f.tree.reapCandidates(f.timeMs, 0, 100)).isEmpty();
    }
}
