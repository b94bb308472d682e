package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** createSession and closeSession transactions: the session table and the session's ephemerals. */
class CloseSessionTest {
    private static final long OWNER = 0x11;
    private static final long OTHER = 0x22;
    private static final long WATCHER = 500;

    @Test
    void createSessionRecordsTheTimeout() {
        TreeFixture f = new TreeFixture();
        assertThat(f.result(new TxnOp.CreateSession(OWNER, 12_000))).isEqualTo(new OpResult.SessionCreated(OWNER));
        assertThat(f.tree.sessions()).containsEntry(OWNER, 12_000);
    }

    @Test
    void closeSessionDeletesOnlyItsOwnEphemerals() {
        TreeFixture f = new TreeFixture();
        f.openSession(OWNER);
        f.openSession(OTHER);
        f.mustCreate("/p");
        f.mustCreate(OWNER, "/p/a", 1);
        String sequential = f.mustCreate(OWNER, "/b", 3);
        f.mustCreate(OTHER, "/p/c", 1);
        assertThat(f.tree.ephemeralsOf(OWNER)).containsExactly(sequential, "/p/a");
        f.mustCreate(OWNER, "/persistent", 0);

        assertThat(f.result(new TxnOp.CloseSession(OWNER))).isEqualTo(new OpResult.SessionClosed(OWNER));

        assertThat(f.stat("/p/a")).isNull();
        assertThat(f.stat(sequential)).isNull();
        assertThat(f.stat("/p/c")).isNotNull();
        assertThat(f.stat("/persistent")).isNotNull();
        assertThat(f.tree.ephemeralsOf(OWNER)).isEmpty();
        assertThat(f.tree.ephemeralsOf(OTHER)).containsExactly("/p/c");
        assertThat(f.tree.sessions()).doesNotContainKey(OWNER).containsKey(OTHER);
        assertThat(f.tree.ephemeralCount()).isEqualTo(1);
    }

    @Test
    void closeSessionUpdatesParentsWithItsZxid() {
        TreeFixture f = new TreeFixture();
        f.openSession(OWNER);
        f.mustCreate("/p");
        f.mustCreate(OWNER, "/p/a", 1);
        long closeZxid = f.nextZxid();
        f.result(new TxnOp.CloseSession(OWNER));
        assertThat(f.stat("/p").pzxid()).isEqualTo(closeZxid);
        assertThat(f.stat("/p").numChildren()).isZero();
        assertThat(f.stat("/p").cversion()).isEqualTo(2);
    }

    @Test
    void closeSessionFiresDeletedAndChildrenChanged() {
        TreeFixture f = new TreeFixture();
        f.openSession(OWNER);
        f.mustCreate("/p");
        f.mustCreate(OWNER, "/p/a", 1);
        f.tree.exists("/p/a", TreeFixture.ANONYMOUS, WATCHER);
        f.tree.getChildren("/p", TreeFixture.ANONYMOUS, WATCHER + 1);
        long zxid = f.nextZxid();

        TreeResult result = f.apply(new TxnOp.CloseSession(OWNER));

        assertThat(result.events()).containsExactlyInAnyOrder(
                new WatchEvent(WATCHER, WatchEvent.NODE_DELETED, "/p/a", zxid),
                new WatchEvent(WATCHER + 1, WatchEvent.NODE_CHILDREN_CHANGED, "/p", zxid));
    }

    @Test
    void closingASessionWithoutEphemeralsFiresNothing() {
        TreeFixture f = new TreeFixture();
        f.openSession(OWNER);
        f.tree.addWatch("/", 1, WATCHER);
        TreeResult result = f.apply(new TxnOp.CloseSession(OWNER));
        assertThat(result.events()).isEmpty();
        assertThat(f.tree.sessions()).isEmpty();
    }

    @Test
    void ephemeralsOfAClosedSessionCannotBeCreatedAgain() {
        TreeFixture f = new TreeFixture();
        f.openSession(OWNER);
        f.result(new TxnOp.CloseSession(OWNER));
        OpResult result = f.apply(OWNER, TreeFixture.ANONYMOUS, TreeFixture.create("/late", 1)).result();
        assertThat(result).isInstanceOf(OpResult.Failed.class);
        assertThat(f.tree.ephemeralsOf(OWNER)).isEqualTo(List.of());
    }
}
