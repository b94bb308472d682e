package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client connected with {@code host:port/app}: the server knows nothing of the chroot, so every
 * path it returns (create results, multi results, notifications, sync) must be the full path the
 * client then strips; getEphemerals is the exception, neither prefixed nor stripped (§4.3).
 */
class ChrootDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults());

    @Test
    void everyPathComesBackUnderTheChroot() {
        servers.run("chroot", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper outside = ctx.zk();
            String app = ctx.path("app");
            t.op("S1 create app", () -> outside.create(app, "root".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            TestClient chrooted = ctx.connect(ctx.server().connectString() + app, ScenarioContext.SESSION_TIMEOUT_MS);
            ZooKeeper zk = chrooted.zk();
            t.op("S2 exists / (the chroot itself)", () -> zk.exists("/", false));
            t.op("S2 getData /", () -> zk.getData("/", false, null));
            t.op("S2 create /a", () -> zk.create("/a", "x".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            Stat stat = new Stat();
            t.op("S2 create2 /b", () -> zk.create("/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat) + " "
                    + t.render(stat));
            t.op("S2 create /s- sequential", () -> zk.create("/s-", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_SEQUENTIAL));
            t.op("S2 create /a/s- ephemeral sequential", () -> zk.create("/a/s-", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL_SEQUENTIAL));
            t.op("S2 create /e ephemeral", () -> zk.create("/e", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
            t.op("S2 create /c container", () -> zk.create("/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER));
            CompletableFuture<String> async = new CompletableFuture<>();
            zk.create("/async-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, (rc, path, c, name) ->
                    async.complete("rc=" + Transcript.codeName(rc) + " path=" + path + " name=" + name), null);
            t.value("S2 async create /async- sequential", async.get(30, TimeUnit.SECONDS));
            t.op("S2 getChildren /", () -> zk.getChildren("/", false));
            t.op("S1 getChildren app", () -> outside.getChildren(app, false));
            t.op("S2 getAllChildrenNumber /", () -> zk.getAllChildrenNumber("/"));
            t.op("S2 getACL /a", () -> zk.getACL("/a", null));
            t.op("S2 setACL /a", () -> zk.setACL("/a", Ids.OPEN_ACL_UNSAFE, -1).getAversion());
            t.op("S2 multi", () -> zk.multi(List.of(
                    Op.create("/m", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.create("/m/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                    Op.setData("/a", "y".getBytes(UTF_8), -1),
                    Op.check("/b", 0),
                    Op.delete("/b", -1))));
            t.op("S2 failing multi", () -> zk.multi(List.of(
                    Op.create("/m2", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.delete("/missing", -1))));
            t.op("S2 multiRead", () -> zk.multi(List.of(Op.getData("/a"), Op.getChildren("/m"),
                    Op.getData("/missing"))));
            t.op("S2 getEphemerals (not chrooted)", () -> zk.getEphemerals());
            t.op("S2 getEphemerals / (not chrooted)", () -> zk.getEphemerals("/"));
            t.op("S2 getEphemerals app (the full path)", () -> zk.getEphemerals(app));
            t.op("S2 getEphemerals /a (matches nothing: not prefixed)", () -> zk.getEphemerals("/a"));
            CompletableFuture<String> synced = new CompletableFuture<>();
            zk.sync("/a", (rc, path, c) -> synced.complete("rc=" + Transcript.codeName(rc) + " path=" + path), null);
            t.value("S2 sync /a", synced.get(30, TimeUnit.SECONDS));
            t.run("S2 sync /", () -> zk.sync("/"));
            t.op("S2 whoAmI", () -> zk.whoAmI());
            t.op("S2 exists /w (watch, missing)", () -> zk.exists("/w", true));
            t.op("S2 getData /a (watch)", () -> zk.getData("/a", true, null));
            t.op("S2 getChildren / (watch)", () -> zk.getChildren("/", true));
            t.run("S2 addWatch /r recursive", () -> zk.addWatch("/r", AddWatchMode.PERSISTENT_RECURSIVE));
            t.op("S1 create app/w", () -> outside.create(app + "/w", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 setData app/a", () -> outside.setData(app + "/a", "z".getBytes(UTF_8), -1).getVersion());
            t.op("S1 create app/r", () -> outside.create(app + "/r", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 create app/r/deep", () -> outside.create(app + "/r/deep", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            ctx.events("S2", chrooted);
            t.op("S2 exists /zookeeper (inside the chroot)", () -> zk.exists("/zookeeper", false));
            t.run("S2 delete / (the chroot node, not empty)", () -> zk.delete("/", -1));
            t.op("S2 create / (the chroot node exists)", () -> zk.create("/", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            TestClient missingRoot = ctx.connect(ctx.server().connectString() + ctx.path("nowhere"),
                    ScenarioContext.SESSION_TIMEOUT_MS);
            t.op("S3 (chroot that does not exist) exists /", () -> missingRoot.zk().exists("/", false));
            t.op("S3 create /x", () -> missingRoot.zk().create("/x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S3 create / (creates the chroot node)", () -> missingRoot.zk().create("/", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("S1 getChildren root", () -> outside.getChildren(ctx.root(), false));
            chrooted.close();
            t.line("S2 closed");
            t.op("S1 getChildren app after S2 closed (ephemerals gone)", () -> outside.getChildren(app, false));
        });
    }
}
