package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * multi (14) and multiRead (22): the result of every op kind, atomic failure with the per-op error
 * results (synchronous exception and asynchronous callback), check inside multi, and reads with a
 * mix of successes and failures. Extended types are on so that TTL creates can be part of a multi.
 */
class MultiDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults().withExtendedTypesEnabled(true));

    @Test
    void successfulMultiReportsEveryOpKind() {
        servers.run("multiSuccess", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("create old", () -> zk.create(ctx.path("old"), "o".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create gone", () -> zk.create(ctx.path("gone"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("multi", () -> zk.multi(List.of(
                    Op.create(ctx.path("p"), "p".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.create(ctx.path("p/s-"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                    Op.create(ctx.path("e"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL),
                    Op.create(ctx.path("es-"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL),
                    Op.create(ctx.path("container"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER),
                    Op.create(ctx.path("container/x"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.create(ctx.path("ttl"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 3_600_000),
                    Op.create(ctx.path("ttls-"), null, Ids.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, 3_600_000),
                    Op.setData(ctx.path("old"), "n".getBytes(UTF_8), 0),
                    Op.setData(ctx.path("p"), "q".getBytes(UTF_8), -1),
                    Op.check(ctx.path("old"), 1),
                    Op.check(ctx.path("p"), -1),
                    Op.delete(ctx.path("gone"), 0),
                    Op.delete(ctx.path("container/x"), -1))));
            for (String name : List.of("old", "p", "e", "container", "ttl")) {
                ctx.stat(name, ctx.path(name));
            }
            t.op("children", () -> zk.getChildren(ctx.root(), false));
            ctx.stat("root", ctx.root());
            t.op("create after (zxid)", () -> zk.create(ctx.path("after"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            CompletableFuture<String> async = new CompletableFuture<>();
            zk.multi(List.of(
                    Op.create(ctx.path("a1"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.check(ctx.path("a1"), 0),
                    Op.setData(ctx.path("a1"), "x".getBytes(UTF_8), 0),
                    Op.delete(ctx.path("a1"), 1)),
                    (rc, path, c, results) -> async.complete("rc=" + Transcript.codeName(rc) + " path=" + path
                            + " results=" + t.render(results)), null);
            t.value("async multi", async.get(30, TimeUnit.SECONDS));
            t.op("exists a1", () -> zk.exists(ctx.path("a1"), false));
            t.run("delete container", () -> zk.delete(ctx.path("container"), -1));
            t.op("empty multi", () -> zk.multi(List.of()));
        });
    }

    @Test
    void failedMultiIsAtomicAndReportsPerOpResults() {
        servers.run("multiFailure", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("create a", () -> zk.create(ctx.path("a"), "a".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("multi failing in the middle (delete missing)", () -> zk.multi(List.of(
                    Op.create(ctx.path("m1"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.delete(ctx.path("missing"), -1),
                    Op.setData(ctx.path("a"), "x".getBytes(UTF_8), -1))));
            t.op("exists m1 (rolled back)", () -> zk.exists(ctx.path("m1"), false));
            t.op("getData a (unchanged)", () -> zk.getData(ctx.path("a"), false, null));
            t.op("multi failing first (NODEEXISTS)", () -> zk.multi(List.of(
                    Op.create(ctx.path("a"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.create(ctx.path("m2"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
            t.op("multi failing last (check BADVERSION)", () -> zk.multi(List.of(
                    Op.setData(ctx.path("a"), "y".getBytes(UTF_8), 0),
                    Op.create(ctx.path("m3"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.check(ctx.path("a"), 0))));
            t.op("multi check missing", () -> zk.multi(List.of(Op.check(ctx.path("missing"), -1))));
            t.op("multi with a create depending on an earlier op", () -> zk.multi(List.of(
                    Op.create(ctx.path("d"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.create(ctx.path("d/child"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.delete(ctx.path("d"), -1))));
            t.op("multi NOCHILDRENFOREPHEMERALS", () -> zk.multi(List.of(
                    Op.create(ctx.path("eph"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL),
                    Op.create(ctx.path("eph/c"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
            t.op("multi INVALIDACL", () -> zk.multi(List.of(
                    Op.create(ctx.path("x"), null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT))));
            t.op("multi delete built-in", () -> zk.multi(List.of(Op.delete("/zookeeper", -1))));
            t.op("multi two failures", () -> zk.multi(List.of(
                    Op.setData(ctx.path("missing1"), null, -1),
                    Op.setData(ctx.path("missing2"), null, -1))));
            t.op("multi sequential create then failure", () -> zk.multi(List.of(
                    Op.create(ctx.path("s-"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                    Op.check(ctx.path("a"), 42))));
            t.op("create s- after the rolled-back sequential create", () -> zk.create(ctx.path("s-"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
            CompletableFuture<String> async = new CompletableFuture<>();
            zk.multi(List.of(
                    Op.create(ctx.path("m4"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.check(ctx.path("a"), 7),
                    Op.delete(ctx.path("a"), -1)),
                    (rc, path, c, results) -> async.complete("rc=" + Transcript.codeName(rc) + " path=" + path
                            + " results=" + t.render(results)), null);
            t.value("async failing multi", async.get(30, TimeUnit.SECONDS));
            t.op("children (nothing from failed multis)", () -> zk.getChildren(ctx.root(), false));
            ctx.stat("root", ctx.root());
            t.op("create after (zxids used by failed multis)", () -> zk.create(ctx.path("after"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("mixing reads and writes (client check)", () -> zk.multi(List.of(
                    Op.getData(ctx.path("a")), Op.delete(ctx.path("a"), -1))));
        });
    }

    @Test
    void multiReadMixesSuccessesAndFailures() {
        servers.run("multiRead", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("create a", () -> zk.create(ctx.path("a"), "a".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create a/x", () -> zk.create(ctx.path("a/x"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create a/y", () -> zk.create(ctx.path("a/y"), new byte[0], Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create secret", () -> zk.create(ctx.path("secret"), null,
                    Acls.of(new org.apache.zookeeper.data.ACL(org.apache.zookeeper.ZooDefs.Perms.WRITE,
                            Ids.ANYONE_ID_UNSAFE)), CreateMode.PERSISTENT));
            t.op("multiRead", () -> zk.multi(List.of(
                    Op.getData(ctx.path("a")),
                    Op.getData(ctx.path("missing")),
                    Op.getChildren(ctx.path("a")),
                    Op.getChildren(ctx.path("missing")),
                    Op.getData(ctx.path("a/x")),
                    Op.getData(ctx.path("a/y")),
                    Op.getChildren(ctx.path("a/x")),
                    Op.getData(ctx.path("secret")),
                    Op.getChildren(ctx.path("secret")))));
            CompletableFuture<String> async = new CompletableFuture<>();
            zk.multi(List.of(Op.getChildren(ctx.root()), Op.getData(ctx.path("nope"))),
                    (rc, path, c, results) -> async.complete("rc=" + Transcript.codeName(rc) + " path=" + path
                            + " results=" + t.render(results)), null);
            t.value("async multiRead", async.get(30, TimeUnit.SECONDS));
            t.op("create after (multiRead uses no zxid)", () -> zk.create(ctx.path("after"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        });
    }
}
