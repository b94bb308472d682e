package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The error codes of the write operations as the official client surfaces them, and the zxids the
 * failed writes use up (visible in the czxid/mzxid of the next successful write).
 */
class ErrorCodesDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults());

    @Test
    void createErrors() {
        servers.run("createErrors", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            Stat s = new Stat();
            t.op("create under missing parent", () -> zk.create(ctx.path("missing/child"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create a", () -> zk.create(ctx.path("a"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create a again", () -> zk.create(ctx.path("a"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create a again as ephemeral", () -> zk.create(ctx.path("a"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            t.op("create eph", () -> zk.create(ctx.path("eph"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
            t.op("create under ephemeral", () -> zk.create(ctx.path("eph/x"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            t.op("create existing under ephemeral", () -> zk.create(ctx.path("eph"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create b (zxid after the failures)", () -> zk.create(ctx.path("b"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT, s));
            t.value("  stat", s);
            // Paths the official client refuses before sending anything.
            t.op("create a/ (client check)", () -> zk.create(ctx.path("a/"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create a//b (client check)", () -> zk.create(ctx.path("a//b"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create a/./b (client check)", () -> zk.create(ctx.path("a/./b"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            // ACL errors.
            t.op("create with empty ACL (client check)", () -> zk.create(ctx.path("acl-empty"), null, Acls.of(),
                    CreateMode.PERSISTENT));
            t.op("create with CREATOR_ALL_ACL without auth", () -> zk.create(ctx.path("acl-creator"), null,
                    Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
            t.op("create with digest id without colon", () -> zk.create(ctx.path("acl-digest"), null,
                    Acls.of(new ACL(Perms.ALL, new Id("digest", "nocolon"))), CreateMode.PERSISTENT));
            t.op("create with unknown scheme", () -> zk.create(ctx.path("acl-unknown"), null,
                    Acls.of(new ACL(Perms.ALL, new Id("nosuchscheme", "x"))), CreateMode.PERSISTENT));
            t.op("create with bad ip", () -> zk.create(ctx.path("acl-badip"), null,
                    Acls.of(new ACL(Perms.ALL, new Id("ip", "999.1.2.3"))), CreateMode.PERSISTENT));
            t.op("create with ip ACL", () -> zk.create(ctx.path("acl-ip"), null,
                    Acls.of(new ACL(Perms.ALL, new Id("ip", "127.0.0.1"))), CreateMode.PERSISTENT));
            t.op("getACL acl-ip", () -> zk.getACL(ctx.path("acl-ip"), null));
            t.op("create with duplicate ACL entries", () -> zk.create(ctx.path("acl-dup"), null,
                    Acls.of(new ACL(Perms.ALL, Ids.ANYONE_ID_UNSAFE), new ACL(Perms.ALL, Ids.ANYONE_ID_UNSAFE)),
                    CreateMode.PERSISTENT));
            t.op("getACL acl-dup", () -> zk.getACL(ctx.path("acl-dup"), null));
            // CREATOR_ALL_ACL with digest auth, then what another session may do there.
            TestClient authed = ctx.connect();
            authed.zk().addAuthInfo("digest", "alice:secret".getBytes(UTF_8));
            t.op("S2 (alice) whoAmI", () -> authed.zk().whoAmI());
            t.op("S2 create with CREATOR_ALL_ACL", () -> authed.zk().create(ctx.path("alice"), "x".getBytes(UTF_8),
                    Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
            t.op("S2 getACL alice", () -> authed.zk().getACL(ctx.path("alice"), null));
            t.op("S1 getACL alice", () -> zk.getACL(ctx.path("alice"), null));
            t.op("S1 getData alice", () -> zk.getData(ctx.path("alice"), false, null));
            t.op("S1 exists alice", () -> zk.exists(ctx.path("alice"), false));
            t.op("S1 setData alice", () -> zk.setData(ctx.path("alice"), null, -1));
            t.op("S1 create under alice", () -> zk.create(ctx.path("alice/c"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("S1 getChildren alice", () -> zk.getChildren(ctx.path("alice"), false));
            t.op("S1 setACL alice", () -> zk.setACL(ctx.path("alice"), Ids.OPEN_ACL_UNSAFE, -1));
            t.op("S2 create alice/c", () -> authed.zk().create(ctx.path("alice/c"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("S1 delete alice/c", () -> {
                zk.delete(ctx.path("alice/c"), -1);
                return "ok";
            });
            // Read-only node: children cannot be created, data cannot be written.
            t.op("create read-only node", () -> zk.create(ctx.path("ro"), null, Ids.READ_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create under read-only node", () -> zk.create(ctx.path("ro/c"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("setData read-only node", () -> zk.setData(ctx.path("ro"), null, -1));
            t.op("getData read-only node", () -> zk.getData(ctx.path("ro"), false, null));
            t.op("delete read-only node (parent allows)", () -> {
                zk.delete(ctx.path("ro"), -1);
                return "ok";
            });
            // The reserved subtree accepts new children.
            t.op("create /zookeeper/<name>", () -> zk.create("/zookeeper/" + ctx.root().substring(1), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.run("delete /zookeeper/<name>", () -> zk.delete("/zookeeper/" + ctx.root().substring(1), -1));
            t.op("create c (final zxid)", () -> zk.create(ctx.path("c"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT, s));
            t.value("  stat", s);
        });
    }

    @Test
    void deleteErrors() {
        servers.run("deleteErrors", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("create p", () -> zk.create(ctx.path("p"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create p/c", () -> zk.create(ctx.path("p/c"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.run("delete p (not empty)", () -> zk.delete(ctx.path("p"), -1));
            t.run("delete p/c version 5", () -> zk.delete(ctx.path("p/c"), 5));
            t.run("delete missing", () -> zk.delete(ctx.path("missing"), -1));
            t.run("delete missing with version", () -> zk.delete(ctx.path("missing"), 3));
            t.run("delete under missing", () -> zk.delete(ctx.path("missing/x"), -1));
            for (String builtin : List.of("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config")) {
                t.run("delete " + builtin, () -> zk.delete(builtin, -1));
                t.run("delete " + builtin + " version 0", () -> zk.delete(builtin, 0));
            }
            t.run("delete p/c version 0", () -> zk.delete(ctx.path("p/c"), 0));
            ctx.stat("p", ctx.path("p"));
            t.run("delete p", () -> zk.delete(ctx.path("p"), 0));
            ctx.stat("root", ctx.root());
            ctx.stat("/zookeeper", "/zookeeper");
        });
    }

    @Test
    void setDataErrors() {
        servers.run("setDataErrors", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("create n", () -> zk.create(ctx.path("n"), "v0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("setData n version 1", () -> zk.setData(ctx.path("n"), "x".getBytes(UTF_8), 1));
            t.op("setData n version 0", () -> zk.setData(ctx.path("n"), "v1".getBytes(UTF_8), 0));
            t.op("setData n version 0 again", () -> zk.setData(ctx.path("n"), "x".getBytes(UTF_8), 0));
            t.op("setData n version -1", () -> zk.setData(ctx.path("n"), "v2".getBytes(UTF_8), -1));
            t.op("setData n null", () -> zk.setData(ctx.path("n"), null, 2));
            t.op("getData n", () -> zk.getData(ctx.path("n"), false, null));
            t.op("setData n empty", () -> zk.setData(ctx.path("n"), new byte[0], -1));
            t.op("getData n", () -> zk.getData(ctx.path("n"), false, null));
            t.op("setData missing", () -> zk.setData(ctx.path("missing"), null, -1));
            t.op("setData missing with version", () -> zk.setData(ctx.path("missing"), null, 4));
            t.op("setData /zookeeper/config", () -> zk.setData("/zookeeper/config", null, -1));
            t.op("setData n 1023 KiB", () -> zk.setData(ctx.path("n"), new byte[1024 * 1023], -1));
            t.op("getData n length", () -> zk.getData(ctx.path("n"), false, null).length);
            // A request frame over jute.maxbuffer: the server drops the connection, the client reconnects.
            t.op("setData n 1 MiB (frame over the bound)", () -> zk.setData(ctx.path("n"), new byte[1024 * 1024], -1));
            ctx.client().awaitUsable(ctx.path("n"));
            t.value("S1 states", ctx.client().states());
            t.op("getData n length", () -> zk.getData(ctx.path("n"), false, null).length);
            t.op("setData n (final zxid)", () -> zk.setData(ctx.path("n"), "end".getBytes(UTF_8), -1));
        });
    }
}
