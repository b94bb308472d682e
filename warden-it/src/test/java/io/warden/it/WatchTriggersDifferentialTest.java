package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which change fires which watch (wire-protocol.md §6.4): data, exist, child, persistent and
 * persistent-recursive watches, each held by its own connection so that a transcript line is exactly
 * what the server sent that connection; one event per (path, type) per connection; no event for a
 * node the watcher cannot READ (the CVE-2024-23944 fix, for recursive and for ordinary watches);
 * and events in zxid order for every watcher when several clients write at once.
 */
class WatchTriggersDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults());

    /** What a change starts from under its own parent {@code p}: whether {@code p/n} and {@code p/n/c} exist. */
    private enum Start { N_AND_CHILD, N_ONLY, NOTHING, EPHEMERAL_N }

    private record Change(String name, Start start, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        void run(ZooKeeper writer, String p) throws KeeperException, InterruptedException;
    }

    @Test
    void everyWatchKindAgainstEveryChange() {
        servers.run("triggerTable", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            // One connection per watch; labels say which watch on which path.
            List<String> kinds = List.of("data(n)", "exist(n)", "child(n)", "persistent(n)", "recursive(n)",
                    "child(p)", "persistent(p)", "recursive(p)", "exist(n/c)");
            Map<String, TestClient> watchers = new LinkedHashMap<>();
            for (String kind : kinds) {
                watchers.put(kind, ctx.connect());
            }
            List<Change> changes = List.of(
                    new Change("setData n", Start.N_AND_CHILD, (w, p) -> w.setData(p + "/n", "x".getBytes(UTF_8), -1)),
                    new Change("setData n to the same bytes", Start.N_AND_CHILD,
                            (w, p) -> w.setData(p + "/n", "0".getBytes(UTF_8), -1)),
                    new Change("setACL n", Start.N_AND_CHILD, (w, p) -> w.setACL(p + "/n", Ids.OPEN_ACL_UNSAFE, -1)),
                    new Change("create n/x", Start.N_AND_CHILD, (w, p) -> w.create(p + "/n/x", null,
                            Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)),
                    new Change("create n/c/g", Start.N_AND_CHILD, (w, p) -> w.create(p + "/n/c/g", null,
                            Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)),
                    new Change("setData n/c", Start.N_AND_CHILD, (w, p) -> w.setData(p + "/n/c", "x".getBytes(UTF_8),
                            -1)),
                    new Change("delete n/c", Start.N_AND_CHILD, (w, p) -> w.delete(p + "/n/c", -1)),
                    new Change("delete n", Start.N_ONLY, (w, p) -> w.delete(p + "/n", -1)),
                    new Change("create n", Start.NOTHING, (w, p) -> w.create(p + "/n", null, Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT)),
                    new Change("create n sequential (other name)", Start.NOTHING, (w, p) -> w.create(p + "/n", null,
                            Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL)),
                    new Change("multi setData n + create n/x + delete n/c", Start.N_AND_CHILD,
                            (w, p) -> w.multi(List.of(
                                    Op.setData(p + "/n", "m".getBytes(UTF_8), -1),
                                    Op.create(p + "/n/x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                                    Op.delete(p + "/n/c", -1)))),
                    new Change("failed multi (setData n, delete missing)", Start.N_AND_CHILD, (w, p) -> w.multi(List.of(
                            Op.setData(p + "/n", "m".getBytes(UTF_8), -1), Op.delete(p + "/missing", -1)))),
                    new Change("owner session closes (ephemeral n)", Start.EPHEMERAL_N, (w, p) -> { }));
            int i = 0;
            for (Change change : changes) {
                String p = ctx.path("c" + i++);
                t.line("== " + change.name());
                zk.create(p, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                TestClient owner = null;
                switch (change.start()) {
                    case N_AND_CHILD -> {
                        zk.create(p + "/n", "0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                        zk.create(p + "/n/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                    }
                    case N_ONLY -> zk.create(p + "/n", "0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                    case EPHEMERAL_N -> {
                        owner = ctx.connect();
                        owner.zk().create(p + "/n", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
                    }
                    case NOTHING -> { }
                }
                for (Map.Entry<String, TestClient> e : watchers.entrySet()) {
                    t.op("  set " + e.getKey(), () -> setWatch(e.getKey(), e.getValue().zk(), p));
                }
                if (owner != null) {
                    owner.close();
                    t.line("  owner session closed");
                } else {
                    t.op("  " + change.name(), () -> {
                        change.action().run(zk, p);
                        return "ok";
                    });
                }
                for (Map.Entry<String, TestClient> e : watchers.entrySet()) {
                    ctx.events("  " + e.getKey(), e.getValue());
                }
            }
        });
    }

    /** Sets one watch of the kind named by {@code kind} (see the scenario) under parent {@code p}. */
    private static Object setWatch(String kind, ZooKeeper zk, String p) throws KeeperException, InterruptedException {
        String n = p + "/n";
        return switch (kind) {
            case "data(n)" -> zk.getData(n, true, null) != null;
            case "exist(n)" -> zk.exists(n, true) != null;
            case "child(n)" -> zk.getChildren(n, true);
            case "persistent(n)" -> addWatch(zk, n, AddWatchMode.PERSISTENT);
            case "recursive(n)" -> addWatch(zk, n, AddWatchMode.PERSISTENT_RECURSIVE);
            case "child(p)" -> zk.getChildren(p, true);
            case "persistent(p)" -> addWatch(zk, p, AddWatchMode.PERSISTENT);
            case "recursive(p)" -> addWatch(zk, p, AddWatchMode.PERSISTENT_RECURSIVE);
            case "exist(n/c)" -> zk.exists(n + "/c", true) != null;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static String addWatch(ZooKeeper zk, String path, AddWatchMode mode) throws KeeperException,
            InterruptedException {
        zk.addWatch(path, mode);
        return "ok";
    }

    @Test
    void persistentWatchesStayAndRecursiveOnesCoverTheSubtreeOnly() {
        servers.run("persistentWatches", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper w = ctx.zk();
            TestClient persistent = ctx.connect();
            TestClient recursive = ctx.connect();
            t.run("S2 addWatch r (persistent, node missing)", () -> persistent.zk().addWatch(ctx.path("r"),
                    AddWatchMode.PERSISTENT));
            t.run("S3 addWatch r (recursive, node missing)", () -> recursive.zk().addWatch(ctx.path("r"),
                    AddWatchMode.PERSISTENT_RECURSIVE));
            t.op("create r", () -> w.create(ctx.path("r"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("setData r", () -> w.setData(ctx.path("r"), "1".getBytes(UTF_8), -1).getVersion());
            t.op("setData r again", () -> w.setData(ctx.path("r"), "2".getBytes(UTF_8), -1).getVersion());
            t.op("create r/a", () -> w.create(ctx.path("r/a"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create r/a/b", () -> w.create(ctx.path("r/a/b"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("setData r/a/b", () -> w.setData(ctx.path("r/a/b"), "x".getBytes(UTF_8), -1).getVersion());
            t.op("create r2 (a sibling sharing the prefix)", () -> w.create(ctx.path("r2"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create r2/x", () -> w.create(ctx.path("r2/x"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create ra", () -> w.create(ctx.path("ra"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.run("delete r/a/b", () -> w.delete(ctx.path("r/a/b"), -1));
            t.run("delete r/a", () -> w.delete(ctx.path("r/a"), -1));
            TestClient owner = ctx.connect();
            t.op("S5 create r/e (ephemeral)", () -> owner.zk().create(ctx.path("r/e"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            owner.close();
            t.line("S5 closed");
            t.run("delete r", () -> w.delete(ctx.path("r"), -1));
            t.op("create r again", () -> w.create(ctx.path("r"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            ctx.events("S2 persistent", persistent);
            ctx.events("S3 recursive", recursive);
            TestClient rootWatcher = ctx.connect();
            t.run("S6 addWatch / (recursive)", () -> rootWatcher.zk().addWatch("/", AddWatchMode.PERSISTENT_RECURSIVE));
            t.op("setData r", () -> w.setData(ctx.path("r"), "3".getBytes(UTF_8), -1).getVersion());
            t.op("create r/deep", () -> w.create(ctx.path("r/deep"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            ctx.events("S6 recursive on /", rootWatcher);
            ctx.events("S2 persistent", persistent);
            ctx.events("S3 recursive", recursive);
        });
    }

    @Test
    void oneEventPerPathAndTypeForAConnectionHoldingSeveralWatches() {
        servers.run("overlappingWatches", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper w = ctx.zk();
            TestClient s2 = ctx.connect();
            ZooKeeper zk = s2.zk();
            t.op("create p", () -> w.create(ctx.path("p"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create p/n", () -> w.create(ctx.path("p/n"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            List<String> delivered = new ArrayList<>();
            t.op("S2 getData p/n (watch A)", () -> zk.getData(ctx.path("p/n"), labelled(delivered, "A"), null));
            t.op("S2 exists p/n (watch B)", () -> zk.exists(ctx.path("p/n"), labelled(delivered, "B")) != null);
            t.op("S2 getChildren p/n (watch C)", () -> zk.getChildren(ctx.path("p/n"), labelled(delivered, "C")));
            t.run("S2 addWatch p/n persistent (default watcher)", () -> zk.addWatch(ctx.path("p/n"),
                    AddWatchMode.PERSISTENT));
            t.run("S2 addWatch p recursive (default watcher)", () -> zk.addWatch(ctx.path("p"),
                    AddWatchMode.PERSISTENT_RECURSIVE));
            t.op("S1 setData p/n", () -> w.setData(ctx.path("p/n"), "x".getBytes(UTF_8), -1).getVersion());
            ctx.events("S2 default watcher", s2);
            record(t, delivered);
            t.op("S2 getData p/n (watch A again)", () -> zk.getData(ctx.path("p/n"), labelled(delivered, "A"), null));
            t.op("S2 getChildren p/n (watch C still set? set again)", () -> zk.getChildren(ctx.path("p/n"),
                    labelled(delivered, "C")));
            t.run("S1 delete p/n", () -> w.delete(ctx.path("p/n"), -1));
            ctx.events("S2 default watcher", s2);
            record(t, delivered);
            t.op("S2 exists p/n (watch B, missing)", () -> zk.exists(ctx.path("p/n"), labelled(delivered, "B")));
            t.op("S1 create p/n", () -> w.create(ctx.path("p/n"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            ctx.events("S2 default watcher", s2);
            record(t, delivered);
        });
    }

    private static org.apache.zookeeper.Watcher labelled(List<String> into, String label) {
        return event -> {
            synchronized (into) {
                into.add(label + ": " + event.getType() + " " + event.getPath());
            }
        };
    }

    private static void record(Transcript t, List<String> delivered) {
        synchronized (delivered) {
            if (delivered.isEmpty()) {
                t.line("  own watchers: none");
            }
            // Which of several watchers of one event the client calls first is the client's business.
            delivered.stream().sorted().forEach(d -> t.line("  own watcher " + d));
            delivered.clear();
        }
    }

    @Test
    void noEventsForNodesTheWatcherCannotRead() {
        servers.run("aclFilteredWatches", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper alice = ctx.zk();
            alice.addAuthInfo("digest", "alice:secret".getBytes(UTF_8));
            List<ACL> aliceOnly = Ids.CREATOR_ALL_ACL;
            List<ACL> aliceAllWorldAdmin = Acls.of(new ACL(Perms.ALL, new Id("digest",
                    AclSchemesDifferentialTest.digest("alice:secret"))), new ACL(Perms.ADMIN, Ids.ANYONE_ID_UNSAFE));
            TestClient recursive = ctx.connect();
            TestClient oneShot = ctx.connect();
            ZooKeeper r = recursive.zk();
            ZooKeeper o = oneShot.zk();
            t.op("create p (open)", () -> alice.create(ctx.path("p"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.run("S2 addWatch p recursive", () -> r.addWatch(ctx.path("p"), AddWatchMode.PERSISTENT_RECURSIVE));
            t.op("S3 getChildren p (watch)", () -> o.getChildren(ctx.path("p"), true));
            t.op("S3 exists p/secret (watch, missing)", () -> o.exists(ctx.path("p/secret"), true));
            t.op("S1 create p/secret (alice only)", () -> alice.create(ctx.path("p/secret"), null, aliceOnly,
                    CreateMode.PERSISTENT));
            ctx.events("S2 recursive", recursive);
            ctx.events("S3 one-shot (child watch on open p fires; exists watch on p/secret does not)", oneShot);
            t.op("S1 setData p/secret", () -> alice.setData(ctx.path("p/secret"), "1".getBytes(UTF_8),
                    -1).getVersion());
            t.op("S1 create p/secret/deeper (open, under an unreadable parent)", () -> alice.create(
                    ctx.path("p/secret/deeper"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 create p/public (open)", () -> alice.create(ctx.path("p/public"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("S1 setACL p/secret to open (fires nothing)", () -> alice.setACL(ctx.path("p/secret"),
                    Ids.OPEN_ACL_UNSAFE, -1).getAversion());
            t.op("S1 setData p/secret", () -> alice.setData(ctx.path("p/secret"), "2".getBytes(UTF_8),
                    -1).getVersion());
            ctx.events("S2 recursive", recursive);
            ctx.events("S3 one-shot (the exists watch was used up unseen)", oneShot);
            t.op("S3 getData p/public (watch)", () -> o.getData(ctx.path("p/public"), true, null));
            t.op("S3 getChildren p/public (watch)", () -> o.getChildren(ctx.path("p/public"), true));
            t.op("S1 setACL p/public to alice + world ADMIN", () -> alice.setACL(ctx.path("p/public"),
                    aliceAllWorldAdmin, -1).getAversion());
            t.op("S1 create p/public/kid", () -> alice.create(ctx.path("p/public/kid"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("S1 setData p/public", () -> alice.setData(ctx.path("p/public"), "x".getBytes(UTF_8),
                    -1).getVersion());
            ctx.events("S3 one-shot (fired on a node it can no longer read)", oneShot);
            t.op("S3 setACL p/public back to open (world ADMIN)", () -> o.setACL(ctx.path("p/public"),
                    Ids.OPEN_ACL_UNSAFE, -1).getAversion());
            t.op("S1 setData p/public", () -> alice.setData(ctx.path("p/public"), "y".getBytes(UTF_8),
                    -1).getVersion());
            t.run("S1 delete p/public/kid", () -> alice.delete(ctx.path("p/public/kid"), -1));
            ctx.events("S3 one-shot (used up)", oneShot);
            t.op("S1 setACL p/secret to alice only", () -> alice.setACL(ctx.path("p/secret"), aliceOnly,
                    -1).getAversion());
            t.run("S1 delete p/secret/deeper", () -> alice.delete(ctx.path("p/secret/deeper"), -1));
            t.run("S1 delete p/secret", () -> alice.delete(ctx.path("p/secret"), -1));
            ctx.events("S2 recursive", recursive);
            TestClient alice2 = ctx.connect();
            alice2.zk().addAuthInfo("digest", "alice:secret".getBytes(UTF_8));
            t.run("S4 (alice too) addWatch p recursive", () -> alice2.zk().addWatch(ctx.path("p"),
                    AddWatchMode.PERSISTENT_RECURSIVE));
            t.op("S1 create p/s2 (alice only)", () -> alice.create(ctx.path("p/s2"), null, aliceOnly,
                    CreateMode.PERSISTENT));
            t.op("S1 setData p/s2", () -> alice.setData(ctx.path("p/s2"), "z".getBytes(UTF_8), -1).getVersion());
            ctx.events("S4 recursive (alice)", alice2);
            ctx.events("S2 recursive", recursive);
        });
    }

    @Test
    void everyWatcherSeesEventsInZxidOrderWhileSeveralClientsWrite() {
        servers.run("zxidOrder", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("create p", () -> zk.create(ctx.path("p"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            List<TestClient> watchers = List.of(ctx.connect(), ctx.connect(), ctx.connect());
            for (TestClient watcher : watchers) {
                watcher.zk().addWatch(ctx.path("p"), AddWatchMode.PERSISTENT_RECURSIVE);
            }
            List<TestClient> writers = List.of(ctx.client(), ctx.connect(), ctx.connect());
            int perWriter = 30;
            CountDownLatch done = new CountDownLatch(writers.size() * perWriter * 2);
            List<String> failures = new ArrayList<>();
            // Each writer creates and then changes its own nodes, asynchronously and all at once: the
            // servers decide the interleaving, the watchers must agree with it.
            for (int w = 0; w < writers.size(); w++) {
                ZooKeeper writer = writers.get(w).zk();
                for (int i = 0; i < perWriter; i++) {
                    String path = ctx.path("p/w" + w + "-" + i);
                    writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, (rc, pth, c, name) -> {
                        if (rc != 0) {
                            synchronized (failures) {
                                failures.add("create " + pth + " rc=" + rc);
                            }
                        }
                        done.countDown();
                    }, null);
                    writer.setData(path, "x".getBytes(UTF_8), -1, (rc, pth, c, stat) -> {
                        if (rc != 0) {
                            synchronized (failures) {
                                failures.add("setData " + pth + " rc=" + rc);
                            }
                        }
                        done.countDown();
                    }, null);
                }
            }
            t.value("all writes answered", done.await(30, TimeUnit.SECONDS));
            t.value("write failures", failures);
            List<List<String>> streams = new ArrayList<>();
            for (int i = 0; i < watchers.size(); i++) {
                TestClient watcher = watchers.get(i);
                watcher.awaitEvents(writers.size() * perWriter * 2);
                watcher.barrier();
                List<WatchedEvent> events = watcher.drainEvents();
                List<String> stream = events.stream().map(ev -> ev.getZxid() + " " + ev.getType() + " " + ev.getPath())
                        .toList();
                boolean increasing = true;
                for (int k = 1; k < events.size(); k++) {
                    increasing &= events.get(k).getZxid() > events.get(k - 1).getZxid();
                }
                t.line("watcher " + (i + 1) + ": " + events.size() + " events, zxids strictly increasing: " + increasing
                        + ", same stream as watcher 1: " + (streams.isEmpty() || streams.get(0).equals(stream)));
                streams.add(stream);
                List<String> perPath = new ArrayList<>();
                for (WatchedEvent ev : events) {
                    perPath.add(ev.getPath() + " " + ev.getType());
                }
                // Per path, a NodeCreated before its NodeDataChanged: the FIFO order of each writer.
                boolean createdFirst = true;
                for (int w = 0; w < writers.size(); w++) {
                    for (int k = 0; k < perWriter; k++) {
                        String path = ctx.path("p/w" + w + "-" + k);
                        createdFirst &= perPath.indexOf(path + " NodeCreated") >= 0
                                && perPath.indexOf(path + " NodeCreated") < perPath.indexOf(path + " NodeDataChanged");
                    }
                }
                t.line("  every node created before its data changed: " + createdFirst);
            }
        });
    }
}
