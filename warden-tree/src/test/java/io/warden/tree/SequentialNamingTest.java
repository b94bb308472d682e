package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.wire.ErrorCode;
import org.junit.jupiter.api.Test;

/** Sequential suffixes come from the parent's child-create counter; cversion is a different number (§5.4). */
class SequentialNamingTest {

    @Test
    void firstChildGetsTenZeroes() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/b");
        assertThat(f.mustCreate(0, "/b/s-", 2)).isEqualTo("/b/s-0000000000");
    }

    @Test
    void trailingSlashIsAllowedForSequentialNodes() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/x");
        assertThat(f.mustCreate(0, "/x/", 2)).isEqualTo("/x/0000000000");
    }

    @Test
    void suffixCountsEveryCreateUnderTheParentNotOnlySequentialOnes() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/b");
        f.mustCreate("/b/plain1");
        f.mustCreate("/b/plain2");
        assertThat(f.mustCreate(0, "/b/s-", 2)).isEqualTo("/b/s-0000000002");
    }

    @Test
    void afterThreeCreatesOneDeleteAndOneCreateTheSuffixIsFourAndCversionFive() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/b");
        assertThat(f.mustCreate(0, "/b/s-", 2)).isEqualTo("/b/s-0000000000");
        assertThat(f.mustCreate(0, "/b/s-", 2)).isEqualTo("/b/s-0000000001");
        assertThat(f.mustCreate(0, "/b/s-", 2)).isEqualTo("/b/s-0000000002");
        f.mustSucceed(TreeFixture.delete("/b/s-0000000001"));
        assertThat(f.mustCreate(0, "/b/s-", 2)).isEqualTo("/b/s-0000000003");

        assertThat(f.stat("/b").cversion()).isEqualTo(5);
        assertThat(f.stat("/b").numChildren()).isEqualTo(3);
        assertThat(f.mustCreate(0, "/b/s-", 2)).isEqualTo("/b/s-0000000004");
    }

    @Test
    void deletesDoNotRewindTheCounter() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/b");
        String first = f.mustCreate(0, "/b/s-", 2);
        f.mustSucceed(TreeFixture.delete(first));
        assertThat(f.mustCreate(0, "/b/s-", 2)).isEqualTo("/b/s-0000000001");
        assertThat(f.stat("/b").cversion()).isEqualTo(3);
    }

    @Test
    void failedCreateDoesNotAdvanceTheCounter() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/b");
        f.mustCreate("/b/x");
        assertThat(TreeFixture.code(f.result(TreeFixture.create("/b/x")))).isEqualTo(ErrorCode.NODEEXISTS);
        assertThat(f.mustCreate(0, "/b/s-", 2)).isEqualTo("/b/s-0000000001");
    }

    @Test
    void ephemeralSequentialUsesTheSameCounter() {
        TreeFixture f = new TreeFixture();
        f.openSession(7);
        f.mustCreate("/b");
        assertThat(f.mustCreate(7, "/b/e-", 3)).isEqualTo("/b/e-0000000000");
        assertThat(f.mustCreate(0, "/b/p-", 2)).isEqualTo("/b/p-0000000001");
    }

    @Test
    void sequentialNameCollidingWithAnExistingNodeIsNodeExists() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/b");
        f.mustCreate("/b/s-0000000001");
        OpResult clash = f.result(TreeFixture.create("/b/s-", 2));
        assertThat(TreeFixture.code(clash)).isEqualTo(ErrorCode.NODEEXISTS);
        assertThat(f.mustCreate(0, "/b/t-", 2)).isEqualTo("/b/t-0000000001");
    }
}
