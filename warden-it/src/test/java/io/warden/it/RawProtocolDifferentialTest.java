package io.warden.it;

import static io.warden.it.RawScenarios.OP_AUTH;
import static io.warden.it.RawScenarios.OP_CHECK;
import static io.warden.it.RawScenarios.OP_CREATE;
import static io.warden.it.RawScenarios.OP_CREATE2;
import static io.warden.it.RawScenarios.OP_CREATE_TTL;
import static io.warden.it.RawScenarios.OP_DELETE;
import static io.warden.it.RawScenarios.OP_DELETE_CONTAINER;
import static io.warden.it.RawScenarios.OP_EXISTS;
import static io.warden.it.RawScenarios.OP_GET_CHILDREN;
import static io.warden.it.RawScenarios.OP_GET_DATA;
import static io.warden.it.RawScenarios.OP_GET_EPHEMERALS;
import static io.warden.it.RawScenarios.OP_MULTI;
import static io.warden.it.RawScenarios.OP_PING;
import static io.warden.it.RawScenarios.OP_RECONFIG;
import static io.warden.it.RawScenarios.OP_SET_DATA;
import static io.warden.it.RawScenarios.OP_WHO_AM_I;
import static io.warden.it.RawScenarios.create;
import static io.warden.it.RawScenarios.createTtl;
import static io.warden.it.RawScenarios.pathVersion;
import static io.warden.it.RawScenarios.pathWatch;
import static io.warden.it.RawScenarios.reply;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client protocol byte by byte over a plain socket: framing limits, requests before the
 * handshake, unknown and invalid opcodes, malformed bodies, old-client handshakes, pings, pipelining,
 * server-side validation the official client never lets through, and four-letter words with the
 * default whitelist. Each outcome is recorded and compared across servers.
 */
class RawProtocolDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults());

    @Test
    void oversizeFrameClosesTheConnectionAndOthersKeepWorking() {
        servers.run("oversizeFrame", ctx -> {
            Transcript t = ctx.t();
            try (RawConnection raw = ctx.raw()) {
                raw.send(JuteBytes.create().i32(1_048_576).raw(new byte[64]).bytes());
                t.line("before handshake, length 1048576 -> " + RawConnection.describe(raw.read()));
            }
            RawConnection.ConnectResponse session;
            try (RawConnection raw = ctx.raw()) {
                session = raw.handshake(30_000);
                raw.send(JuteBytes.create().i32(1_048_576).raw(new byte[64]).bytes());
                t.line("after handshake, length 1048576 -> " + RawConnection.describe(raw.read()));
            }
            RawScenarios.endSession(ctx.server(), session);
            try (RawConnection raw = ctx.raw()) {
                session = raw.handshake(30_000);
                raw.send(JuteBytes.create().i32(Integer.MAX_VALUE).bytes());
                t.line("after handshake, length 2^31-1 -> " + RawConnection.describe(raw.read()));
            }
            RawScenarios.endSession(ctx.server(), session);
            t.op("S1 (official client) still works", () -> ctx.zk().exists(ctx.root(), false));
            TestClient fresh = ctx.connect();
            t.op("a new official client works", () -> fresh.zk().create(ctx.path("after"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            try (RawConnection raw = ctx.raw()) {
                session = raw.handshake(30_000);
                t.line("a new raw client: timeout=" + session.timeout());
                t.line("  exists root -> " + reply(t, raw.call(1, OP_EXISTS, pathWatch(ctx.root(), false)), OP_EXISTS));
                t.line("  closeSession -> " + reply(t, raw.closeSession(2), 0));
            }
        });
    }

    @Test
    void negativeLengthClosesTheConnection() {
        servers.run("negativeLength", ctx -> {
            Transcript t = ctx.t();
            for (int length : new int[] {-1, Integer.MIN_VALUE}) {
                try (RawConnection raw = ctx.raw()) {
                    raw.send(JuteBytes.create().i32(length).raw(new byte[8]).bytes());
                    t.line("before handshake, length " + length + " -> " + RawConnection.describe(raw.read()));
                }
                RawConnection.ConnectResponse session;
                try (RawConnection raw = ctx.raw()) {
                    session = raw.handshake(30_000);
                    raw.send(JuteBytes.create().i32(length).raw(new byte[8]).bytes());
                    t.line("after handshake, length " + length + " -> " + RawConnection.describe(raw.read()));
                }
                RawScenarios.endSession(ctx.server(), session);
            }
            t.op("S1 still works", () -> ctx.zk().exists(ctx.root(), false));
        });
    }

    @Test
    void requestsBeforeTheHandshake() {
        servers.run("requestBeforeHandshake", ctx -> {
            Transcript t = ctx.t();
            try (RawConnection raw = ctx.raw()) {
                raw.send(RawConnection.request(1, OP_EXISTS, pathWatch("/", false)));
                t.line("exists as the first frame -> " + RawConnection.describe(raw.read()));
            }
            try (RawConnection raw = ctx.raw()) {
                raw.send(RawConnection.request(-2, OP_PING, new byte[0]));
                t.line("ping as the first frame -> " + RawConnection.describe(raw.read()));
            }
            try (RawConnection raw = ctx.raw()) {
                raw.send(JuteBytes.create().i32(0).bytes());
                t.line("empty frame as the first frame -> " + RawConnection.describe(raw.read()));
            }
            try (RawConnection raw = ctx.raw()) {
                byte[] connect = RawConnection.connectRequest(0, 30_000, 0, new byte[16], true);
                raw.send(Arrays.copyOf(connect, connect.length - 10));
                raw.send(new byte[0]);
                // a partial ConnectRequest: the server keeps waiting for the rest
                t.line("partial ConnectRequest -> " + RawConnection.describe(raw.readWithin(500)));
                raw.send(Arrays.copyOfRange(connect, connect.length - 10, connect.length));
                RawConnection.Outcome rest = raw.read();
                if (rest instanceof RawConnection.Frame f) {
                    RawConnection.ConnectResponse r = RawConnection.decodeConnectResponse(f.payload());
                    t.line("  after the rest arrives -> ConnectResponse frame=" + r.frameLength()
                            + " timeout=" + r.timeout() + " session=" + t.session(r.sessionId()));
                    t.line("  closeSession -> " + reply(t, raw.closeSession(1), 0));
                } else {
                    t.line("  after the rest arrives -> " + RawConnection.describe(rest));
                }
            }
            t.op("S1 still works", () -> ctx.zk().exists(ctx.root(), false));
        });
    }

    @Test
    void unknownAndInvalidOpcodesGetUnimplementedAndAClose() {
        servers.run("unknownOpcodes", ctx -> {
            Transcript t = ctx.t();
            int[][] cases = {
                {999, 0}, {0, 0}, {10, 0}, {-1, 0}, {-10, 0}, {OP_CHECK, 1}, {50, 0},
            };
            for (int[] c : cases) {
                int op = c[0];
                byte[] body = c[1] == 1 ? pathVersion(ctx.root(), -1) : new byte[0];
                RawConnection.ConnectResponse session;
                try (RawConnection raw = ctx.raw()) {
                    session = raw.handshake(30_000);
                    String first = reply(t, raw.call(5, op, body), 0);
                    t.line("op " + op + " -> " + first + ", then " + RawConnection.describe(raw.readWithin(1000)));
                }
                RawScenarios.endSession(ctx.server(), session);
            }
            t.op("create after (zxids used)", () -> ctx.zk().create(ctx.path("after"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
        });
    }

    @Test
    void truncatedBodyGetsMarshallingErrorAndTheConnectionStaysOpen() {
        servers.run("truncatedBody", ctx -> {
            Transcript t = ctx.t();
            t.op("create n", () -> ctx.zk().create(ctx.path("n"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            try (RawConnection raw = ctx.raw()) {
                raw.handshake(30_000);
                byte[] truncatedPath = JuteBytes.create().i32(10).raw("/a".getBytes(StandardCharsets.UTF_8)).bytes();
                t.line("getData, path length 10 with 2 bytes -> " + reply(t, raw.call(1, OP_GET_DATA, truncatedPath), 0));
                t.line("exists root on the same connection -> "
                        + reply(t, raw.call(2, OP_EXISTS, pathWatch(ctx.root(), false)), OP_EXISTS));
                t.line("getData with no body -> " + reply(t, raw.call(3, OP_GET_DATA, new byte[0]), 0));
                t.line("exists without its watch byte -> " + reply(t, raw.call(4, OP_EXISTS,
                        JuteBytes.create().ustring(ctx.root()).bytes()), OP_EXISTS));
                t.line("create, truncated ACL -> " + reply(t, raw.call(5, OP_CREATE,
                        JuteBytes.create().ustring(ctx.path("x")).buffer(null).i32(1).i32(31).bytes()), OP_CREATE));
                t.line("setData without version -> " + reply(t, raw.call(6, OP_SET_DATA,
                        JuteBytes.create().ustring(ctx.path("n")).buffer(new byte[1]).bytes()), 0));
                t.line("delete, negative string length -> " + reply(t, raw.call(7, OP_DELETE,
                        JuteBytes.create().i32(-7).i32(-1).bytes()), 0));
                t.line("getChildren with trailing garbage -> " + reply(t, raw.call(8, OP_GET_CHILDREN,
                        JuteBytes.create().ustring(ctx.root()).bool(false).raw(new byte[] {1, 2, 3}).bytes()), 0));
                byte[] multiMixed = JuteBytes.create()
                        .i32(OP_CREATE).bool(false).i32(-1).raw(create(ctx.path("m"), null, 0))
                        .i32(OP_GET_DATA).bool(false).i32(-1).raw(pathWatch(ctx.path("n"), false))
                        .i32(-1).bool(true).i32(-1).bytes();
                t.line("multi mixing create and getData -> " + reply(t, raw.call(9, OP_MULTI, multiMixed), 0));
                byte[] emptyMulti = JuteBytes.create().i32(-1).bool(true).i32(-1).bytes();
                t.line("empty multi -> " + reply(t, raw.call(10, OP_MULTI, emptyMulti), 0));
                t.line("exists root at the end -> "
                        + reply(t, raw.call(11, OP_EXISTS, pathWatch(ctx.root(), false)), OP_EXISTS));
                t.line("closeSession -> " + reply(t, raw.closeSession(12), 0) + ", then " + RawConnection.describe(raw.read()));
            }
            t.op("exists x (not created)", () -> ctx.zk().exists(ctx.path("x"), false));
            t.op("create after (zxids used)", () -> ctx.zk().create(ctx.path("after"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
        });
    }

    @Test
    void handshakeVariants() {
        servers.run("handshakes", ctx -> {
            Transcript t = ctx.t();
            try (RawConnection raw = ctx.raw()) {
                RawConnection.ConnectResponse r = raw.handshake(0, 30_000, 0, new byte[16], false);
                t.line("old client (no readOnly byte) -> frame=" + r.frameLength() + " protocolVersion="
                        + r.protocolVersion() + " timeout=" + r.timeout() + " session=" + t.session(r.sessionId())
                        + " passwordLength=" + r.password().length + " readOnly=" + r.readOnly());
                t.line("  exists root -> " + reply(t, raw.call(1, OP_EXISTS, pathWatch(ctx.root(), false)), OP_EXISTS));
                t.line("  closeSession -> " + reply(t, raw.closeSession(2), 0));
            }
            try (RawConnection raw = ctx.raw()) {
                RawConnection.ConnectResponse r = raw.handshake(0, 30_000, 0, new byte[16], true);
                t.line("new client -> frame=" + r.frameLength() + " protocolVersion=" + r.protocolVersion()
                        + " timeout=" + r.timeout() + " session=" + t.session(r.sessionId())
                        + " passwordLength=" + r.password().length + " readOnly=" + r.readOnly());
                t.line("  closeSession -> " + reply(t, raw.closeSession(1), 0));
            }
            try (RawConnection raw = ctx.raw()) {
                RawConnection.ConnectResponse r = raw.handshake(0, 30_000, 0, null, true);
                t.line("null password -> frame=" + r.frameLength() + " timeout=" + r.timeout()
                        + " session=" + t.session(r.sessionId()) + " passwordLength=" + r.password().length);
                t.line("  closeSession -> " + reply(t, raw.closeSession(1), 0));
            }
            try (RawConnection raw = ctx.raw()) {
                raw.send(RawConnection.connectRequest(Long.MAX_VALUE / 2, 30_000, 0, new byte[16], true));
                t.line("lastZxidSeen ahead of the server -> " + RawConnection.describe(raw.read()));
            }
            t.op("S1 still works", () -> ctx.zk().exists(ctx.root(), false));
        });
    }

    @Test
    void pingRepliesAlwaysCarryXidMinusTwo() {
        servers.run("ping", ctx -> {
            Transcript t = ctx.t();
            try (RawConnection raw = ctx.raw()) {
                raw.handshake(30_000);
                t.line("ping xid -2 -> " + reply(t, raw.call(-2, OP_PING, new byte[0]), 0));
                t.line("ping xid 77 -> " + reply(t, raw.call(77, OP_PING, new byte[0]), 0));
                t.line("ping xid 0 -> " + reply(t, raw.call(0, OP_PING, new byte[0]), 0));
                t.line("exists xid -3 -> " + reply(t, raw.call(-3, OP_EXISTS, pathWatch(ctx.root(), false)), OP_EXISTS));
                t.line("exists xid 0 -> " + reply(t, raw.call(0, OP_EXISTS, pathWatch(ctx.root(), false)), OP_EXISTS));
                t.line("closeSession -> " + reply(t, raw.closeSession(9), 0) + ", then " + RawConnection.describe(raw.read()));
            }
        });
    }

    @Test
    void pipelinedConnectAndRequestsAreAnsweredInOrder() {
        servers.run("pipelined", ctx -> {
            Transcript t = ctx.t();
            try (RawConnection raw = ctx.raw()) {
                byte[] auth = JuteBytes.create().i32(0).ustring("digest")
                        .buffer("pipe:pw".getBytes(StandardCharsets.UTF_8)).bytes();
                raw.send(JuteBytes.create()
                        .raw(RawConnection.connectRequest(0, 30_000, 0, new byte[16], true))
                        .raw(RawConnection.request(1, OP_EXISTS, pathWatch(ctx.root(), false)))
                        .raw(RawConnection.request(-4, OP_AUTH, auth))
                        .raw(RawConnection.request(2, OP_WHO_AM_I, new byte[0]))
                        .raw(RawConnection.request(3, OP_CREATE2, create(ctx.path("piped"), new byte[] {7}, 1)))
                        .raw(RawConnection.request(4, OP_GET_DATA, pathWatch(ctx.path("piped"), false)))
                        .bytes());
                RawConnection.Outcome first = raw.read();
                if (first instanceof RawConnection.Frame f) {
                    RawConnection.ConnectResponse r = RawConnection.decodeConnectResponse(f.payload());
                    t.line("ConnectResponse frame=" + r.frameLength() + " timeout=" + r.timeout()
                            + " session=" + t.session(r.sessionId()));
                } else {
                    t.line("first answer -> " + RawConnection.describe(first));
                }
                // Replies to normal xids must come in request order; the auth reply (xid -4) may come
                // anywhere among them (the reference answers auth on its I/O thread, ahead of queued
                // requests), so it is recorded apart.
                java.util.Map<Integer, Integer> opOfXid = java.util.Map.of(
                        1, OP_EXISTS, 2, OP_WHO_AM_I, 3, OP_CREATE2, 4, OP_GET_DATA);
                String authReply = "none";
                for (int i = 0; i < 5; i++) {
                    RawConnection.Outcome next = raw.read();
                    if (next instanceof RawConnection.Frame f && f.payload().length >= 16 && f.header().xid() == -4) {
                        authReply = reply(t, next, 0);
                    } else if (next instanceof RawConnection.Frame f && f.payload().length >= 16) {
                        t.line("in order -> " + reply(t, next, opOfXid.getOrDefault(f.header().xid(), 0)));
                    } else {
                        t.line("in order -> " + RawConnection.describe(next));
                    }
                }
                t.line("auth -> " + authReply);
                t.line("closeSession -> " + reply(t, raw.closeSession(5), 0));
            }
            t.op("the ephemeral went with the session", () -> ctx.zk().exists(ctx.path("piped"), false));
        });
    }

    @Test
    void serverSideValidationTheOfficialClientNeverTriggers() {
        servers.run("serverValidation", ctx -> {
            Transcript t = ctx.t();
            t.op("create a", () -> ctx.zk().create(ctx.path("a"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            try (RawConnection raw = ctx.raw()) {
                raw.handshake(30_000);
                int xid = 1;
                t.line("create ephemeral a/e -> " + reply(t, raw.call(xid++, OP_CREATE,
                        create(ctx.path("a/e"), null, 1)), OP_CREATE));
                String[][] creates = {
                    {"a/", "0"}, {"a//b", "0"}, {"a/.", "0"}, {"a/..", "0"}, {"a/./b", "0"}, {"a/...", "0"},
                    {"a/b\u0000c", "0"}, {"a/\u0001", "0"}, {"a/x", "7"}, {"a/y", "-1"}, {"a/z", "5"},
                    {"a/w", "6"}, {"a/", "2"},
                };
                for (String[] c : creates) {
                    String path = ctx.path(c[0]);
                    int flags = Integer.parseInt(c[1]);
                    t.line("create " + printable(path) + " flags " + flags + " -> "
                            + reply(t, raw.call(xid++, OP_CREATE, create(path, null, flags)), OP_CREATE));
                }
                t.line("create relative path -> " + reply(t, raw.call(xid++, OP_CREATE, create("rel", null, 0)), OP_CREATE));
                byte[] emptyAcl = JuteBytes.create().ustring(ctx.path("acl0")).buffer(null).i32(0).i32(0).bytes();
                t.line("create with empty ACL -> " + reply(t, raw.call(xid++, OP_CREATE, emptyAcl), OP_CREATE));
                byte[] nullAcl = JuteBytes.create().ustring(ctx.path("aclnull")).buffer(null).i32(-1).i32(0).bytes();
                t.line("create with null ACL -> " + reply(t, raw.call(xid++, OP_CREATE, nullAcl), OP_CREATE));
                t.line("createTTL with extended types off -> "
                        + reply(t, raw.call(xid++, OP_CREATE_TTL, createTtl(ctx.path("ttl"), 5, 1000)), OP_CREATE2));
                t.line("delete relative path -> " + reply(t, raw.call(xid++, OP_DELETE, pathVersion("a", -1)), 0));
                t.line("delete with NUL -> " + reply(t, raw.call(xid++, OP_DELETE, pathVersion(ctx.path("a\u0000"), -1)), 0));
                t.line("delete a/ -> " + reply(t, raw.call(xid++, OP_DELETE, pathVersion(ctx.path("a/"), -1)), 0));
                t.line("getData relative path -> " + reply(t, raw.call(xid++, OP_GET_DATA, pathWatch("a", false)), 0));
                t.line("getData a/ -> " + reply(t, raw.call(xid++, OP_GET_DATA, pathWatch(ctx.path("a/"), false)), 0));
                t.line("exists with NUL -> " + reply(t, raw.call(xid++, OP_EXISTS, pathWatch(ctx.path("a\u0000"), false)), 0));
                t.line("exists a/ -> " + reply(t, raw.call(xid++, OP_EXISTS, pathWatch(ctx.path("a/"), false)), 0));
                t.line("setData a/ -> " + reply(t, raw.call(xid++, OP_SET_DATA,
                        JuteBytes.create().ustring(ctx.path("a/")).buffer(null).i32(-1).bytes()), 0));
                t.line("setData relative -> " + reply(t, raw.call(xid++, OP_SET_DATA,
                        JuteBytes.create().ustring("a").buffer(null).i32(-1).bytes()), 0));
                t.line("getChildren relative -> " + reply(t, raw.call(xid++, OP_GET_CHILDREN, pathWatch("a", false)), 0));
                byte[] reconfig = JuteBytes.create().ustring(null).ustring(null).ustring(null).i64(-1).bytes();
                t.line("reconfig -> " + reply(t, raw.call(xid++, OP_RECONFIG, reconfig), 0));
                t.line("deleteContainer missing -> " + reply(t, raw.call(xid++, OP_DELETE_CONTAINER,
                        JuteBytes.create().ustring(ctx.path("missing")).bytes()), 0));
                for (String prefix : new String[] {"", "   ", "/", ctx.root(), ctx.path("a/")}) {
                    t.line("getEphemerals '" + prefix + "' -> " + reply(t, raw.call(xid++, OP_GET_EPHEMERALS,
                            JuteBytes.create().ustring(prefix).bytes()), OP_GET_EPHEMERALS));
                }
                t.line("exists a at the end -> " + reply(t, raw.call(xid++, OP_EXISTS, pathWatch(ctx.path("a"), false)), OP_EXISTS));
                t.line("closeSession -> " + reply(t, raw.closeSession(xid), 0));
            }
            t.op("children of a", () -> ctx.zk().getChildren(ctx.path("a"), false));
            t.op("create after (zxids used)", () -> ctx.zk().create(ctx.path("after"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
        });
    }

    @Test
    void fourLetterWordsWithTheDefaultWhitelist() {
        servers.run("fourLetterWordsDefault", ctx -> {
            Transcript t = ctx.t();
            for (String cmd : new String[] {"ruok", "stat", "conf", "mntr", "isro"}) {
                try (RawConnection raw = ctx.raw()) {
                    raw.send(cmd.getBytes(StandardCharsets.US_ASCII));
                    t.line(cmd + " -> " + printable(raw.readUntilClosed()));
                }
            }
            try (RawConnection raw = ctx.raw()) {
                raw.send("srvr".getBytes(StandardCharsets.US_ASCII));
                FourLetterWordsDifferentialTest.recordSrvr(t, raw.readUntilClosed());
            }
            RawConnection.ConnectResponse session;
            try (RawConnection raw = ctx.raw()) {
                session = raw.handshake(30_000);
                raw.send("srvr".getBytes(StandardCharsets.US_ASCII));
                t.line("srvr after a ConnectRequest -> " + RawConnection.describe(raw.read()));
            }
            RawScenarios.endSession(ctx.server(), session);
        });
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
