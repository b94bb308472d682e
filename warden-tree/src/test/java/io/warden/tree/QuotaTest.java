package io.warden.tree;

import static io.warden.tree.TreeFixture.code;
import static io.warden.tree.TreeFixture.createData;
import static io.warden.tree.TreeFixture.delete;
import static io.warden.tree.TreeFixture.setData;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.warden.wire.ErrorCode;

/** Quotas kept in /zookeeper/quota: usage tracking, hard limits when enforced, soft limits counted. */
class QuotaTest {
    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String data(TreeFixture f, String path) {
        return new String(((OpResult.DataResult) f.tree.getData(path, TreeFixture.SUPER, null)).data(),
                StandardCharsets.UTF_8);
    }

    /** /app with one child of 3 bytes, and a quota on /app with the given limits text. */
    private static TreeFixture withQuota(boolean enforce, String limits) {
        TreeFixture f = new TreeFixture(new TreeOptions(false, enforce));
        f.mustCreate("/app");
        f.mustSucceed(createData("/app/a", text("abc")));
        f.mustCreate("/zookeeper/quota/app");
        f.mustSucceed(createData("/zookeeper/quota/app/zookeeper_limits", text(limits)));
        f.mustSucceed(createData("/zookeeper/quota/app/zookeeper_stats", text("count=0,bytes=0")));
        return f;
    }

    @Test
    void statsNodeIsFilledWithTheSubtreeUsageAndFollowsChanges() {
        TreeFixture f = withQuota(false, "count=10,bytes=100");
        assertThat(data(f, "/zookeeper/quota/app/zookeeper_stats")).isEqualTo("count=2,bytes=3");
        f.mustSucceed(createData("/app/b", text("12345")));
        assertThat(data(f, "/zookeeper/quota/app/zookeeper_stats")).isEqualTo("count=3,bytes=8");
        f.mustSucceed(setData("/app/a", text("a")));
        assertThat(data(f, "/zookeeper/quota/app/zookeeper_stats")).isEqualTo("count=3,bytes=6");
        f.mustSucceed(delete("/app/b"));
        assertThat(data(f, "/zookeeper/quota/app/zookeeper_stats")).isEqualTo("count=2,bytes=1");
        f.mustSucceed(createData("/other", text("zzzz")));
        assertThat(data(f, "/zookeeper/quota/app/zookeeper_stats")).isEqualTo("count=2,bytes=1");
    }

    @Test
    void enforcedCountHardLimitRefusesTheCreateBeyondIt() {
        TreeFixture f = withQuota(true, "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=3");
        f.mustSucceed(createData("/app/b", text("")));
        assertThat(code(f.result(createData("/app/c", text(""))))).isEqualTo(ErrorCode.QUOTAEXCEEDED);
        assertThat(f.stat("/app/c")).isNull();
        assertThat(data(f, "/zookeeper/quota/app/zookeeper_stats")).isEqualTo("count=3,bytes=3");
    }

    @Test
    void enforcedByteHardLimitRefusesTheSetDataBeyondIt() {
        TreeFixture f = withQuota(true, "count=-1,bytes=-1=;byteHardLimit=5;countHardLimit=-1");
        f.mustSucceed(setData("/app/a", text("abcde")));
        assertThat(code(f.result(setData("/app/a", text("abcdef"))))).isEqualTo(ErrorCode.QUOTAEXCEEDED);
        assertThat(data(f, "/app/a")).isEqualTo("abcde");
    }

    @Test
    void hardLimitsAreNotEnforcedUnlessEnforceQuotaIsOn() {
        TreeFixture f = withQuota(false, "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=2");
        f.mustSucceed(createData("/app/b", text("")));
        assertThat(data(f, "/zookeeper/quota/app/zookeeper_stats")).isEqualTo("count=3,bytes=3");
    }

    @Test
    void softLimitsNeverRefuseButAreCounted() {
        TreeFixture f = withQuota(true, "count=2,bytes=-1");
        assertThat(f.tree.quotaLimitExceededCount()).isZero();
        f.mustSucceed(createData("/app/b", text("")));
        assertThat(f.tree.quotaLimitExceededCount()).isEqualTo(1);
    }

    @Test
    void deletingTheLimitsNodeEndsTheQuota() {
        TreeFixture f = withQuota(true, "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=2");
        f.mustSucceed(delete("/zookeeper/quota/app/zookeeper_limits"));
        f.mustSucceed(createData("/app/b", text("")));
        assertThat(f.stat("/app/b")).isNotNull();
    }

    @Test
    void aFailedMultiRestoresTheUsage() {
        TreeFixture f = withQuota(false, "count=10,bytes=100");
        OpResult result = f.result(new TxnOp.Multi(List.of(createData("/app/b", text("xy")),
                delete("/app/missing"))));
        assertThat(((OpResult.MultiResult) result).results()).allMatch(r -> r instanceof OpResult.Failed);
        assertThat(data(f, "/zookeeper/quota/app/zookeeper_stats")).isEqualTo("count=2,bytes=3");
    }
}
