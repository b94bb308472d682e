package io.warden.tree;

import static io.warden.tree.TreeFixture.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.tree.acl.Digests;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.Perms;
import org.junit.jupiter.api.Test;

/** ACLs as the tree enforces them on reads and writes (§5.2, getACL and setACL in §4.3). */
class AclEnforcementTest {
    private static final Id ALICE = new Id("digest", Digests.idFor("alice:secret"));
    private static final List<Id> AS_ALICE = List.of(TreeFixture.CLIENT_IP, ALICE);
    private static final List<Id> FROM_LAN = List.of(new Id("ip", "192.168.1.20"));
    private static final List<Id> FROM_WAN = List.of(new Id("ip", "8.8.8.8"));

    private static TreeFixture treeWith(String path, List<Acl> acl) {
        TreeFixture f = new TreeFixture();
        assertThat(f.apply(0, AS_ALICE, TreeFixture.createWithAcl(path, acl)).result()).matches(OpResult::ok);
        return f;
    }

    @Test
    void digestAclAdmitsOnlyTheMatchingCredentials() {
        TreeFixture f = treeWith("/d", List.of(new Acl(Perms.ALL, ALICE)));
        assertThat(f.tree.getData("/d", AS_ALICE, null)).matches(OpResult::ok);
        assertThat(f.tree.getData("/d", TreeFixture.ANONYMOUS, null)).isEqualTo(new OpResult.Failed(ErrorCode.NOAUTH));
        List<Id> wrongPassword = List.of(new Id("digest", Digests.idFor("alice:guess")));
        assertThat(f.tree.getData("/d", wrongPassword, null)).isEqualTo(new OpResult.Failed(ErrorCode.NOAUTH));
        assertThat(code(f.apply(0, TreeFixture.ANONYMOUS, TreeFixture.setData("/d", null)).result()))
                .isEqualTo(ErrorCode.NOAUTH);
        assertThat(f.apply(0, AS_ALICE, TreeFixture.setData("/d", null)).result()).matches(OpResult::ok);
    }

    @Test
    void ipAclWithCidrMatchesTheClientAddress() {
        TreeFixture f = treeWith("/lan", List.of(new Acl(Perms.READ, new Id("ip", "192.168.0.0/16"))));
        assertThat(f.tree.getData("/lan", FROM_LAN, null)).matches(OpResult::ok);
        assertThat(f.tree.getChildren("/lan", FROM_WAN, null)).isEqualTo(new OpResult.Failed(ErrorCode.NOAUTH));
    }

    @Test
    void permissionBitsAreCheckedSeparately() {
        TreeFixture f = treeWith("/w", List.of(new Acl(Perms.WRITE, Id.ANYONE)));
        assertThat(f.result(TreeFixture.setData("/w", null))).matches(OpResult::ok);
        assertThat(f.tree.getData("/w", TreeFixture.ANONYMOUS, null)).isEqualTo(new OpResult.Failed(ErrorCode.NOAUTH));
        assertThat(code(f.result(TreeFixture.create("/w/child")))).isEqualTo(ErrorCode.NOAUTH);
    }

    @Test
    void existsNeedsReadOnlyWhenTheNodeExists() {
        TreeFixture f = treeWith("/d", List.of(new Acl(Perms.ALL, ALICE)));
        assertThat(f.tree.exists("/d", TreeFixture.ANONYMOUS, null)).isEqualTo(new OpResult.Failed(ErrorCode.NOAUTH));
        assertThat(f.tree.exists("/d/none", TreeFixture.ANONYMOUS, null))
                .isEqualTo(new OpResult.Failed(ErrorCode.NONODE));
    }

    @Test
    void superPassesEveryAcl() {
        TreeFixture f = treeWith("/d", List.of(new Acl(Perms.READ, ALICE)));
        assertThat(f.tree.getData("/d", TreeFixture.SUPER, null)).matches(OpResult::ok);
        assertThat(f.apply(0, TreeFixture.SUPER, TreeFixture.setData("/d", null)).result()).matches(OpResult::ok);
        assertThat(f.apply(0, TreeFixture.SUPER, TreeFixture.create("/d/c")).result()).matches(OpResult::ok);
    }

    @Test
    void authSchemeIsReplacedByTheCreatorsIdentities() {
        TreeFixture f = new TreeFixture();
        assertThat(f.apply(0, AS_ALICE, TreeFixture.createWithAcl("/mine", Acl.CREATOR_ALL_ACL)).result())
                .matches(OpResult::ok);
        OpResult.AclResult acl = (OpResult.AclResult) f.tree.getAcl("/mine", AS_ALICE);
        assertThat(acl.acl()).containsExactly(new Acl(Perms.ALL, ALICE));
        assertThat(f.tree.getData("/mine", TreeFixture.ANONYMOUS, null))
                .isEqualTo(new OpResult.Failed(ErrorCode.NOAUTH));
    }

    @Test
    void authSchemeWithoutCredentialsIsInvalidAcl() {
        TreeFixture f = new TreeFixture();
        assertThat(code(f.result(TreeFixture.createWithAcl("/mine", Acl.CREATOR_ALL_ACL))))
                .isEqualTo(ErrorCode.INVALIDACL);
        f.mustCreate("/n");
        assertThat(code(f.result(new TxnOp.SetAcl("/n", Acl.CREATOR_ALL_ACL, -1)))).isEqualTo(ErrorCode.INVALIDACL);
    }

    @Test
    void malformedIdsAreInvalidAcl() {
        TreeFixture f = new TreeFixture();
        List<List<Acl>> invalid = List.of(
                List.of(),
                List.of(new Acl(Perms.ALL, new Id("digest", "nocolon"))),
                List.of(new Acl(Perms.ALL, new Id("ip", "300.1.1.1"))),
                List.of(new Acl(Perms.ALL, new Id("nosuchscheme", "x"))),
                List.of(new Acl(Perms.READ, Id.ANYONE), new Acl(Perms.ALL, new Id("world", "nobody"))));
        for (List<Acl> acl : invalid) {
            assertThat(code(f.result(TreeFixture.createWithAcl("/bad", acl)))).as("%s", acl)
                    .isEqualTo(ErrorCode.INVALIDACL);
        }
        assertThat(f.stat("/bad")).isNull();
    }

    @Test
    void getAclMasksDigestsForCallersWithoutAdmin() {
        TreeFixture f = treeWith("/d", List.of(new Acl(Perms.READ, Id.ANYONE), new Acl(Perms.ALL, ALICE)));
        OpResult.AclResult masked = (OpResult.AclResult) f.tree.getAcl("/d", TreeFixture.ANONYMOUS);
        assertThat(masked.acl()).containsExactly(new Acl(Perms.READ, Id.ANYONE),
                new Acl(Perms.ALL, new Id("digest", "alice:x")));
        OpResult.AclResult full = (OpResult.AclResult) f.tree.getAcl("/d", AS_ALICE);
        assertThat(full.acl()).containsExactly(new Acl(Perms.READ, Id.ANYONE), new Acl(Perms.ALL, ALICE));
        assertThat(full.stat()).isEqualTo(f.stat("/d"));
    }

    @Test
    void getAclNeedsReadOrAdmin() {
        TreeFixture f = treeWith("/adm", List.of(new Acl(Perms.ADMIN, Id.ANYONE), new Acl(Perms.READ, ALICE)));
        assertThat(f.tree.getAcl("/adm", TreeFixture.ANONYMOUS)).matches(OpResult::ok);
        f.apply(0, AS_ALICE, TreeFixture.createWithAcl("/w", List.of(new Acl(Perms.WRITE, Id.ANYONE))));
        assertThat(f.tree.getAcl("/w", TreeFixture.ANONYMOUS)).isEqualTo(new OpResult.Failed(ErrorCode.NOAUTH));
        assertThat(f.tree.getAcl("/missing", TreeFixture.ANONYMOUS)).isEqualTo(new OpResult.Failed(ErrorCode.NONODE));
    }

    @Test
    void setAclNeedsAdminAndReplacesTheList() {
        TreeFixture f = treeWith("/n", List.of(new Acl(Perms.READ | Perms.WRITE, Id.ANYONE), new Acl(Perms.ALL, ALICE)));
        assertThat(code(f.result(new TxnOp.SetAcl("/n", Acl.OPEN_ACL_UNSAFE, -1)))).isEqualTo(ErrorCode.NOAUTH);
        assertThat(f.apply(0, AS_ALICE, new TxnOp.SetAcl("/n", Acl.READ_ACL_UNSAFE, -1)).result())
                .matches(OpResult::ok);
        assertThat(((OpResult.AclResult) f.tree.getAcl("/n", AS_ALICE)).acl()).isEqualTo(Acl.READ_ACL_UNSAFE);
        assertThat(code(f.apply(0, AS_ALICE, TreeFixture.setData("/n", null)).result())).isEqualTo(ErrorCode.NOAUTH);
    }
}
