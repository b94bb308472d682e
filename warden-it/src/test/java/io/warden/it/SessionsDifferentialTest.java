package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions: negotiated timeouts, closeSession and expiry deleting ephemerals (with the watch events
 * they fire), re-attaching to a live session, and the Expired answer to a wrong password or an unknown
 * session.
 */
class SessionsDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults());

    @Test
    void negotiatedSessionTimeoutsAreClamped() {
        servers.run("negotiatedTimeouts", ctx -> {
            Transcript t = ctx.t();
            // The 3.9.3 client cannot itself ask for 1 ms (it times out its own handshake) or for 10^9 ms
            // (it overflows and reports Expired without waiting): those go over a raw socket below.
            for (int requested : new int[] {1000, 3999, 4000, 30_000, 40_000, 40_001, 100_000}) {
                try (TestClient c = ctx.connect(requested)) {
                    t.value("client requested " + requested + " ms, negotiated", c.zk().getSessionTimeout());
                }
            }
            int xid = 1;
            for (int requested : new int[] {1, 0, -5, 1_000_000_000, Integer.MAX_VALUE}) {
                try (RawConnection raw = ctx.raw()) {
                    RawConnection.ConnectResponse r = raw.handshake(requested);
                    t.line("raw requested " + requested + " ms -> timeout=" + r.timeout()
                            + " session=" + t.session(r.sessionId()) + " frame=" + r.frameLength());
                    RawConnection.Outcome closed = raw.closeSession(xid++);
                    t.line("  closeSession -> " + RawScenarios.reply(t, closed, 0) + ", then "
                            + RawConnection.describe(raw.read()));
                }
            }
            t.op("create after (zxids used by the sessions)", () -> ctx.zk().create(ctx.path("after"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        });
    }

    @Test
    void closeSessionDeletesEphemeralsAtOnce() {
        servers.run("closeSession", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("create p", () -> zk.create(ctx.path("p"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            TestClient s2 = ctx.connect();
            ZooKeeper zk2 = s2.zk();
            t.op("S2 create e", () -> zk2.create(ctx.path("e"), "x".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            t.op("S2 create s-", () -> zk2.create(ctx.path("s-"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL_SEQUENTIAL));
            t.op("S2 create p/e2", () -> zk2.create(ctx.path("p/e2"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            t.op("S1 exists e (watch)", () -> zk.exists(ctx.path("e"), true));
            t.op("S1 getChildren root (watch)", () -> zk.getChildren(ctx.root(), true));
            t.op("S1 getData p/e2 (watch)", () -> zk.getData(ctx.path("p/e2"), true, null));
            t.op("S2 getEphemerals", () -> zk2.getEphemerals(ctx.root()));
            s2.close();
            t.line("S2 closed");
            t.op("S1 exists e", () -> zk.exists(ctx.path("e"), false));
            t.op("S1 getChildren root", () -> zk.getChildren(ctx.root(), false));
            ctx.eventsSorted("S1", ctx.client());
            ctx.stat("root", ctx.root());
            ctx.stat("p", ctx.path("p"));
            t.op("create after (closeSession used one zxid)", () -> zk.create(ctx.path("after"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        });
    }

    @Test
    void expiryDeletesEphemeralsAndTheHandleLearnsItIsExpired() {
        servers.run("expiry", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient s2 = ctx.connect(4000);
            t.value("S2 negotiated timeout", s2.zk().getSessionTimeout());
            t.op("S2 create e", () -> s2.zk().create(ctx.path("e"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
            t.op("S2 create s-", () -> s2.zk().create(ctx.path("s-"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL_SEQUENTIAL));
            t.op("S1 exists e (watch)", () -> zk.exists(ctx.path("e"), true));
            t.op("S1 getChildren root (watch)", () -> zk.getChildren(ctx.root(), true));
            long id = s2.sessionId();
            byte[] password = s2.sessionPassword();
            s2.dropConnection();
            t.line("S2 dropped its connection without closeSession");
            ctx.client().awaitEvents(2);
            ctx.eventsSorted("S1", ctx.client());
            t.op("S1 exists e", () -> zk.exists(ctx.path("e"), false));
            t.op("S1 getChildren root", () -> zk.getChildren(ctx.root(), false));
            ctx.stat("root", ctx.root());
            TestClient again = ctx.attach(id, password, 4000);
            again.awaitState(KeeperState.Expired);
            t.value("re-attach to the expired session: states", again.states());
            t.op("create after (expiry used one zxid)", () -> zk.create(ctx.path("after"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        });
    }

    @Test
    void reattachToALiveSessionKeepsItsEphemerals() {
        servers.run("reattach", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient s2 = ctx.connect(10_000);
            t.op("S2 create e", () -> s2.zk().create(ctx.path("e"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
            long id = s2.sessionId();
            byte[] password = s2.sessionPassword();
            s2.dropConnection();
            t.line("S2 dropped its connection without closeSession");
            TestClient again = ctx.attach(id, password, 10_000);
            again.awaitState(KeeperState.SyncConnected);
            t.value("re-attached session", t.session(again.sessionId()));
            t.value("re-attached timeout", again.zk().getSessionTimeout());
            t.value("same password", java.util.Arrays.equals(password, again.sessionPassword()));
            t.op("getEphemerals through the new handle", () -> again.zk().getEphemerals(ctx.root()));
            ctx.stat("e", ctx.path("e"));
            t.op("new handle creates e2", () -> again.zk().create(ctx.path("e2"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            ctx.stat("e2", ctx.path("e2"));
            again.close();
            t.line("re-attached handle closed");
            t.op("S1 exists e", () -> zk.exists(ctx.path("e"), false));
            t.op("S1 exists e2", () -> zk.exists(ctx.path("e2"), false));
            t.op("create after", () -> zk.create(ctx.path("after"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        });
    }

    @Test
    void wrongPasswordOrUnknownSessionIsExpired() {
        servers.run("wrongPassword", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient victim = ctx.connect();
            t.op("S2 create e", () -> victim.zk().create(ctx.path("e"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            byte[] wrong = victim.sessionPassword().clone();
            for (int i = 0; i < wrong.length; i++) {
                wrong[i] = (byte) ~wrong[i];
            }
            TestClient bad = ctx.attach(victim.sessionId(), wrong, 30_000);
            bad.awaitState(KeeperState.Expired);
            t.value("S2's id with a wrong password: states", bad.states());
            // Whether the attempt cost S2 its connection: once the rejection is out, S2's old connection is
            // either intact or already closed by the server, so retrying until a read succeeds and then
            // looking at S2's states is deterministic.
            victim.awaitUsable(ctx.path("e"));
            t.value("S2 states after the attempt", victim.states());
            TestClient unknown = ctx.attach(0x7777_0000_0000_0001L, new byte[16], 30_000);
            unknown.awaitState(KeeperState.Expired);
            t.value("unknown session: states", unknown.states());
            t.op("S2 exists e", () -> victim.zk().exists(ctx.path("e"), false));
            // Raw view of the same rejection: the exact ConnectResponse, then the close.
            try (RawConnection raw = ctx.raw()) {
                RawConnection.ConnectResponse r = raw.handshake(0, 30_000, victim.sessionId(), wrong, true);
                t.line("raw wrong password -> frame=" + r.frameLength() + " protocolVersion=" + r.protocolVersion()
                        + " timeout=" + r.timeout() + " session=" + t.session(r.sessionId())
                        + " passwordZero=" + RawConnection.allZero(r.password())
                        + " passwordLength=" + (r.password() == null ? -1 : r.password().length)
                        + " readOnly=" + r.readOnly() + ", then " + RawConnection.describe(raw.read()));
            }
            try (RawConnection raw = ctx.raw()) {
                RawConnection.ConnectResponse r = raw.handshake(0, 30_000, 0x7777_0000_0000_0001L, new byte[16], false);
                t.line("raw unknown session, old client -> frame=" + r.frameLength() + " timeout=" + r.timeout()
                        + " session=" + t.session(r.sessionId()) + " readOnly=" + r.readOnly()
                        + ", then " + RawConnection.describe(raw.read()));
            }
            victim.awaitUsable(ctx.path("e"));
            t.op("S2 exists e at the end", () -> victim.zk().exists(ctx.path("e"), false));
            t.op("create after (rejections use no zxid)", () -> zk.create(ctx.path("after"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        });
    }

    @Test
    void authenticationWithAnUnknownSchemeFailsTheConnection() {
        servers.run("authFailed", ctx -> {
            Transcript t = ctx.t();
            t.op("create n", () -> ctx.zk().create(ctx.path("n"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            TestClient s2 = ctx.connect();
            s2.zk().addAuthInfo("nosuchscheme", "x".getBytes(UTF_8));
            t.op("S2 exists n right after a bad addAuthInfo", () -> s2.zk().exists(ctx.path("n"), false));
            s2.awaitState(KeeperState.AuthFailed);
            t.value("S2 states", s2.states());
            t.op("S2 exists n afterwards", () -> s2.zk().exists(ctx.path("n"), false));
            TestClient s3 = ctx.connect();
            s3.zk().addAuthInfo("digest", "no-colon-here".getBytes(UTF_8));
            t.op("S3 exists n after digest auth without a colon", () -> s3.zk().exists(ctx.path("n"), false));
            t.value("S3 states", s3.states());
            t.op("S3 whoAmI", () -> s3.zk().whoAmI());
            t.op("S1 still works", () -> ctx.zk().exists(ctx.path("n"), false));
        });
    }
}
