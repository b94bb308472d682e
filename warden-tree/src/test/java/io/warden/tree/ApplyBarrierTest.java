package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.OpCode;

/**
 * A transaction that throws while it is applied is undone and failed with MARSHALLINGERROR, the
 * same way on every tree, and the tree goes on. No transaction a client can shape throws (see
 * {@link HostileTransactionsPropertyTest}); these use an identity without a scheme, which only a
 * damaged host could produce, to make the ACL check throw.
 */
class ApplyBarrierTest {
    private static final List<Id> BROKEN = List.of(new Id("ip", "127.0.0.1"), new Id(null, "x"));

    /** "/" and "/open" open to all, "/free" with an empty ACL, which needs no identity check. */
    private static DataTree tree() {
        List<NodeRecord> nodes = List.of(
                new NodeRecord("/", new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                new NodeRecord("/free", new byte[0], List.of(), 1, 1, 0, 0, 1, 0, 0, 0, 0),
                new NodeRecord("/open", new byte[0], Acl.OPEN_ACL_UNSAFE, 2, 2, 0, 0, 2, 0, 0, 0, 0));
        return DataTree.restore(TreeOptions.DEFAULTS, 2, Map.of(), nodes);
    }

    private static Txn txn(long zxid, TxnOp op) {
        return new Txn(zxid, 1_700_000_000_000L, 0x101, 1, BROKEN, op);
    }

    @Test
    void aMultiThatThrowsHalfWayIsUndoneAndFailedEverywhereAlike() {
        TxnOp multi = new TxnOp.Multi(List.of(
                new TxnOp.Create(OpCode.CREATE, "/free/made", new byte[] {1}, Acl.OPEN_ACL_UNSAFE, 0, -1),
                new TxnOp.Create(OpCode.CREATE, "/open/made", new byte[] {2}, Acl.OPEN_ACL_UNSAFE, 0, -1)));
        DataTree first = tree();
        DataTree second = tree();
        long digestBefore = first.digest();

        TreeResult result = first.apply(txn(3, multi));
        TreeResult again = second.apply(txn(3, multi));

        assertThat(result.result()).isEqualTo(new OpResult.Failed(ErrorCode.MARSHALLINGERROR));
        assertThat(result.applyError()).isInstanceOf(NullPointerException.class);
        assertThat(result.events()).isEmpty();
        assertThat(again.result()).isEqualTo(result.result());
        assertThat(first.getData("/free/made", TreeFixture.ANONYMOUS, null))
                .as("the first op's create was undone").isEqualTo(new OpResult.Failed(ErrorCode.NONODE));
        assertThat(first.digest()).isEqualTo(digestBefore).isEqualTo(second.digest());
        assertThat(first.lastZxid()).as("the zxid is used").isEqualTo(3);
        assertThat(first.applyFailures()).isEqualTo(1);
    }

    @Test
    void theTreeGoesOnAfterAFailedTransaction() {
        DataTree tree = tree();
        tree.apply(txn(3, new TxnOp.SetData("/open", new byte[] {9}, -1)));
        TreeResult next = tree.apply(new Txn(4, 1_700_000_000_000L, 0x101, 2, TreeFixture.ANONYMOUS,
                new TxnOp.SetData("/open", new byte[] {9}, -1)));
        assertThat(next.applyError()).isNull();
        assertThat(next.result()).isInstanceOf(OpResult.StatResult.class);
        assertThat(tree.applyFailures()).isEqualTo(1);
    }
}
