package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * Reads and ACLs: exists, getData (null versus empty data), getChildren and getChildren2 with Stat,
 * getAllChildrenNumber, getEphemerals with and without prefix, sync, whoAmI, getACL/setACL, and the
 * built-in nodes of a fresh server.
 */
class ReadOpsDifferentialTest {

    private static final List<String> BUILTINS = List.of("/", "/zookeeper", "/zookeeper/config", "/zookeeper/quota");

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults());

    @Test
    void builtinNodesOfAFreshServer() {
        servers.runOnFreshServers("builtinNodes", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.value("S1", t.session(zk.getSessionId()));
            for (String path : BUILTINS) {
                Stat aclStat = new Stat();
                t.op("getACL " + path, () -> zk.getACL(path, aclStat));
                t.value("  acl stat", aclStat);
                Stat dataStat = new Stat();
                t.op("getData " + path, () -> zk.getData(path, false, dataStat));
                t.value("  data stat", dataStat);
                t.op("getChildren2 " + path, () -> {
                    Stat childStat = new Stat();
                    List<String> children = zk.getChildren(path, false, childStat);
                    return t.render(children) + " " + t.render(childStat);
                });
                t.op("getAllChildrenNumber " + path, () -> zk.getAllChildrenNumber(path));
            }
            t.op("create /a", () -> zk.create("/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create /a/b", () -> zk.create("/a/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
            t.op("getAllChildrenNumber /", () -> zk.getAllChildrenNumber("/"));
            t.op("getAllChildrenNumber /a", () -> zk.getAllChildrenNumber("/a"));
            t.op("getChildren /", () -> zk.getChildren("/", false));
            t.op("exists /", () -> zk.exists("/", false));
            t.op("setData /", () -> zk.setData("/", "root".getBytes(UTF_8), 0));
            t.op("setACL / version 0", () -> zk.setACL("/", Ids.OPEN_ACL_UNSAFE, 0));
            t.op("setACL / version 0 again", () -> zk.setACL("/", Ids.OPEN_ACL_UNSAFE, 0));
            t.op("setACL /zookeeper/config", () -> zk.setACL("/zookeeper/config", Ids.OPEN_ACL_UNSAFE, -1));
            t.op("setACL /zookeeper/config version -1 (aversion is -1)", () ->
                    zk.setACL("/zookeeper/config", Ids.READ_ACL_UNSAFE, -1));
            t.op("setACL /zookeeper/quota", () -> zk.setACL("/zookeeper/quota", Ids.OPEN_ACL_UNSAFE, 0));
            t.op("setData /zookeeper", () -> zk.setData("/zookeeper", null, -1));
            t.run("delete /a (not empty)", () -> zk.delete("/a", -1));
            t.op("exists / at the end", () -> zk.exists("/", false));
            t.op("exists /zookeeper at the end", () -> zk.exists("/zookeeper", false));
        });
    }

    @Test
    void existsAndGetData() {
        servers.run("existsAndGetData", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("exists missing", () -> zk.exists(ctx.path("missing"), false));
            t.op("exists missing/child", () -> zk.exists(ctx.path("missing/child"), false));
            t.op("getData missing", () -> zk.getData(ctx.path("missing"), false, null));
            t.op("create null-data", () -> zk.create(ctx.path("null-data"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create empty-data", () -> zk.create(ctx.path("empty-data"), new byte[0], Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create binary-data", () -> zk.create(ctx.path("binary-data"), new byte[] {0, 1, -1, 127, -128},
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create utf8 name", () -> zk.create(ctx.path("caf\u00e9-\u65e5\u672c"), "\u00e9".getBytes(UTF_8),
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            for (String name : List.of("null-data", "empty-data", "binary-data", "caf\u00e9-\u65e5\u672c")) {
                Stat s = new Stat();
                t.op("getData " + name, () -> zk.getData(ctx.path(name), false, s));
                t.value("  stat", s);
                t.op("exists " + name, () -> zk.exists(ctx.path(name), false));
            }
            t.op("getChildren root", () -> zk.getChildren(ctx.root(), false));
            t.op("exists with a NUL in the path (client check)", () -> zk.exists(ctx.path("a\u0000b"), false));
        });
    }

    @Test
    void getChildrenAndGetChildren2() {
        servers.run("children", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("getChildren empty root", () -> zk.getChildren(ctx.root(), false));
            for (int i = 0; i < 12; i++) {
                String name = "c" + ((i * 7) % 12);
                t.op("create " + name, () -> zk.create(ctx.path(name), null, Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT));
            }
            t.op("create c3/x", () -> zk.create(ctx.path("c3/x"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("getChildren root", () -> zk.getChildren(ctx.root(), false));
            Stat s = new Stat();
            t.op("getChildren2 root", () -> zk.getChildren(ctx.root(), false, s));
            t.value("  stat", s);
            t.op("getChildren2 c3", () -> {
                Stat c3 = new Stat();
                return t.render(zk.getChildren(ctx.path("c3"), false, c3)) + " " + t.render(c3);
            });
            t.op("getChildren leaf", () -> zk.getChildren(ctx.path("c0"), false));
            t.op("getChildren missing", () -> zk.getChildren(ctx.path("missing"), false));
            t.op("getChildren2 missing", () -> zk.getChildren(ctx.path("missing"), false, new Stat()));
            t.op("getAllChildrenNumber root", () -> zk.getAllChildrenNumber(ctx.root()));
            t.op("getAllChildrenNumber c3", () -> zk.getAllChildrenNumber(ctx.path("c3")));
            t.op("getAllChildrenNumber leaf", () -> zk.getAllChildrenNumber(ctx.path("c3/x")));
            t.op("getAllChildrenNumber missing", () -> zk.getAllChildrenNumber(ctx.path("missing")));
            t.op("getAllChildrenNumber /zookeeper", () -> zk.getAllChildrenNumber("/zookeeper"));
        });
    }

    @Test
    void getEphemerals() {
        servers.run("ephemerals", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("S1 getEphemerals with none", () -> zk.getEphemerals());
            t.op("create p", () -> zk.create(ctx.path("p"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create e1", () -> zk.create(ctx.path("e1"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
            t.op("create p/e2", () -> zk.create(ctx.path("p/e2"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
            t.op("create p/s-", () -> zk.create(ctx.path("p/s-"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL_SEQUENTIAL));
            TestClient other = ctx.connect();
            t.op("S2 create p/other", () -> other.zk().create(ctx.path("p/other"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            t.op("S1 getEphemerals", () -> zk.getEphemerals());
            t.op("S1 getEphemerals \"\"", () -> zk.getEphemerals(""));
            t.op("S1 getEphemerals /", () -> zk.getEphemerals("/"));
            t.op("S1 getEphemerals root/p", () -> zk.getEphemerals(ctx.path("p")));
            t.op("S1 getEphemerals root/p/", () -> zk.getEphemerals(ctx.path("p/")));
            t.op("S1 getEphemerals root/e (string prefix)", () -> zk.getEphemerals(ctx.path("e")));
            t.op("S1 getEphemerals nothing matches", () -> zk.getEphemerals("/nothing-here"));
            t.op("S2 getEphemerals", () -> other.zk().getEphemerals());
            t.op("S2 getEphemerals root/p", () -> other.zk().getEphemerals(ctx.path("p")));
            t.run("delete e1", () -> zk.delete(ctx.path("e1"), -1));
            t.op("S1 getEphemerals after delete", () -> zk.getEphemerals(ctx.root()));
            CompletableFuture<String> async = new CompletableFuture<>();
            zk.getEphemerals(ctx.root(), (rc, c, paths) -> async.complete(
                    "rc=" + Transcript.codeName(rc) + " paths=" + t.render(paths)), null);
            t.value("S1 async getEphemerals", async.get(30, TimeUnit.SECONDS));
        });
    }

    @Test
    void syncAndWhoAmI() {
        servers.run("syncAndWhoAmI", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.run("sync root", () -> zk.sync(ctx.root()));
            t.run("sync missing", () -> zk.sync(ctx.path("missing")));
            CompletableFuture<String> async = new CompletableFuture<>();
            zk.sync(ctx.path("missing"), (rc, path, c) -> async.complete(
                    "rc=" + Transcript.codeName(rc) + " path=" + path), null);
            t.value("async sync missing", async.get(30, TimeUnit.SECONDS));
            t.op("whoAmI", () -> zk.whoAmI());
            zk.addAuthInfo("digest", "bob:pw".getBytes(UTF_8));
            t.op("whoAmI after digest auth", () -> zk.whoAmI());
            zk.addAuthInfo("digest", "carol:pw".getBytes(UTF_8));
            t.op("whoAmI after second digest auth", () -> zk.whoAmI());
            zk.addAuthInfo("digest", "bob:pw".getBytes(UTF_8));
            t.op("whoAmI after repeating the first", () -> zk.whoAmI());
            t.op("create with auth ACL", () -> zk.create(ctx.path("mine"), null, Ids.CREATOR_ALL_ACL,
                    CreateMode.PERSISTENT));
            t.op("getACL mine (sorted)", () -> t.unorderedAcl(zk.getACL(ctx.path("mine"), null)));
            t.op("getData after sync", () -> zk.getData(ctx.path("mine"), false, null));
        });
    }

    @Test
    void setAclWithVersions() {
        servers.run("setAcl", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String n = ctx.path("n");
            t.op("create n", () -> zk.create(n, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            Stat s = new Stat();
            t.op("getACL n", () -> zk.getACL(n, s));
            t.value("  stat", s);
            List<ACL> two = Acls.of(new ACL(Perms.READ | Perms.ADMIN, Ids.ANYONE_ID_UNSAFE),
                    new ACL(Perms.ALL, new Id("ip", "10.0.0.0/8")));
            t.op("setACL n version 0", () -> zk.setACL(n, two, 0));
            t.op("getACL n", () -> zk.getACL(n, s));
            t.value("  stat", s);
            t.op("setACL n version 0 again", () -> zk.setACL(n, Ids.OPEN_ACL_UNSAFE, 0));
            t.op("setACL n version 7", () -> zk.setACL(n, Ids.OPEN_ACL_UNSAFE, 7));
            t.op("setData n (no WRITE for us)", () -> zk.setData(n, null, -1));
            t.op("setACL n version -1", () -> zk.setACL(n, Ids.OPEN_ACL_UNSAFE, -1));
            t.op("setACL n empty list (client check)", () -> zk.setACL(n, Acls.of(), -1));
            t.op("setACL n unknown scheme", () -> zk.setACL(n, Acls.of(new ACL(Perms.ALL, new Id("nope", "x"))), -1));
            t.op("setACL n auth without auth", () -> zk.setACL(n, Ids.CREATOR_ALL_ACL, -1));
            t.op("setACL missing", () -> zk.setACL(ctx.path("missing"), Ids.OPEN_ACL_UNSAFE, -1));
            t.op("setACL n read-only", () -> zk.setACL(n, Ids.READ_ACL_UNSAFE, 2));
            t.op("setACL n after losing ADMIN", () -> zk.setACL(n, Ids.OPEN_ACL_UNSAFE, 3));
            t.op("getACL n without ADMIN", () -> zk.getACL(n, s));
            t.value("  stat", s);
            t.op("exists n", () -> zk.exists(n, false));
            t.op("create n2 with digest ACL", () -> zk.create(ctx.path("n2"), null,
                    Acls.of(new ACL(Perms.ALL, new Id("digest", "dave:c2VjcmV0aGFzaA=="))), CreateMode.PERSISTENT));
            t.op("getACL n2 (no ADMIN: digest masked?)", () -> zk.getACL(ctx.path("n2"), null));
            t.op("create n3 read+digest", () -> zk.create(ctx.path("n3"), null,
                    Acls.of(new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE),
                            new ACL(Perms.ALL, new Id("digest", "erin:c2VjcmV0aGFzaA=="))), CreateMode.PERSISTENT));
            t.op("getACL n3 (READ only: digest masked?)", () -> zk.getACL(ctx.path("n3"), null));
        });
    }
}
