package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.TreeSet;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every create mode with extended types (TTL nodes) enabled: the returned name, the full Stat of the
 * new node and of its parent after each step, sequential numbering (wire-protocol.md §5.4) and the
 * parent's Stat after deletes.
 */
class CreateModesDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults().withExtendedTypesEnabled(true));

    @Test
    void everyCreateModeWithStatOfNodeAndParent() {
        servers.run("everyCreateMode", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.value("S1 negotiated timeout", zk.getSessionTimeout());
            ctx.stat("root before", ctx.root());
            for (CreateMode mode : CreateMode.values()) {
                String name = mode.name().toLowerCase();
                String path = ctx.path(mode.isSequential() ? name + "-" : name);
                long ttl = mode.isTTL() ? 3_600_000 : -1;
                byte[] data = mode.ordinal() % 2 == 0 ? null : name.getBytes(UTF_8);
                Stat created = new Stat();
                String actual = t.op("create2 " + mode + " " + path,
                        () -> zk.create(path, data, Ids.OPEN_ACL_UNSAFE, mode, created, ttl));
                t.value("  returned stat", created);
                if (actual != null) {
                    Stat read = new Stat();
                    t.op("  getData " + actual, () -> zk.getData(actual, false, read));
                    t.value("  getData stat", read);
                }
                ctx.stat("  parent after", ctx.root());
            }
            // The short forms: op 1 (CreateResponse, no Stat) and the container's op 19 without a Stat.
            for (CreateMode mode : new CreateMode[] {CreateMode.PERSISTENT, CreateMode.EPHEMERAL,
                    CreateMode.PERSISTENT_SEQUENTIAL, CreateMode.EPHEMERAL_SEQUENTIAL, CreateMode.CONTAINER}) {
                String path = ctx.path("short-" + mode.name().toLowerCase() + (mode.isSequential() ? "-" : ""));
                String actual = t.op("create " + mode + " " + path,
                        () -> zk.create(path, "v".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, mode));
                if (actual != null) {
                    ctx.stat("  node", actual);
                }
            }
            ctx.stat("root after", ctx.root());
            t.op("getChildren root", () -> zk.getChildren(ctx.root(), false));
            // A second session owns its own ephemerals.
            TestClient other = ctx.connect();
            t.op("S2 create EPHEMERAL", () -> other.zk().create(ctx.path("eph-of-s2"), new byte[0],
                    Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
            ctx.stat("eph-of-s2", ctx.path("eph-of-s2"));
            // TTL boundaries the client lets through: 1 ms and the maximum 2^40-1.
            Stat s = new Stat();
            t.op("create TTL ttl=1", () -> zk.create(ctx.path("ttl-min"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_WITH_TTL, s, 1));
            t.op("create TTL ttl=2^40-1", () -> zk.create(ctx.path("ttl-max"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_WITH_TTL, s, 0xFF_FFFF_FFFFL));
            t.op("create TTL ttl=0", () -> zk.create(ctx.path("ttl-zero"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_WITH_TTL, s, 0));
            t.op("create TTL ttl=2^40", () -> zk.create(ctx.path("ttl-over"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_WITH_TTL, s, 0x100_0000_0000L));
            // Children under each kind of node.
            t.op("create child of container", () -> zk.create(ctx.path("container/child"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, s));
            t.value("  stat", s);
            ctx.stat("  container after", ctx.path("container"));
            t.op("create child of TTL node", () -> zk.create(ctx.path("persistent_with_ttl/child"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, s));
            t.op("create child of ephemeral", () -> zk.create(ctx.path("ephemeral/child"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create sequential child of ephemeral", () -> zk.create(ctx.path("ephemeral/child-"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
            // Leave nothing for a container reaper to remove later and shift other scenarios' zxids.
            t.run("delete container child", () -> zk.delete(ctx.path("container/child"), -1));
            t.run("delete container", () -> zk.delete(ctx.path("container"), -1));
            t.run("delete short container", () -> zk.delete(ctx.path("short-container"), -1));
            t.run("delete ttl-min", () -> zk.delete(ctx.path("ttl-min"), -1));
        });
    }

    @Test
    void ttlValidationOnTheServer() {
        // The official client checks TTLs itself, so the server's checks are driven over a raw socket.
        servers.run("ttlServerValidation", ctx -> {
            Transcript t = ctx.t();
            try (RawConnection raw = ctx.raw()) {
                raw.handshake(30_000);
                long[][] cases = {
                    {21, 5, 0}, {21, 5, -1}, {21, 5, 1L << 40}, {21, 5, (1L << 40) - 1}, {21, 5, 1},
                    {21, 6, 0}, {21, 6, 1000}, {21, 1, 1000}, {21, 3, 1000}, {21, 2, 1000}, {21, 7, 1000},
                };
                int xid = 1;
                for (long[] c : cases) {
                    String path = ctx.path("raw-ttl-" + xid);
                    t.line("op " + c[0] + " flags " + c[1] + " ttl " + c[2] + " -> " + RawScenarios.reply(t,
                            raw.call(xid++, (int) c[0], RawScenarios.createTtl(path, (int) c[1], c[2])),
                            RawScenarios.OP_CREATE2));
                }
                for (int op : new int[] {1, 15}) {
                    for (int flags : new int[] {5, 6}) {
                        String path = ctx.path("raw-flag-" + xid);
                        t.line("op " + op + " flags " + flags + " -> " + RawScenarios.reply(t,
                                raw.call(xid++, op, RawScenarios.create(path, null, flags)), op));
                    }
                }
                t.line("closeSession -> " + RawScenarios.reply(t, raw.closeSession(xid), 0));
            }
            t.op("children", () -> ctx.zk().getChildren(ctx.root(), false));
            // in name order: the order of getChildren is unspecified (a hash set's in ZooKeeper)
            for (String child : new TreeSet<>(ctx.zk().getChildren(ctx.root(), false))) {
                ctx.stat(child, ctx.path(child));
                t.run("delete " + child, () -> ctx.zk().delete(ctx.path(child), -1));
            }
        });
    }

    @Test
    void sequentialNumberingAfterInterleavedCreatesAndDeletes() {
        servers.run("sequentialNumbering", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String parent = ctx.path("seq");
            t.op("create parent", () -> zk.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            Stat s = new Stat();
            for (int i = 0; i < 3; i++) {
                t.op("create s-", () -> zk.create(parent + "/s-", null, Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT_SEQUENTIAL, s));
            }
            ctx.stat("parent after 3 creates", parent);
            t.run("delete s-0000000001", () -> zk.delete(parent + "/s-0000000001", -1));
            ctx.stat("parent after delete", parent);
            t.op("create s-", () -> zk.create(parent + "/s-", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_SEQUENTIAL, s));
            ctx.stat("parent after 4th create", parent);
            // A plain create counts too, a failed one does not.
            t.op("create plain", () -> zk.create(parent + "/plain", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create plain again", () -> zk.create(parent + "/plain", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create ephemeral seq e-", () -> zk.create(parent + "/e-", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL_SEQUENTIAL));
            t.op("create seq with trailing slash", () -> zk.create(parent + "/", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_SEQUENTIAL));
            t.run("delete s-0000000000", () -> zk.delete(parent + "/s-0000000000", -1));
            t.run("delete plain", () -> zk.delete(parent + "/plain", -1));
            ctx.stat("parent after more deletes", parent);
            t.op("create s-", () -> zk.create(parent + "/s-", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_SEQUENTIAL, s));
            t.op("children", () -> zk.getChildren(parent, false));
            ctx.stat("parent at the end", parent);
            // Sequential names under the scenario root start from that parent's own counter.
            t.op("create root seq", () -> zk.create(ctx.path("r-"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_SEQUENTIAL));
            // The suffix is appended to whatever the name ends with, digits included.
            t.op("create n9-", () -> zk.create(parent + "/n9", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_SEQUENTIAL));
        });
    }

    @Test
    void parentStatAfterDeletingChildren() {
        servers.run("parentStatAfterDelete", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String p = ctx.path("p");
            t.op("create p", () -> zk.create(p, "d".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create p/a", () -> zk.create(p + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create p/b", () -> zk.create(p + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
            ctx.stat("p with two children", p);
            t.op("setData p", () -> zk.setData(p, "e".getBytes(UTF_8), -1));
            ctx.stat("p after setData (pzxid unchanged)", p);
            t.op("setData p/a", () -> zk.setData(p + "/a", "x".getBytes(UTF_8), 0));
            ctx.stat("p after a child's setData", p);
            t.run("delete p/a version 0", () -> zk.delete(p + "/a", 0));
            ctx.stat("p after failed delete of a", p);
            t.run("delete p/a version 1", () -> zk.delete(p + "/a", 1));
            ctx.stat("p after deleting a", p);
            t.run("delete p/b", () -> zk.delete(p + "/b", -1));
            ctx.stat("p after deleting b", p);
            t.run("delete p/b again", () -> zk.delete(p + "/b", -1));
            ctx.stat("p after failed delete", p);
            ctx.stat("root", ctx.root());
            t.run("delete p", () -> zk.delete(p, 1));
            ctx.stat("root after deleting p", ctx.root());
        });
    }
}
