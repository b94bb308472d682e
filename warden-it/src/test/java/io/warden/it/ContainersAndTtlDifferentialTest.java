package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server deleting containers and TTL nodes by itself: a container whose last child went is
 * deleted, one that never had a child is not; a TTL node goes once it is childless and older than
 * its TTL, not while it has a child. Both servers check every {@value #CHECK_INTERVAL_MS} ms (Warden
 * no more often than its tick); the scenarios wait, boundedly, for the node to disappear and
 * compare what the clients saw, never when. Each scenario leaves nothing due for deletion behind,
 * so no background deletion uses up a zxid during another scenario.
 */
class ContainersAndTtlDifferentialTest {

    static final int CHECK_INTERVAL_MS = 100;

    /** Long enough for a scenario to set its watches before the reaper may act; not a timing assertion. */
    private static final long TTL_MS = 1500;

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults()
                .withExtendedTypesEnabled(true).withContainerCheckIntervalMs(CHECK_INTERVAL_MS));

    private static void awaitGone(ZooKeeper zk, String path) {
        await(path + " deleted by the server").atMost(TestClient.WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> zk.exists(path, false) == null);
    }

    @Test
    void aContainerIsDeletedOnceItsLastChildGoesButNeverUsedOnesStay() {
        servers.run("containers", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient watcher = ctx.connect();
            ZooKeeper w = watcher.zk();
            t.op("create never-used (container)", () -> zk.create(ctx.path("never-used"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.CONTAINER));
            t.op("create busy (container)", () -> zk.create(ctx.path("busy"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.CONTAINER));
            t.op("create busy/child", () -> zk.create(ctx.path("busy/child"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create c (container)", () -> zk.create(ctx.path("c"), "d".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.CONTAINER));
            t.op("create c/a", () -> zk.create(ctx.path("c/a"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create c/b (ephemeral)", () -> zk.create(ctx.path("c/b"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            t.op("S2 exists c (watch)", () -> w.exists(ctx.path("c"), true));
            t.op("S2 getData c (watch)", () -> w.getData(ctx.path("c"), true, null));
            t.op("S2 getChildren c (watch)", () -> w.getChildren(ctx.path("c"), true));
            t.op("S2 getChildren root (watch)", () -> w.getChildren(ctx.root(), true));
            t.run("delete c/a (c still has c/b)", () -> zk.delete(ctx.path("c/a"), -1));
            ctx.events("S2", watcher);
            t.op("S2 getChildren c (watch)", () -> w.getChildren(ctx.path("c"), true));
            t.run("delete c/b (c is now empty)", () -> zk.delete(ctx.path("c/b"), -1));
            awaitGone(zk, ctx.path("c"));
            t.line("c was deleted by the server");
            ctx.events("S2", watcher);
            t.op("exists c", () -> zk.exists(ctx.path("c"), false));
            t.op("create c/x (the parent went)", () -> zk.create(ctx.path("c/x"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            ctx.stat("never-used still there", ctx.path("never-used"));
            ctx.stat("busy still there", ctx.path("busy"));
            ctx.stat("root", ctx.root());
            t.op("create after (the deletion used one zxid)", () -> zk.create(ctx.path("after"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        });
    }

    @Test
    void aContainerEmptiedByAMultiOrASessionCloseGoesToo() {
        servers.run("containerEmptiedOtherwise", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient owner = ctx.connect();
            t.op("create m (container) with a child in one multi", () -> zk.multi(List.of(
                    Op.create(ctx.path("m"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER),
                    Op.create(ctx.path("m/x"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
            t.op("S1 exists m (watch)", () -> zk.exists(ctx.path("m"), true));
            t.op("multi delete m/x and create m/y", () -> zk.multi(List.of(Op.delete(ctx.path("m/x"), -1),
                    Op.create(ctx.path("m/y"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
            t.run("delete m/y", () -> zk.delete(ctx.path("m/y"), -1));
            awaitGone(zk, ctx.path("m"));
            ctx.events("S1", ctx.client());
            t.op("create e (container)", () -> zk.create(ctx.path("e"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.CONTAINER));
            t.op("S2 create e/eph (ephemeral)", () -> owner.zk().create(ctx.path("e/eph"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            t.op("S1 exists e (watch)", () -> zk.exists(ctx.path("e"), true));
            owner.close();
            t.line("S2 closed (its ephemeral went)");
            awaitGone(zk, ctx.path("e"));
            ctx.events("S1", ctx.client());
            t.op("create after", () -> zk.create(ctx.path("after"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        });
    }

    @Test
    void aTtlNodeExpiresOnlyWhenChildless() {
        servers.run("ttlNodes", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient watcher = ctx.connect();
            ZooKeeper w = watcher.zk();
            // One transaction, so both TTL nodes have the same mtime: once the childless one is gone, the
            // server has checked the other after its TTL too.
            t.op("multi: create ttl-alone, ttl-parent and ttl-parent/child", () -> zk.multi(List.of(
                    Op.create(ctx.path("ttl-alone"), "a".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT_WITH_TTL, TTL_MS),
                    Op.create(ctx.path("ttl-parent"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL,
                            TTL_MS),
                    Op.create(ctx.path("ttl-parent/child"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
            t.op("S2 exists ttl-alone (watch)", () -> w.exists(ctx.path("ttl-alone"), true));
            t.op("S2 exists ttl-parent (watch)", () -> w.exists(ctx.path("ttl-parent"), true));
            t.op("S2 getChildren root (watch)", () -> w.getChildren(ctx.root(), true));
            awaitGone(zk, ctx.path("ttl-alone"));
            t.line("ttl-alone was deleted by the server");
            ctx.events("S2", watcher);
            ctx.stat("ttl-parent (has a child) still there", ctx.path("ttl-parent"));
            t.op("S2 exists ttl-parent (watch)", () -> w.exists(ctx.path("ttl-parent"), true) != null);
            t.run("delete ttl-parent/child", () -> zk.delete(ctx.path("ttl-parent/child"), -1));
            awaitGone(zk, ctx.path("ttl-parent"));
            t.line("ttl-parent was deleted by the server");
            ctx.events("S2", watcher);
            t.op("create after (each deletion used one zxid)", () -> zk.create(ctx.path("after"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        });
    }
}
