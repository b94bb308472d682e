package io.warden.tree;

import static io.warden.tree.TreeFixture.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.Perms;
import org.junit.jupiter.api.Test;

/** Error codes and their order for delete, deleteContainer, setData, setACL and check (§4.3). */
class WriteErrorsTest {
    private static final List<Acl> READ_CREATE = List.of(new Acl(Perms.READ | Perms.CREATE, Id.ANYONE));

    private static OpResult checkAlone(TreeFixture f, String path, int version) {
        OpResult result = f.result(new TxnOp.Multi(List.of(new TxnOp.Check(path, version))));
        return ((OpResult.MultiResult) result).results().get(0);
    }

    @Test
    void deleteOfBuiltInOrMalformedPathIsBadArguments() {
        TreeFixture f = new TreeFixture();
        for (String path : new String[] {"/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config", "noslash",
                "/a\u0000"}) {
            assertThat(code(f.result(TreeFixture.delete(path)))).as(path).isEqualTo(ErrorCode.BADARGUMENTS);
        }
        assertThat(f.stat("/zookeeper/config")).isNotNull();
    }

    @Test
    void deleteOfMissingNodeOrParentIsNoNode() {
        TreeFixture f = new TreeFixture();
        assertThat(code(f.result(TreeFixture.delete("/nope")))).isEqualTo(ErrorCode.NONODE);
        assertThat(code(f.result(TreeFixture.delete("/missing/x")))).isEqualTo(ErrorCode.NONODE);
    }

    @Test
    void deleteNeedsDeleteOnTheParentCheckedBeforeTheNodeExists() {
        TreeFixture f = new TreeFixture();
        f.mustSucceed(TreeFixture.createWithAcl("/r", READ_CREATE));
        f.mustCreate("/r/x");
        assertThat(code(f.result(TreeFixture.delete("/r/x")))).isEqualTo(ErrorCode.NOAUTH);
        assertThat(code(f.result(TreeFixture.delete("/r/missing")))).isEqualTo(ErrorCode.NOAUTH);
        assertThat(f.stat("/r/x")).isNotNull();
    }

    @Test
    void deleteChecksTheVersionBeforeChildren() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/p");
        f.mustCreate("/p/c");
        assertThat(code(f.result(new TxnOp.Delete("/p", 5, false)))).isEqualTo(ErrorCode.BADVERSION);
        assertThat(code(f.result(new TxnOp.Delete("/p", 0, false)))).isEqualTo(ErrorCode.NOTEMPTY);
        assertThat(code(f.result(new TxnOp.Delete("/p", -1, false)))).isEqualTo(ErrorCode.NOTEMPTY);
    }

    @Test
    void deleteWithTheCurrentVersionSucceeds() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/n");
        f.mustSucceed(TreeFixture.setData("/n", new byte[] {1}));
        assertThat(code(f.result(new TxnOp.Delete("/n", 0, false)))).isEqualTo(ErrorCode.BADVERSION);
        assertThat(f.result(new TxnOp.Delete("/n", 1, false))).isEqualTo(new OpResult.Deleted());
        assertThat(f.stat("/n")).isNull();
    }

    @Test
    void deleteContainerErrors() {
        TreeFixture f = new TreeFixture();
        f.openSession(9);
        f.mustCreate(9, "/e", 1);
        f.mustCreate("/full");
        f.mustCreate("/full/c");
        assertThat(code(f.result(new TxnOp.Delete("/nope", -1, true)))).isEqualTo(ErrorCode.NONODE);
        assertThat(code(f.result(new TxnOp.Delete("/full", -1, true)))).isEqualTo(ErrorCode.NOTEMPTY);
        assertThat(code(f.result(new TxnOp.Delete("/e", -1, true)))).isEqualTo(ErrorCode.BADVERSION);
        assertThat(f.result(new TxnOp.Delete("/full/c", -1, true))).isEqualTo(new OpResult.Deleted());
    }

    @Test
    void aClientsDeleteContainerNeedsDeleteOnTheParentAndFollowsZooKeepersRules() {
        TreeFixture f = new TreeFixture();
        f.openSession(9);
        f.mustSucceed(TreeFixture.createWithAcl("/locked", List.of(new Acl(Perms.ALL & ~Perms.DELETE, Id.ANYONE))));
        f.mustCreate("/locked/empty");
        f.mustCreate("/open");
        f.mustCreate("/open/persistent");
        f.mustCreate("/open/full");
        f.mustCreate("/open/full/c");
        f.mustCreate(9, "/open/e", 1);
        assertThat(code(f.result(new TxnOp.DeleteContainer(null)))).isEqualTo(ErrorCode.MARSHALLINGERROR);
        assertThat(code(f.result(new TxnOp.DeleteContainer("rel")))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(new TxnOp.DeleteContainer("/zookeeper")))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(new TxnOp.DeleteContainer("/gone/x")))).isEqualTo(ErrorCode.NONODE);
        assertThat(code(f.result(new TxnOp.DeleteContainer("/locked/empty")))).as("no DELETE on the parent")
                .isEqualTo(ErrorCode.NOAUTH);
        assertThat(code(f.result(new TxnOp.DeleteContainer("/open/missing")))).isEqualTo(ErrorCode.NONODE);
        assertThat(code(f.result(new TxnOp.DeleteContainer("/open/full")))).isEqualTo(ErrorCode.NOTEMPTY);
        assertThat(code(f.result(new TxnOp.DeleteContainer("/open/e")))).isEqualTo(ErrorCode.BADVERSION);
        assertThat(f.result(new TxnOp.DeleteContainer("/open/persistent"))).as("as in ZooKeeper, any empty node")
                .isEqualTo(new OpResult.Deleted());
        assertThat(f.stat("/locked/empty")).isNotNull();
    }

    @Test
    void writesWithoutAPathFailAsInZooKeeper() {
        TreeFixture f = new TreeFixture();
        assertThat(code(f.result(TreeFixture.create(null)))).isEqualTo(ErrorCode.MARSHALLINGERROR);
        assertThat(code(f.result(TreeFixture.create(null, 99)))).as("flags first").isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(new TxnOp.Delete(null, -1, false)))).isEqualTo(ErrorCode.MARSHALLINGERROR);
        assertThat(code(f.result(new TxnOp.Delete(null, -1, true)))).isEqualTo(ErrorCode.MARSHALLINGERROR);
        assertThat(code(f.result(new TxnOp.SetData(null, null, -1)))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(new TxnOp.SetAcl(null, Acl.OPEN_ACL_UNSAFE, -1)))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(f.result(new TxnOp.Multi(List.of(TreeFixture.create("/ok"), new TxnOp.Delete(null, -1, false)))))
                .as("a sub-op that cannot be processed fails the whole multi, without results")
                .isEqualTo(new OpResult.Failed(ErrorCode.MARSHALLINGERROR));
        assertThat(f.stat("/ok")).isNull();
    }

    @Test
    void setDataErrorsInOrder() {
        TreeFixture f = new TreeFixture();
        f.mustSucceed(TreeFixture.createWithAcl("/ro", Acl.READ_ACL_UNSAFE));
        f.mustCreate("/n");
        assertThat(code(f.result(new TxnOp.SetData("/missing/", null, -1)))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(new TxnOp.SetData("noslash", null, -1)))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(new TxnOp.SetData("/missing", null, -1)))).isEqualTo(ErrorCode.NONODE);
        assertThat(code(f.result(new TxnOp.SetData("/ro", null, 7)))).isEqualTo(ErrorCode.NOAUTH);
        assertThat(code(f.result(new TxnOp.SetData("/n", null, 1)))).isEqualTo(ErrorCode.BADVERSION);
        assertThat(f.result(new TxnOp.SetData("/n", null, 0))).matches(OpResult::ok);
        assertThat(f.stat("/n").version()).isEqualTo(1);
    }

    @Test
    void setAclErrorsInOrder() {
        TreeFixture f = new TreeFixture();
        f.mustSucceed(TreeFixture.createWithAcl("/ro", Acl.READ_ACL_UNSAFE));
        f.mustCreate("/n");
        assertThat(code(f.result(new TxnOp.SetAcl("/missing", List.of(), -1)))).isEqualTo(ErrorCode.INVALIDACL);
        assertThat(code(f.result(new TxnOp.SetAcl("/n/", Acl.OPEN_ACL_UNSAFE, -1)))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(new TxnOp.SetAcl("/missing", Acl.OPEN_ACL_UNSAFE, -1)))).isEqualTo(ErrorCode.NONODE);
        assertThat(code(f.result(new TxnOp.SetAcl("/ro", Acl.OPEN_ACL_UNSAFE, 9)))).isEqualTo(ErrorCode.NOAUTH);
        assertThat(code(f.result(new TxnOp.SetAcl("/n", Acl.OPEN_ACL_UNSAFE, 1)))).isEqualTo(ErrorCode.BADVERSION);
    }

    @Test
    void setAclComparesTheAclVersionNotTheDataVersion() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/n");
        f.mustSucceed(TreeFixture.setData("/n", null));
        f.mustSucceed(TreeFixture.setData("/n", null));
        assertThat(code(f.result(new TxnOp.SetAcl("/n", Acl.OPEN_ACL_UNSAFE, 2)))).isEqualTo(ErrorCode.BADVERSION);
        assertThat(f.result(new TxnOp.SetAcl("/n", Acl.OPEN_ACL_UNSAFE, 0))).matches(OpResult::ok);
        assertThat(f.result(new TxnOp.SetAcl("/n", Acl.OPEN_ACL_UNSAFE, 1))).matches(OpResult::ok);
        assertThat(f.stat("/n").aversion()).isEqualTo(2);
        assertThat(f.stat("/n").version()).isEqualTo(2);
    }

    @Test
    void checkErrors() {
        TreeFixture f = new TreeFixture();
        f.mustSucceed(TreeFixture.createWithAcl("/wo", List.of(new Acl(Perms.WRITE, Id.ANYONE))));
        f.mustCreate("/n");
        assertThat(checkAlone(f, "/n/", -1)).isEqualTo(new OpResult.Failed(ErrorCode.BADARGUMENTS));
        assertThat(checkAlone(f, "/missing", -1)).isEqualTo(new OpResult.Failed(ErrorCode.NONODE));
        assertThat(checkAlone(f, "/wo", 3)).isEqualTo(new OpResult.Failed(ErrorCode.NOAUTH));
        assertThat(checkAlone(f, "/n", 3)).isEqualTo(new OpResult.Failed(ErrorCode.BADVERSION));
        assertThat(checkAlone(f, "/n", 0)).isEqualTo(new OpResult.Checked());
        assertThat(checkAlone(f, "/n", -1)).isEqualTo(new OpResult.Checked());
    }

    @Test
    void failedWritesChangeNothingButTheLastZxid() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/n");
        var before = f.snapshot();
        f.result(new TxnOp.SetData("/n", new byte[] {1}, 4));
        f.result(new TxnOp.Delete("/n", 4, false));
        f.result(TreeFixture.create("/n"));
        f.result(new TxnOp.Error(ErrorCode.BADARGUMENTS));
        assertThat(f.snapshot()).isEqualTo(before);
        assertThat(f.tree.lastZxid()).isEqualTo(f.zxid);
    }
}
