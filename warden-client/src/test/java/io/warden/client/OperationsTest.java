package io.warden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.Stat;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.CreateTtlRequest;
import io.warden.wire.proto.GetEphemeralsRequest;
import io.warden.wire.proto.GetEphemeralsResponse;
import io.warden.wire.proto.MultiRequest;
import io.warden.wire.proto.MultiResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How operations are checked, chrooted and turned into requests and results, before any I/O. */
class OperationsTest {
    private static final Stat STAT = new Stat(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1);
    private final Operations operations = new Operations(Chroot.of("/app"), Acl.OPEN_ACL_UNSAFE, 4096);

    @Test
    void invalidPathsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> operations.getData("relative", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relative");
        assertThatThrownBy(() -> operations.create(Op.create("/a/", null, CreateMode.PERSISTENT)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(operations.create(Op.create("/a/", null, CreateMode.PERSISTENT_SEQUENTIAL)).opCode())
                .isEqualTo(OpCode.CREATE2);
    }

    @Test
    void eachModeGetsItsOpCodeAndTheDefaultAcl() {
        Spec<Created> container = operations.create(Op.create("/c", null, CreateMode.CONTAINER));
        assertThat(container.opCode()).isEqualTo(OpCode.CREATE_CONTAINER);
        assertThat(((CreateRequest) container.request()).path()).isEqualTo("/app/c");
        assertThat(((CreateRequest) container.request()).acl()).isEqualTo(Acl.OPEN_ACL_UNSAFE);
        Spec<Created> ttl = operations.create(Op.createWithTtl("/t", null, null, CreateMode.PERSISTENT_WITH_TTL, 5));
        assertThat(ttl.opCode()).isEqualTo(OpCode.CREATE_TTL);
        assertThat(((CreateTtlRequest) ttl.request()).ttl()).isEqualTo(5);
        assertThatThrownBy(() -> Op.createWithTtl("/t", null, null, CreateMode.PERSISTENT, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedMultiNamesTheFirstFailingOpAndKeepsEveryResult() {
        Spec<List<OpResult>> multi = operations.multi(List.of(Op.create("/a", null, CreateMode.PERSISTENT),
                Op.check("/b", 3)));
        assertThat(((MultiRequest) multi.request()).ops()).hasSize(2);
        MultiResponse failed = new MultiResponse(List.of(new MultiResponse.ErrorResult(0),
                new MultiResponse.ErrorResult(ErrorCode.BADVERSION.code())));

        assertThatThrownBy(() -> multi.convert().apply(Outcome.ok(failed, 9)))
                .isInstanceOfSatisfying(WardenException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BADVERSION);
                    assertThat(e.path()).isEqualTo("/b");
                    assertThat(e.results()).hasSize(2);
                });
        MultiResponse applied = new MultiResponse(List.of(new MultiResponse.Create2Result("/app/a", STAT),
                new MultiResponse.CheckResult()));
        assertThat(multi.convert().apply(Outcome.ok(applied, 9))).containsExactly(
                new OpResult.CreateResult("/a", STAT), new OpResult.CheckResult());
    }

    @Test
    void ephemeralsAreChrootedBothWays() {
        Spec<List<String>> all = operations.getEphemerals("/");
        assertThat(((GetEphemeralsRequest) all.request()).prefixPath()).isEqualTo("/app");
        GetEphemeralsResponse response = new GetEphemeralsResponse(List.of("/app/e1", "/apple/e2", "/app/x/e3"));
        assertThat(all.convert().apply(Outcome.ok(response, 1))).containsExactly("/e1", "/x/e3");
    }

    @Test
    void existsTurnsNoNodeIntoNullAndOtherErrorsIntoExceptions() {
        Spec<Stat> exists = operations.exists("/a", null);
        assertThat(exists.convert().apply(Outcome.failed(ErrorCode.NONODE, 1))).isNull();
        assertThatThrownBy(() -> exists.convert().apply(Outcome.failed(ErrorCode.NOAUTH, 1)))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOAUTH));
    }

    @Test
    void aRequestLargerThanTheFrameLimitFailsFast() {
        Spec<Stat> big = operations.setData("/a", new byte[5000], -1);
        assertThatThrownBy(() -> operations.checkedSize(big))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BADARGUMENTS));
    }
}
