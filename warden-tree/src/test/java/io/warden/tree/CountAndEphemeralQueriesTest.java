package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import org.junit.jupiter.api.Test;

/** getAllChildrenNumber (104) and getEphemerals (103), §4.3. */
class CountAndEphemeralQueriesTest {
    private static final long SESSION = 0x77;
    private static final long OTHER = 0x78;

    private static int count(TreeFixture f, String path) {
        return ((OpResult.CountResult) f.tree.getAllChildrenNumber(path, TreeFixture.ANONYMOUS)).count();
    }

    private static List<String> ephemerals(TreeFixture f, long session, String prefix) {
        return ((OpResult.PathsResult) f.tree.getEphemerals(session, prefix)).paths();
    }

    @Test
    void rootCountIncludesTheBuiltInNodes() {
        TreeFixture f = new TreeFixture();
        assertThat(count(f, "/")).isEqualTo(3);
        f.mustCreate("/a");
        f.mustCreate("/a/b");
        f.mustCreate("/a/b/c");
        assertThat(count(f, "/")).isEqualTo(6);
    }

    @Test
    void countIsRecursiveAndExcludesTheNodeItself() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/a");
        f.mustCreate("/a/b");
        f.mustCreate("/a/c");
        f.mustCreate("/a/b/d");
        assertThat(count(f, "/a")).isEqualTo(3);
        assertThat(count(f, "/a/b")).isEqualTo(1);
        assertThat(count(f, "/a/c")).isZero();
    }

    @Test
    void countErrors() {
        TreeFixture f = new TreeFixture();
        f.mustSucceed(TreeFixture.createWithAcl("/hidden", List.of(new Acl(2, io.warden.wire.Id.ANYONE))));
        assertThat(f.tree.getAllChildrenNumber("/missing", TreeFixture.ANONYMOUS))
                .isEqualTo(new OpResult.Failed(ErrorCode.NONODE));
        assertThat(f.tree.getAllChildrenNumber("/hidden", TreeFixture.ANONYMOUS))
                .isEqualTo(new OpResult.Failed(ErrorCode.NOAUTH));
    }

    private static TreeFixture withEphemerals() {
        TreeFixture f = new TreeFixture();
        f.openSession(SESSION);
        f.openSession(OTHER);
        f.mustCreate("/app");
        f.mustCreate("/apple");
        f.mustCreate(SESSION, "/app/x", 1);
        f.mustCreate(SESSION, "/apple/y", 1);
        f.mustCreate(SESSION, "/b", 1);
        f.mustCreate(OTHER, "/app/other", 1);
        return f;
    }

    @Test
    void blankOrRootPrefixSelectsAllOfTheSessionsEphemerals() {
        TreeFixture f = withEphemerals();
        List<String> all = List.of("/app/x", "/apple/y", "/b");
        assertThat(ephemerals(f, SESSION, "")).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ephemerals(f, SESSION, "/")).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ephemerals(f, SESSION, "   ")).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void prefixIsAPlainStringPrefix() {
        TreeFixture f = withEphemerals();
        assertThat(ephemerals(f, SESSION, "/app")).containsExactlyInAnyOrder("/app/x", "/apple/y");
        assertThat(ephemerals(f, SESSION, "/app/")).containsExactly("/app/x");
        assertThat(ephemerals(f, SESSION, "/b")).containsExactly("/b");
        assertThat(ephemerals(f, SESSION, "/zzz")).isEmpty();
    }

    @Test
    void otherSessionsEphemeralsAreNotListed() {
        TreeFixture f = withEphemerals();
        assertThat(ephemerals(f, OTHER, "/")).containsExactly("/app/other");
        assertThat(ephemerals(f, 0x99, "/")).isEmpty();
    }
}
