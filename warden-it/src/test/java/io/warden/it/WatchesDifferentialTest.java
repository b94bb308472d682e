package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One-shot data, exists and child watches firing on create, delete and setData, as every client uses
 * them. Events are recorded in delivery order with the zxid the notification carries.
 */
class WatchesDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults());

    @Test
    void dataWatchFiresOnceOnSetDataAndDelete() {
        servers.run("dataWatch", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient writer = ctx.connect();
            ZooKeeper w = writer.zk();
            t.op("create n", () -> zk.create(ctx.path("n"), "0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("S1 getData n (watch)", () -> zk.getData(ctx.path("n"), true, null));
            t.op("S2 setData n", () -> w.setData(ctx.path("n"), "1".getBytes(UTF_8), -1));
            ctx.events("S1", ctx.client());
            t.op("S2 setData n again (watch already fired)", () -> w.setData(ctx.path("n"), "2".getBytes(UTF_8), -1));
            ctx.events("S1", ctx.client());
            t.op("S1 getData n (watch)", () -> zk.getData(ctx.path("n"), true, null));
            t.op("S2 setACL n (fires nothing)", () -> w.setACL(ctx.path("n"), Ids.OPEN_ACL_UNSAFE, -1));
            t.op("S2 create n/child (fires nothing on n's data watch)", () -> w.create(ctx.path("n/child"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            ctx.events("S1", ctx.client());
            t.run("S2 delete n/child", () -> w.delete(ctx.path("n/child"), -1));
            t.run("S2 delete n", () -> w.delete(ctx.path("n"), -1));
            ctx.events("S1", ctx.client());
            t.op("S1 getData missing (watch not set)", () -> zk.getData(ctx.path("n"), true, null));
            t.op("S2 create n", () -> w.create(ctx.path("n"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            ctx.events("S1", ctx.client());
            ctx.events("S2", writer);
        });
    }

    @Test
    void existsWatchFiresOnCreateSetDataAndDelete() {
        servers.run("existsWatch", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient writer = ctx.connect();
            ZooKeeper w = writer.zk();
            t.op("S1 exists n (watch, missing)", () -> zk.exists(ctx.path("n"), true));
            t.op("S2 create n", () -> w.create(ctx.path("n"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            ctx.events("S1", ctx.client());
            t.op("S1 exists n (watch)", () -> zk.exists(ctx.path("n"), true));
            t.op("S2 setData n", () -> w.setData(ctx.path("n"), "x".getBytes(UTF_8), -1));
            ctx.events("S1", ctx.client());
            t.op("S1 exists n (watch)", () -> zk.exists(ctx.path("n"), true));
            t.run("S2 delete n", () -> w.delete(ctx.path("n"), -1));
            ctx.events("S1", ctx.client());
            t.op("S1 exists n (watch, missing)", () -> zk.exists(ctx.path("n"), true));
            t.op("S2 create n as ephemeral", () -> w.create(ctx.path("n"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            ctx.events("S1", ctx.client());
            t.op("S1 exists deep missing path (watch)", () -> zk.exists(ctx.path("a/b/c"), true));
            t.op("S2 create a", () -> w.create(ctx.path("a"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            ctx.events("S1", ctx.client());
        });
    }

    @Test
    void childWatchFiresOnChildCreateAndDeleteAndOnDeleteOfTheNode() {
        servers.run("childWatch", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient writer = ctx.connect();
            ZooKeeper w = writer.zk();
            t.op("create p", () -> zk.create(ctx.path("p"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 getChildren p (watch)", () -> zk.getChildren(ctx.path("p"), true));
            t.op("S2 create p/a", () -> w.create(ctx.path("p/a"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            ctx.events("S1", ctx.client());
            t.op("S2 create p/b (watch already fired)", () -> w.create(ctx.path("p/b"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            ctx.events("S1", ctx.client());
            t.op("S1 getChildren2 p (watch)", () -> zk.getChildren(ctx.path("p"), true, null));
            t.op("S2 setData p (no child change)", () -> w.setData(ctx.path("p"), "x".getBytes(UTF_8), -1));
            t.op("S2 setData p/a (no child change)", () -> w.setData(ctx.path("p/a"), "x".getBytes(UTF_8), -1));
            ctx.events("S1", ctx.client());
            t.run("S2 delete p/a", () -> w.delete(ctx.path("p/a"), -1));
            ctx.events("S1", ctx.client());
            t.op("S1 getChildren p (watch)", () -> zk.getChildren(ctx.path("p"), true));
            t.op("S1 getData p (watch)", () -> zk.getData(ctx.path("p"), true, null));
            t.run("S2 delete p/b", () -> w.delete(ctx.path("p/b"), -1));
            t.run("S2 delete p", () -> w.delete(ctx.path("p"), -1));
            ctx.events("S1", ctx.client());
            t.op("S1 getChildren missing (watch not set)", () -> zk.getChildren(ctx.path("p"), true));
            t.op("S2 create p", () -> w.create(ctx.path("p"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            ctx.events("S1", ctx.client());
        });
    }

    @Test
    void notificationArrivesBeforeTheReplyToTheWriteThatFiredIt() {
        servers.run("eventBeforeReply", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            List<String> order = new ArrayList<>();
            t.op("create n", () -> zk.create(ctx.path("n"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 getData n (own watcher)", () -> zk.getData(ctx.path("n"), e -> {
                synchronized (order) {
                    order.add("event " + t.render(e));
                }
            }, null));
            zk.setData(ctx.path("n"), "x".getBytes(UTF_8), -1, (rc, path, c, stat) -> {
                synchronized (order) {
                    order.add("setData callback rc=" + Transcript.codeName(rc) + " stat=" + t.render(stat));
                }
            }, null);
            ctx.client().barrier();
            synchronized (order) {
                order.forEach(t::line);
            }
        });
    }

    @Test
    void multiFiresTheWatchesOfEachOp() {
        servers.run("multiWatches", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient writer = ctx.connect();
            t.op("create a", () -> zk.create(ctx.path("a"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create b", () -> zk.create(ctx.path("b"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 exists c (watch)", () -> zk.exists(ctx.path("c"), true));
            t.op("S1 getData a (watch)", () -> zk.getData(ctx.path("a"), true, null));
            t.op("S1 exists b (watch)", () -> zk.exists(ctx.path("b"), true));
            t.op("S1 getChildren root (watch)", () -> zk.getChildren(ctx.root(), true));
            t.op("S2 multi", () -> writer.zk().multi(List.of(
                    Op.create(ctx.path("c"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.setData(ctx.path("a"), "x".getBytes(UTF_8), -1),
                    Op.delete(ctx.path("b"), -1))));
            ctx.events("S1", ctx.client());
            t.op("S1 getData a (watch)", () -> zk.getData(ctx.path("a"), true, null));
            t.op("S2 failing multi", () -> writer.zk().multi(List.of(
                    Op.setData(ctx.path("a"), "y".getBytes(UTF_8), -1),
                    Op.delete(ctx.path("missing"), -1))));
            ctx.events("S1 (failed multi fires nothing)", ctx.client());
        });
    }

    @Test
    void watchesAreRestoredAfterTheClientReconnects() {
        servers.run("watchesAfterReconnect", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient writer = ctx.connect();
            ZooKeeper w = writer.zk();
            t.op("create n", () -> zk.create(ctx.path("n"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create p", () -> zk.create(ctx.path("p"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 getData n (watch)", () -> zk.getData(ctx.path("n"), true, null));
            t.op("S1 exists m (watch, missing)", () -> zk.exists(ctx.path("m"), true));
            t.op("S1 getChildren p (watch)", () -> zk.getChildren(ctx.path("p"), true));
            // A frame over jute.maxbuffer makes the server drop S1's connection; the client reconnects
            // to the same session and re-registers its watches (setWatches2).
            t.op("S1 setData too big", () -> zk.setData(ctx.path("n"), new byte[1024 * 1024], -1));
            ctx.client().awaitUsable(ctx.path("n"));
            t.value("S1 states", ctx.client().states());
            ctx.events("S1 after reconnect", ctx.client());
            t.op("S2 setData n", () -> w.setData(ctx.path("n"), "x".getBytes(UTF_8), -1));
            t.op("S2 create m", () -> w.create(ctx.path("m"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S2 create p/c", () -> w.create(ctx.path("p/c"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            ctx.events("S1", ctx.client());
        });
    }
}
