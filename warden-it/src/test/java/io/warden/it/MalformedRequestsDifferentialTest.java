package io.warden.it;

import static io.warden.it.RawScenarios.reply;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests with fields the official client never sends: {@code null} paths in every write and read,
 * ACL entries without a scheme or id, watch lists with holes, auth packets without a scheme. Each
 * goes on a connection of its own, followed by an exists of the scenario's root on the same
 * connection, so the transcript shows the error code, whether a zxid was used, and whether the
 * connection survived. Warden must answer exactly as ZooKeeper does; the few places where
 * ZooKeeper accepts something that breaks it are in {@link MalformedRequestDeparturesTest}.
 */
class MalformedRequestsDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults());

    /** Sends one request on a new session, then an exists of the root, and records both answers. */
    static void once(ScenarioContext ctx, String label, int op, byte[] body) {
        try (RawConnection raw = ctx.raw()) {
            raw.handshake(30_000);
            String first = reply(ctx.t(), raw.call(5, op, body), 0);
            String then = reply(ctx.t(), raw.call(6, RawScenarios.OP_EXISTS, RawScenarios.pathWatch(ctx.root(), false)),
                    RawScenarios.OP_EXISTS);
            ctx.t().line(label + " -> " + first + " / then exists root -> " + then);
        }
    }

    static JuteBytes create(String path, int flags) {
        return JuteBytes.create().ustring(path).buffer(null).acl(31, "world", "anyone").i32(flags);
    }

    static JuteBytes createWithAcl(String path, String scheme, String id) {
        return JuteBytes.create().ustring(path).buffer(null).acl(31, scheme, id).i32(0);
    }

    /** A multi of the given sub-ops, each {@code {type, body}}, with the terminator. */
    static byte[] multi(Object... typesAndBodies) {
        JuteBytes b = JuteBytes.create();
        for (int i = 0; i < typesAndBodies.length; i += 2) {
            b.i32((Integer) typesAndBodies[i]).bool(false).i32(-1).raw(((JuteBytes) typesAndBodies[i + 1]).bytes());
        }
        return b.i32(-1).bool(true).i32(-1).bytes();
    }

    @Test
    void writesWithoutAPath() {
        servers.run("writesWithoutAPath", ctx -> {
            once(ctx, "create", 1, create(null, 0).bytes());
            once(ctx, "create sequential", 1, create(null, 2).bytes());
            once(ctx, "create with undefined flags", 1, create(null, 99).bytes());
            once(ctx, "create2", 15, create(null, 0).bytes());
            once(ctx, "createContainer", 19, create(null, 4).bytes());
            once(ctx, "createTTL (TTL disabled)", 21, create(null, 5).i64(1000).bytes());
            once(ctx, "create without path or ACL", 1, JuteBytes.create().ustring(null).buffer(null).i32(-1).i32(0)
                    .bytes());
            once(ctx, "delete", 2, JuteBytes.create().ustring(null).i32(-1).bytes());
            once(ctx, "setData", 5, JuteBytes.create().ustring(null).buffer(null).i32(-1).bytes());
            once(ctx, "setACL", 7, JuteBytes.create().ustring(null).acl(31, "world", "anyone").i32(-1).bytes());
            once(ctx, "deleteContainer", 20, JuteBytes.create().ustring(null).bytes());
            once(ctx, "multi create", 14, multi(1, create(null, 0)));
            once(ctx, "multi create with undefined flags", 14, multi(1, create(null, 99)));
            once(ctx, "multi delete", 14, multi(2, JuteBytes.create().ustring(null).i32(-1)));
            once(ctx, "multi setData", 14, multi(5, JuteBytes.create().ustring(null).buffer(null).i32(-1)));
            once(ctx, "multi check", 14, multi(13, JuteBytes.create().ustring(null).i32(-1)));
            once(ctx, "multi check ok, then create", 14, multi(13, JuteBytes.create().ustring(ctx.root()).i32(-1),
                    1, create(null, 0)));
            once(ctx, "multi check fails, then create", 14, multi(13, JuteBytes.create().ustring(ctx.root()).i32(77),
                    1, create(null, 0)));
            once(ctx, "multi delete missing, then delete", 14, multi(2, JuteBytes.create().ustring(ctx.path("zz"))
                    .i32(-1), 2, JuteBytes.create().ustring(null).i32(-1)));
            ctx.t().op("the official client still works", () -> ctx.zk().exists(ctx.root(), false));
        });
    }

    @Test
    void readsWithoutAPath() {
        servers.run("readsWithoutAPath", ctx -> {
            once(ctx, "exists", 3, JuteBytes.create().ustring(null).bool(false).bytes());
            once(ctx, "exists with watch", 3, JuteBytes.create().ustring(null).bool(true).bytes());
            once(ctx, "getData", 4, JuteBytes.create().ustring(null).bool(false).bytes());
            once(ctx, "getData with watch", 4, JuteBytes.create().ustring(null).bool(true).bytes());
            once(ctx, "getChildren", 8, JuteBytes.create().ustring(null).bool(false).bytes());
            once(ctx, "getChildren2 with watch", 12, JuteBytes.create().ustring(null).bool(true).bytes());
            once(ctx, "getACL", 6, JuteBytes.create().ustring(null).bytes());
            once(ctx, "sync", 9, JuteBytes.create().ustring(null).bytes());
            once(ctx, "getAllChildrenNumber", 104, JuteBytes.create().ustring(null).bytes());
            once(ctx, "getEphemerals", 103, JuteBytes.create().ustring(null).bytes());
            once(ctx, "checkWatches", 17, JuteBytes.create().ustring(null).i32(3).bytes());
            once(ctx, "checkWatches of an undefined type", 17, JuteBytes.create().ustring(null).i32(99).bytes());
            once(ctx, "removeWatches", 18, JuteBytes.create().ustring(null).i32(3).bytes());
            once(ctx, "addWatch of an undefined mode", 106, JuteBytes.create().ustring(null).i32(7).bytes());
            once(ctx, "multiRead getData", 22, multi(4, JuteBytes.create().ustring(null).bool(false)));
            once(ctx, "multiRead getChildren", 22, multi(8, JuteBytes.create().ustring(null).bool(false)));
            ctx.t().op("the official client still works", () -> ctx.zk().exists(ctx.root(), false));
        });
    }

    @Test
    void malformedAcls() {
        servers.run("malformedAcls", ctx -> {
            once(ctx, "create, entry without scheme", 1, createWithAcl(ctx.path("a1"), null, "anyone").bytes());
            once(ctx, "create, world without id", 1, createWithAcl(ctx.path("a2"), "world", null).bytes());
            once(ctx, "create, digest without id", 1, createWithAcl(ctx.path("a3"), "digest", null).bytes());
            once(ctx, "create, ip without id", 1, createWithAcl(ctx.path("a4"), "ip", null).bytes());
            once(ctx, "create, auth without id or identity", 1, createWithAcl(ctx.path("a5"), "auth", null).bytes());
            once(ctx, "create, unknown scheme without id", 1, createWithAcl(ctx.path("a6"), "foo", null).bytes());
            once(ctx, "create, super without id", 1, createWithAcl(ctx.path("a7"), "super", null).bytes());
            once(ctx, "create, relative path and world without id", 1, createWithAcl("rel", "world", null).bytes());
            once(ctx, "create, missing parent and world without id", 1,
                    createWithAcl(ctx.path("x/y"), "world", null).bytes());
            once(ctx, "create, world:anyone then digest without id", 1, JuteBytes.create().ustring(ctx.path("a8"))
                    .buffer(null).i32(2).i32(31).ustring("world").ustring("anyone").i32(31).ustring("digest")
                    .ustring(null).i32(0).bytes());
            once(ctx, "create, two entries without scheme", 1, JuteBytes.create().ustring(ctx.path("a9"))
                    .buffer(null).i32(2).i32(31).ustring(null).ustring("a").i32(31).ustring(null).ustring("b").i32(0)
                    .bytes());
            once(ctx, "setACL, world without id", 7, JuteBytes.create().ustring(ctx.root()).acl(31, "world", null)
                    .i32(-1).bytes());
            once(ctx, "setACL, missing node and digest without id", 7, JuteBytes.create().ustring(ctx.path("nope"))
                    .acl(31, "digest", null).i32(-1).bytes());
            once(ctx, "setACL, null list", 7, JuteBytes.create().ustring(ctx.root()).i32(-1).i32(-1).bytes());
            once(ctx, "setACL, entry without scheme", 7, JuteBytes.create().ustring(ctx.root()).acl(31, null, "x")
                    .i32(-1).bytes());
            once(ctx, "multi create, world without id", 14, multi(1, createWithAcl(ctx.path("m1"), "world", null)));
            once(ctx, "multi create, entry without scheme", 14, multi(1, createWithAcl(ctx.path("m2"), null, "x")));
            once(ctx, "multi create, null ACL", 14, multi(1, JuteBytes.create().ustring(ctx.path("m3")).buffer(null)
                    .i32(-1).i32(0)));
            once(ctx, "multi create, empty ACL", 14, multi(1, JuteBytes.create().ustring(ctx.path("m4"))
                    .buffer(null).i32(0).i32(0)));
            once(ctx, "multi check fails, then create with null ACL", 14, multi(13, JuteBytes.create()
                    .ustring(ctx.root()).i32(77), 1, JuteBytes.create().ustring(ctx.path("m5")).buffer(null).i32(-1)
                    .i32(0)));
            once(ctx, "multi check fails, then create with world without id", 14, multi(13, JuteBytes.create()
                    .ustring(ctx.root()).i32(77), 1, createWithAcl(ctx.path("m6"), "world", null)));
            once(ctx, "multi create, two entries without scheme", 14, multi(1, JuteBytes.create()
                    .ustring(ctx.path("m7")).buffer(null).i32(2).i32(31).ustring(null).ustring("a").i32(31)
                    .ustring(null).ustring("b").i32(0)));
            ctx.t().op("nothing was created", () -> ctx.zk().getChildren(ctx.root(), false));
        });
    }

    @Test
    void malformedWatchListsAndAuth() {
        servers.run("malformedWatchListsAndAuth", ctx -> {
            once(ctx, "setWatches, null data entry", 101, JuteBytes.create().i64(0).i32(1).ustring(null).i32(0).i32(0)
                    .bytes());
            once(ctx, "setWatches, null exist entry", 101, JuteBytes.create().i64(0).i32(0).i32(1).ustring(null).i32(0)
                    .bytes());
            once(ctx, "setWatches, null lists", 101, JuteBytes.create().i64(0).i32(-1).i32(-1).i32(-1).bytes());
            once(ctx, "setWatches2, null data entry", 105, JuteBytes.create().i64(0).i32(1).ustring(null).i32(0).i32(0)
                    .i32(0).i32(0).bytes());
            once(ctx, "setWatches2, null lists", 105, JuteBytes.create().i64(0).i32(-1).i32(-1).i32(-1).i32(-1).i32(-1)
                    .bytes());
            once(ctx, "auth without scheme", 100, JuteBytes.create().i32(0).ustring(null).buffer(new byte[] {'a', ':',
                    'b'}).bytes());
            once(ctx, "auth digest without credentials", 100, JuteBytes.create().i32(0).ustring("digest").buffer(null)
                    .bytes());
            once(ctx, "auth ip without credentials", 100, JuteBytes.create().i32(0).ustring("ip").buffer(null).bytes());
            ctx.t().op("the official client still works", () -> ctx.zk().exists(ctx.root(), false));
        });
    }
}
