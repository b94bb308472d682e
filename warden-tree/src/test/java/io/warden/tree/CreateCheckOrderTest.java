package io.warden.tree;

import static io.warden.tree.TreeFixture.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import org.junit.jupiter.api.Test;

/**
 * The create checks of wire-protocol.md §4.3, in order. Each request breaks the rule under test
 * and also a later one, so the code returned proves which check runs first.
 */
class CreateCheckOrderTest {
    private static final List<Acl> NO_ACL = List.of();
    private static final long TTL_MAX = 0xFF_FFFF_FFFFL;
    private static final long DEAD_SESSION = 0x0DEAD;

    private static TxnOp.Create op(int opCode, String path, List<Acl> acl, int flags, long ttl) {
        return new TxnOp.Create(opCode, path, new byte[0], acl, flags, ttl);
    }

    @Test
    void step1UnknownFlagsBeforeAclAndParent() {
        TreeFixture f = new TreeFixture(new TreeOptions(true, false));
        assertThat(code(f.result(op(OpCode.CREATE, "/missing/x", NO_ACL, 7, -1)))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(op(OpCode.CREATE, "/missing/x", NO_ACL, -1, -1)))).isEqualTo(ErrorCode.BADARGUMENTS);
    }

    @Test
    void step2TtlWhileDisabledBeforeTtlRangeAndAcl() {
        TreeFixture f = new TreeFixture(TreeOptions.DEFAULTS);
        assertThat(code(f.result(op(OpCode.CREATE_TTL, "/t", NO_ACL, 5, 0)))).isEqualTo(ErrorCode.UNIMPLEMENTED);
        assertThat(code(f.result(op(OpCode.CREATE_TTL, "/t", NO_ACL, 6, TTL_MAX + 1))))
                .isEqualTo(ErrorCode.UNIMPLEMENTED);
        assertThat(code(f.result(op(OpCode.CREATE, "/t", NO_ACL, 5, -1)))).isEqualTo(ErrorCode.UNIMPLEMENTED);
    }

    @Test
    void step3TtlOutOfRangeBeforeAclAndParent() {
        TreeFixture f = new TreeFixture(new TreeOptions(true, false));
        assertThat(code(f.result(op(OpCode.CREATE_TTL, "/missing/t", NO_ACL, 5, 0)))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(op(OpCode.CREATE_TTL, "/missing/t", NO_ACL, 5, -5)))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(op(OpCode.CREATE_TTL, "/missing/t", NO_ACL, 6, TTL_MAX + 1))))
                .isEqualTo(ErrorCode.BADARGUMENTS);
    }

    @Test
    void step3TtlLimitsAreInclusive() {
        TreeFixture f = new TreeFixture(new TreeOptions(true, false));
        assertThat(f.result(op(OpCode.CREATE_TTL, "/max", Acl.OPEN_ACL_UNSAFE, 5, TTL_MAX))).matches(OpResult::ok);
        assertThat(f.result(op(OpCode.CREATE_TTL, "/one", Acl.OPEN_ACL_UNSAFE, 5, 1))).matches(OpResult::ok);
        assertThat(f.stat("/max").ephemeralOwner()).isZero();
    }

    @Test
    void step3TtlFlagThroughPlainCreateCountsAsTtlMinusOne() {
        TreeFixture f = new TreeFixture(new TreeOptions(true, false));
        for (int opCode : new int[] {OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER}) {
            assertThat(code(f.result(op(opCode, "/missing/t", NO_ACL, 5, -1)))).as("op %d", opCode)
                    .isEqualTo(ErrorCode.BADARGUMENTS);
        }
    }

    @Test
    void step3NonTtlModeThroughCreateTtlIsRejected() {
        TreeFixture f = new TreeFixture(new TreeOptions(true, false));
        assertThat(code(f.result(op(OpCode.CREATE_TTL, "/missing/x", NO_ACL, 0, 1000))))
                .isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(op(OpCode.CREATE_TTL, "/x", Acl.OPEN_ACL_UNSAFE, 0, -1))))
                .as("the input that crashes the reference").isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(f.stat("/x")).isNull();
    }

    @Test
    void containerFlagAndOpcodeMustAgree() {
        TreeFixture f = new TreeFixture();
        assertThat(code(f.result(op(OpCode.CREATE2, "/c", Acl.OPEN_ACL_UNSAFE, 4, -1)))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(op(OpCode.CREATE_CONTAINER, "/c", Acl.OPEN_ACL_UNSAFE, 0, -1))))
                .isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(f.result(op(OpCode.CREATE_CONTAINER, "/c", Acl.OPEN_ACL_UNSAFE, 4, -1))).matches(OpResult::ok);
    }

    @Test
    void step4PathWithoutSlashOrWithNulBeforeAcl() {
        TreeFixture f = new TreeFixture();
        assertThat(code(f.result(op(OpCode.CREATE, "noslash", NO_ACL, 0, -1)))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(op(OpCode.CREATE, "/a\u0000b", NO_ACL, 0, -1)))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(op(OpCode.CREATE, "", NO_ACL, 0, -1)))).isEqualTo(ErrorCode.BADARGUMENTS);
    }

    @Test
    void step5InvalidAclBeforeMissingParent() {
        TreeFixture f = new TreeFixture();
        assertThat(code(f.result(op(OpCode.CREATE, "/missing/x", NO_ACL, 0, -1)))).isEqualTo(ErrorCode.INVALIDACL);
        assertThat(code(f.result(op(OpCode.CREATE, "/missing/x", null, 0, -1)))).isEqualTo(ErrorCode.INVALIDACL);
        assertThat(code(f.result(op(OpCode.CREATE, "/missing/x", Acl.CREATOR_ALL_ACL, 0, -1))))
                .as("auth with no authenticated identity").isEqualTo(ErrorCode.INVALIDACL);
    }

    @Test
    void step6MissingParentBeforePathValidation() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        assertThat(code(f.result(TreeFixture.create("/a/./b")))).isEqualTo(ErrorCode.NONODE);
        assertThat(code(f.result(TreeFixture.create("/missing/x\u0001")))).isEqualTo(ErrorCode.NONODE);
    }

    @Test
    void step7NoCreatePermissionBeforePathValidationAndExistence() {
        TreeFixture f = new TreeFixture();
        f.mustSucceed(TreeFixture.createWithAcl("/r", Acl.READ_ACL_UNSAFE));
        assertThat(f.apply(0, TreeFixture.SUPER, TreeFixture.create("/r/x")).result()).matches(OpResult::ok);
        assertThat(code(f.result(TreeFixture.create("/r/")))).isEqualTo(ErrorCode.NOAUTH);
        assertThat(code(f.result(TreeFixture.create("/r/x")))).isEqualTo(ErrorCode.NOAUTH);
    }

    @Test
    void step8InvalidFinalPathBeforeEphemeralParent() {
        TreeFixture f = new TreeFixture();
        f.openSession(1);
        f.mustCreate(1, "/e", 1);
        assertThat(code(f.result(TreeFixture.create("/e/")))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(TreeFixture.create("/e/x\u0001")))).isEqualTo(ErrorCode.BADARGUMENTS);
        assertThat(code(f.result(TreeFixture.create("/e/.")))).isEqualTo(ErrorCode.BADARGUMENTS);
    }

    @Test
    void step9ExistingNodeBeforeSessionCheck() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        OpResult result = f.apply(DEAD_SESSION, TreeFixture.ANONYMOUS, TreeFixture.create("/a", 1)).result();
        assertThat(code(result)).isEqualTo(ErrorCode.NODEEXISTS);
    }

    @Test
    void step10EphemeralParentBeforeSessionCheck() {
        TreeFixture f = new TreeFixture();
        f.openSession(1);
        f.mustCreate(1, "/e", 1);
        OpResult result = f.apply(DEAD_SESSION, TreeFixture.ANONYMOUS, TreeFixture.create("/e/c", 1)).result();
        assertThat(code(result)).isEqualTo(ErrorCode.NOCHILDRENFOREPHEMERALS);
        assertThat(code(f.result(TreeFixture.create("/e/p")))).isEqualTo(ErrorCode.NOCHILDRENFOREPHEMERALS);
    }

    @Test
    void containersAndTtlNodesMayHaveChildren() {
        TreeFixture f = new TreeFixture(new TreeOptions(true, false));
        f.mustSucceed(op(OpCode.CREATE_CONTAINER, "/c", Acl.OPEN_ACL_UNSAFE, 4, -1));
        f.mustSucceed(op(OpCode.CREATE_TTL, "/t", Acl.OPEN_ACL_UNSAFE, 5, 1000));
        f.mustCreate("/c/x");
        f.mustCreate("/t/x");
        assertThat(f.stat("/c").ephemeralOwner()).isZero();
        assertThat(f.stat("/t").ephemeralOwner()).isZero();
    }

    @Test
    void ephemeralForAClosedSessionIsRefused() {
        TreeFixture f = new TreeFixture();
        OpResult result = f.apply(DEAD_SESSION, TreeFixture.ANONYMOUS, TreeFixture.create("/e", 1)).result();
        assertThat(result).isInstanceOf(OpResult.Failed.class);
        assertThat(f.stat("/e")).isNull();
    }
}
