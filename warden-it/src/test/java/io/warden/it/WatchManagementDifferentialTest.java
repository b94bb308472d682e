package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Managing watches: checkWatches (17) and removeWatches (18) with every WatcherType, sent over a raw
 * connection so that the server's own rules show (NOWATCHER when nothing matches); the official
 * client's removeWatches/removeAllWatches; SetWatches (101) and SetWatches2 (105) sent raw; and a
 * client whose connection is cut while another client changes things, re-registering its watches
 * when it reconnects.
 */
class WatchManagementDifferentialTest {

    private static final int OP_CHECK_WATCHES = 17;
    private static final int OP_REMOVE_WATCHES = 18;
    private static final int OP_SET_WATCHES = 101;
    private static final int OP_SET_WATCHES2 = 105;
    private static final int OP_ADD_WATCH = 106;

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults());

    /** A raw connection with a session, and the transcript it writes to. */
    private static final class Raw {
        private final RawConnection connection;
        private final Transcript t;
        private final String root;
        private int xid;

        Raw(ScenarioContext ctx) {
            this.connection = ctx.raw();
            this.t = ctx.t();
            this.root = ctx.root();
            RawConnection.ConnectResponse r = connection.handshake(30_000);
            t.line("raw session " + t.session(r.sessionId()));
        }

        /** Sends a request, records every notification that arrives before its reply, then the reply. */
        void call(String label, int op, byte[] body) {
            int myXid = ++xid;
            connection.send(RawConnection.request(myXid, op, body));
            while (true) {
                RawConnection.Outcome outcome = connection.read();
                if (outcome instanceof RawConnection.Frame frame && frame.payload().length >= 16
                        && frame.header().xid() == -1) {
                    t.line("  notification " + notification(t, frame));
                    continue;
                }
                t.line(label + " -> " + RawScenarios.reply(t, outcome, op));
                return;
            }
        }

        void checkWatches(String path, int type) {
            call("checkWatches " + path + " type=" + type, OP_CHECK_WATCHES,
                    JuteBytes.create().ustring(path).i32(type).bytes());
        }

        void removeWatches(String path, int type) {
            call("removeWatches " + path + " type=" + type, OP_REMOVE_WATCHES,
                    JuteBytes.create().ustring(path).i32(type).bytes());
        }

        void addWatch(String path, int mode) {
            call("addWatch " + path + " mode=" + mode, OP_ADD_WATCH,
                    JuteBytes.create().ustring(path).i32(mode).bytes());
        }

        void read(String op, int code, String path) {
            call(op + " " + path + " (watch)", code, RawScenarios.pathWatch(path, true));
        }

        /** A round trip that flushes notifications already on their way (exists of the scenario's root). */
        void flush(String label) {
            call(label, RawScenarios.OP_EXISTS, RawScenarios.pathWatch(root, false));
        }

        void close() {
            t.line("raw closeSession -> " + RawScenarios.reply(t, connection.closeSession(++xid), 0));
        }
    }

    static String notification(Transcript t, RawConnection.Frame frame) {
        ByteBuffer body = frame.body();
        int type = body.getInt();
        int state = body.getInt();
        int len = body.getInt();
        byte[] path = new byte[Math.max(len, 0)];
        body.get(path);
        return EventType.fromInt(type) + " " + new String(path, StandardCharsets.UTF_8) + " zxid="
                + t.zxid(frame.header().zxid()) + " state=" + state;
    }

    private static JuteBytes strings(JuteBytes b, List<String> values) {
        b.i32(values.size());
        for (String v : values) {
            b.ustring(v);
        }
        return b;
    }

    @Test
    void checkAndRemoveWatchesWithEveryWatcherType() {
        servers.run("rawCheckAndRemove", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String n = ctx.path("n");
            String m = ctx.path("missing");
            t.op("create n", () -> zk.create(n, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create n/c", () -> zk.create(n + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            Raw raw = new Raw(ctx);
            int[] types = {1, 2, 3, 4, 5};
            t.line("-- no watches");
            for (int type : types) {
                raw.checkWatches(n, type);
            }
            raw.removeWatches(n, 3);
            t.line("-- a data watch (getData)");
            raw.read("getData", RawScenarios.OP_GET_DATA, n);
            for (int type : types) {
                raw.checkWatches(n, type);
            }
            raw.removeWatches(n, 1);
            raw.removeWatches(n, 4);
            raw.removeWatches(n, 2);
            raw.removeWatches(n, 2);
            raw.checkWatches(n, 3);
            t.line("-- an exists watch on a missing node");
            raw.read("exists", RawScenarios.OP_EXISTS, m);
            raw.checkWatches(m, 1);
            raw.checkWatches(m, 2);
            raw.removeWatches(m, 3);
            raw.checkWatches(m, 3);
            t.line("-- a child watch");
            raw.read("getChildren", RawScenarios.OP_GET_CHILDREN, n);
            for (int type : types) {
                raw.checkWatches(n, type);
            }
            raw.removeWatches(n, 2);
            raw.removeWatches(n, 1);
            t.line("-- a persistent watch");
            raw.addWatch(n, 0);
            for (int type : types) {
                raw.checkWatches(n, type);
            }
            raw.checkWatches(n + "/c", 4);
            raw.removeWatches(n, 2);
            raw.removeWatches(n, 1);
            raw.removeWatches(n, 5);
            raw.removeWatches(n, 4);
            raw.checkWatches(n, 3);
            t.line("-- a persistent recursive watch");
            raw.addWatch(n, 1);
            for (int type : types) {
                raw.checkWatches(n, type);
            }
            raw.checkWatches(n + "/c", 5);
            raw.removeWatches(n, 4);
            raw.removeWatches(n, 3);
            raw.checkWatches(n, 5);
            t.line("-- data + child + persistent + recursive on one path, removed one kind at a time");
            raw.read("getData", RawScenarios.OP_GET_DATA, n);
            raw.read("getChildren", RawScenarios.OP_GET_CHILDREN, n);
            raw.addWatch(n, 0);
            raw.addWatch(n, 1);
            raw.removeWatches(n, 2);
            raw.checkWatches(n, 2);
            raw.checkWatches(n, 1);
            raw.checkWatches(n, 4);
            raw.checkWatches(n, 5);
            t.op("S1 create n/d (the child, persistent and recursive watches fire)", () -> zk.create(n + "/d", null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            raw.flush("flush");
            raw.checkWatches(n, 1);
            raw.removeWatches(n, 5);
            t.op("S1 setData n (only the persistent watch is left)", () -> zk.setData(n, "x".getBytes(UTF_8), -1)
                    .getVersion());
            raw.flush("flush");
            raw.removeWatches(n, 3);
            t.op("S1 setData n (no watch left)", () -> zk.setData(n, "y".getBytes(UTF_8), -1).getVersion());
            raw.flush("flush");
            raw.checkWatches("relative", 3);
            raw.close();
        });
    }

    @Test
    void unknownWatcherTypesAndAddWatchModes() {
        servers.run("rawWatchBadArguments", ctx -> {
            Transcript t = ctx.t();
            String n = ctx.path("n");
            t.op("create n", () -> ctx.zk().create(n, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            Raw raw = new Raw(ctx);
            raw.read("getData", RawScenarios.OP_GET_DATA, n);
            raw.checkWatches(n, 0);
            raw.checkWatches(n, 6);
            raw.removeWatches(n, 99);
            raw.addWatch(n, 2);
            raw.addWatch(n, -1);
            raw.checkWatches(n, 3);
            raw.flush("connection still usable");
            raw.close();
        });
    }

    @Test
    void officialClientRemovesWatches() {
        servers.run("clientRemoveWatches", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper w = ctx.zk();
            TestClient s2 = ctx.connect();
            ZooKeeper zk = s2.zk();
            String n = ctx.path("n");
            t.op("create n", () -> w.create(n, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            List<String> seen = new ArrayList<>();
            Watcher a = labelled(seen, "A");
            Watcher b = labelled(seen, "B");
            Watcher p = labelled(seen, "P");
            t.op("S2 getData n (A)", () -> zk.getData(n, a, null));
            t.op("S2 getChildren n (B)", () -> zk.getChildren(n, b));
            t.run("S2 addWatch n persistent (P)", () -> zk.addWatch(n, p, AddWatchMode.PERSISTENT));
            t.run("S2 removeWatches n A Children (A holds none)", () -> zk.removeWatches(n, a, WatcherType.Children,
                    false));
            t.run("S2 removeWatches n A Data", () -> zk.removeWatches(n, a, WatcherType.Data, false));
            t.run("S2 removeWatches n A Data again", () -> zk.removeWatches(n, a, WatcherType.Data, false));
            t.op("S1 setData n", () -> w.setData(n, "x".getBytes(UTF_8), -1).getVersion());
            s2.barrier();
            record(t, seen);
            t.run("S2 removeAllWatches n Persistent", () -> zk.removeAllWatches(n, WatcherType.Persistent, false));
            t.op("S1 setData n", () -> w.setData(n, "y".getBytes(UTF_8), -1).getVersion());
            s2.barrier();
            record(t, seen);
            t.run("S2 removeAllWatches n Any", () -> zk.removeAllWatches(n, WatcherType.Any, false));
            t.run("S2 removeAllWatches n Any again", () -> zk.removeAllWatches(n, WatcherType.Any, false));
            t.op("S1 create n/c", () -> w.create(n + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            s2.barrier();
            record(t, seen);
            t.op("S2 exists missing (A)", () -> zk.exists(ctx.path("missing"), a));
            t.run("S2 removeWatches missing A Any", () -> zk.removeWatches(ctx.path("missing"), a, WatcherType.Any,
                    false));
            t.op("S2 getData n (A)", () -> zk.getData(n, a, null));
            t.run("S2 removeWatches n A Data local", () -> zk.removeWatches(n, a, WatcherType.Data, true));
            t.op("S1 setData n (the server still holds the watch; the client drops the event)", () ->
                    w.setData(n, "z".getBytes(UTF_8), -1).getVersion());
            s2.barrier();
            record(t, seen);
            ctx.events("S2 default watcher", s2);
        });
    }

    private static Watcher labelled(List<String> into, String label) {
        return event -> {
            synchronized (into) {
                into.add(label + ": " + event.getType() + " " + event.getPath());
            }
        };
    }

    private static void record(Transcript t, List<String> seen) {
        synchronized (seen) {
            if (seen.isEmpty()) {
                t.line("  watchers: nothing");
            }
            seen.stream().sorted().forEach(s -> t.line("  watcher " + s));
            seen.clear();
        }
    }

    @Test
    void setWatchesFiresAtOnceForWhatChangedAndRegistersTheRest() {
        servers.run("rawSetWatches", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            long base = zk.exists(ctx.root(), false).getCzxid();
            for (String name : List.of("same", "changed", "kids-same", "kids-changed", "exists")) {
                zk.create(ctx.path(name), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
            Stat mark = new Stat();
            zk.create(ctx.path("mark"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, mark);
            t.op("setData changed", () -> zk.setData(ctx.path("changed"), "x".getBytes(UTF_8), -1).getVersion());
            t.op("create kids-changed/k", () -> zk.create(ctx.path("kids-changed/k"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("setData kids-same (data, not children)", () -> zk.setData(ctx.path("kids-same"), "x".getBytes(UTF_8),
                    -1)
                    .getVersion());
            Raw raw = new Raw(ctx);
            long relative = mark.getCzxid();
            t.line("relativeZxid = " + t.zxid(relative));
            List<String> data = List.of(ctx.path("same"), ctx.path("changed"), ctx.path("gone"));
            List<String> exist = List.of(ctx.path("exists"), ctx.path("not-yet"));
            List<String> child = List.of(ctx.path("kids-same"), ctx.path("kids-changed"), ctx.path("gone2"));
            JuteBytes body = JuteBytes.create().i64(relative);
            strings(strings(strings(body, data), exist), child);
            raw.call("setWatches (101)", OP_SET_WATCHES, body.bytes());
            t.op("S1 setData same", () -> zk.setData(ctx.path("same"), "1".getBytes(UTF_8), -1).getVersion());
            t.op("S1 create not-yet", () -> zk.create(ctx.path("not-yet"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("S1 create kids-same/k", () -> zk.create(ctx.path("kids-same/k"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            raw.flush("flush");
            JuteBytes body2 = JuteBytes.create().i64(0);
            strings(strings(strings(strings(strings(body2, List.of(ctx.path("same"))), List.of(ctx.path("absent"))),
                    List.of(ctx.path("kids-same"))), List.of(ctx.path("p"))), List.of(ctx.path("r")));
            raw.call("setWatches2 (105) relativeZxid 0, persistent p, recursive r", OP_SET_WATCHES2, body2.bytes());
            t.op("S1 create p", () -> zk.create(ctx.path("p"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 create r", () -> zk.create(ctx.path("r"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 create r/x", () -> zk.create(ctx.path("r/x"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 create p/x", () -> zk.create(ctx.path("p/x"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            raw.flush("flush");
            JuteBytes future = JuteBytes.create().i64(base + 1_000_000);
            strings(strings(strings(future, List.of(ctx.path("changed"))), List.of()),
                    List.of(ctx.path("kids-changed")));
            raw.call("setWatches with a relativeZxid ahead of the server", OP_SET_WATCHES, future.bytes());
            raw.close();
        });
    }

    @Test
    void aClientCutOffWhileThingsChangeReRegistersItsWatchesWhenItReconnects() {
        servers.run("setWatchesOnReconnect", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper w = ctx.zk();
            for (String name : List.of("n", "u", "e", "d", "p", "v", "q", "g", "r", "s")) {
                w.create(ctx.path(name), "0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
            CuttableProxy proxy = ctx.proxy();
            TestClient s2 = ctx.connect(proxy.connectString(), ScenarioContext.SESSION_TIMEOUT_MS);
            ZooKeeper zk = s2.zk();
            t.op("S2 getData n (watch: changes)", () -> zk.getData(ctx.path("n"), true, null));
            t.op("S2 getData u (watch: unchanged)", () -> zk.getData(ctx.path("u"), true, null));
            t.op("S2 getData d (watch: deleted)", () -> zk.getData(ctx.path("d"), true, null));
            t.op("S2 getData g (watch: changed and changed back)", () -> zk.getData(ctx.path("g"), true, null));
            t.op("S2 exists m (watch, missing: created)", () -> zk.exists(ctx.path("m"), true));
            t.op("S2 exists k (watch, missing: stays missing)", () -> zk.exists(ctx.path("k"), true));
            t.op("S2 exists e (watch, existing: deleted)", () -> zk.exists(ctx.path("e"), true) != null);
            t.op("S2 getChildren p (watch: child added)", () -> zk.getChildren(ctx.path("p"), true));
            t.op("S2 getChildren v (watch: unchanged)", () -> zk.getChildren(ctx.path("v"), true));
            t.op("S2 getChildren q (watch: deleted)", () -> zk.getChildren(ctx.path("q"), true));
            t.run("S2 addWatch r persistent", () -> zk.addWatch(ctx.path("r"), AddWatchMode.PERSISTENT));
            t.run("S2 addWatch s recursive", () -> zk.addWatch(ctx.path("s"), AddWatchMode.PERSISTENT_RECURSIVE));
            proxy.cut();
            s2.awaitState(KeeperState.Disconnected);
            t.line("S2's connection cut");
            t.op("S1 setData n", () -> w.setData(ctx.path("n"), "1".getBytes(UTF_8), -1).getVersion());
            t.run("S1 delete d", () -> w.delete(ctx.path("d"), -1));
            t.op("S1 setData g to 1", () -> w.setData(ctx.path("g"), "1".getBytes(UTF_8), -1).getVersion());
            t.op("S1 setData g back to 0", () -> w.setData(ctx.path("g"), "0".getBytes(UTF_8), -1).getVersion());
            t.op("S1 create m", () -> w.create(ctx.path("m"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.run("S1 delete e", () -> w.delete(ctx.path("e"), -1));
            t.op("S1 create p/c", () -> w.create(ctx.path("p/c"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.run("S1 delete q", () -> w.delete(ctx.path("q"), -1));
            t.op("S1 setData r (while cut: lost)", () -> w.setData(ctx.path("r"), "1".getBytes(UTF_8),
                    -1).getVersion());
            t.op("S1 create s/x (while cut: lost)", () -> w.create(ctx.path("s/x"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            proxy.restore();
            await("S2 reconnected").atMost(TestClient.WAIT).pollInterval(Duration.ofMillis(5))
                    .until(() -> lastState(s2) == KeeperState.SyncConnected);
            t.value("S2 states (repeats collapsed)", collapsed(s2.states()));
            ctx.eventsSorted("S2 after reconnect", s2);
            t.op("S1 setData u", () -> w.setData(ctx.path("u"), "1".getBytes(UTF_8), -1).getVersion());
            t.op("S1 create v/c", () -> w.create(ctx.path("v/c"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 create k", () -> w.create(ctx.path("k"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 setData r", () -> w.setData(ctx.path("r"), "2".getBytes(UTF_8), -1).getVersion());
            t.op("S1 create s/y", () -> w.create(ctx.path("s/y"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 setData n (watch used up by the reconnect event)", () -> w.setData(ctx.path("n"),
                    "2".getBytes(UTF_8),
                    -1).getVersion());
            ctx.events("S2", s2);
        });
    }

    @Test
    void setWatchesEventsForNodesTheClientCannotRead() {
        servers.run("setWatchesUnreadable", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper alice = ctx.zk();
            alice.addAuthInfo("digest", "alice:secret".getBytes(UTF_8));
            for (String name : List.of("sec", "cs")) {
                t.op("create " + name + " (alice only)", () -> alice.create(ctx.path(name), null, Ids.CREATOR_ALL_ACL,
                        CreateMode.PERSISTENT));
            }
            Stat mark = new Stat();
            alice.create(ctx.path("mark"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, mark);
            t.op("setData sec", () -> alice.setData(ctx.path("sec"), "1".getBytes(UTF_8), -1).getVersion());
            t.op("create cs/c", () -> alice.create(ctx.path("cs/c"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create new (alice only)", () -> alice.create(ctx.path("new"), null, Ids.CREATOR_ALL_ACL,
                    CreateMode.PERSISTENT));
            Raw raw = new Raw(ctx);
            JuteBytes body = JuteBytes.create().i64(mark.getCzxid());
            strings(strings(strings(body, List.of(ctx.path("sec"))), List.of(ctx.path("new"))),
                    List.of(ctx.path("cs")));
            raw.call("setWatches (no credentials) for changed nodes it cannot read", OP_SET_WATCHES, body.bytes());
            raw.close();
        });
    }

    private static KeeperState lastState(TestClient client) {
        List<KeeperState> states = client.states();
        return states.isEmpty() ? null : states.get(states.size() - 1);
    }

    /** Connection states with consecutive repeats collapsed: each failed retry reports Disconnected again. */
    private static List<KeeperState> collapsed(List<KeeperState> states) {
        List<KeeperState> out = new ArrayList<>();
        for (KeeperState s : states) {
            if (out.isEmpty() || out.get(out.size() - 1) != s) {
                out.add(s);
            }
        }
        return out;
    }
}
