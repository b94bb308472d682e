package io.warden.it;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.data.Stat;

/** Helpers shared by the raw-socket scenarios: request bodies, reply rendering, session cleanup. */
final class RawScenarios {

    static final int OP_CREATE = 1;
    static final int OP_DELETE = 2;
    static final int OP_EXISTS = 3;
    static final int OP_GET_DATA = 4;
    static final int OP_SET_DATA = 5;
    static final int OP_GET_CHILDREN = 8;
    static final int OP_PING = 11;
    static final int OP_CHECK = 13;
    static final int OP_MULTI = 14;
    static final int OP_CREATE2 = 15;
    static final int OP_RECONFIG = 16;
    static final int OP_DELETE_CONTAINER = 20;
    static final int OP_CREATE_TTL = 21;
    static final int OP_AUTH = 100;
    static final int OP_GET_EPHEMERALS = 103;
    static final int OP_WHO_AM_I = 107;

    private RawScenarios() {
    }

    /** A path plus a watch flag: the body of exists, getData, getChildren. */
    static byte[] pathWatch(String path, boolean watch) {
        return JuteBytes.create().ustring(path).bool(watch).bytes();
    }

    /** CreateRequest with an open ACL. */
    static byte[] create(String path, byte[] data, int flags) {
        return JuteBytes.create().ustring(path).buffer(data).acl(31, "world", "anyone").i32(flags).bytes();
    }

    /** CreateTTLRequest with an open ACL. */
    static byte[] createTtl(String path, int flags, long ttl) {
        return JuteBytes.create().ustring(path).buffer(null).acl(31, "world", "anyone").i32(flags).i64(ttl).bytes();
    }

    static byte[] pathVersion(String path, int version) {
        return JuteBytes.create().ustring(path).i32(version).bytes();
    }

    /**
     * Renders one reply frame: header fields, and for success replies of the ops we decode, the body.
     */
    static String reply(Transcript t, RawConnection.Outcome outcome, int opForBody) {
        if (!(outcome instanceof RawConnection.Frame frame)) {
            return RawConnection.describe(outcome);
        }
        if (frame.payload().length < 16) {
            return "short frame of " + frame.payload().length + " bytes: " + RawConnection.hex(frame.payload());
        }
        RawConnection.ReplyHeaderView h = frame.header();
        StringBuilder sb = new StringBuilder();
        sb.append("reply xid=").append(h.xid()).append(" zxid=").append(t.zxid(h.zxid()))
                .append(" err=").append(Transcript.codeName(h.err())).append(" body=").append(h.bodyLength());
        if (h.err() == 0 && h.bodyLength() > 0) {
            ByteBuffer body = frame.body();
            try {
                switch (opForBody) {
                    case OP_EXISTS -> sb.append(" stat=").append(t.stat(stat(body)));
                    case OP_GET_DATA -> {
                        byte[] data = buffer(body);
                        sb.append(" data=").append(data == null ? "null" : Transcript.data(data));
                        sb.append(" stat=").append(t.stat(stat(body)));
                    }
                    case OP_CREATE -> sb.append(" path=").append(ustring(body));
                    case OP_CREATE2 -> sb.append(" path=").append(ustring(body)).append(" stat=").append(t.stat(stat(body)));
                    case OP_GET_EPHEMERALS -> {
                        int n = body.getInt();
                        java.util.List<String> paths = new java.util.ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            paths.add(ustring(body));
                        }
                        sb.append(" paths=").append(t.render(paths));
                    }
                    case OP_WHO_AM_I -> {
                        int n = body.getInt();
                        java.util.List<String> ids = new java.util.ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            ids.add(ustring(body) + ":" + ustring(body));
                        }
                        sb.append(" clientInfo=").append(t.render(ids));
                    }
                    default -> sb.append(" bytes=").append(hexOf(body));
                }
                if (body.hasRemaining()) {
                    sb.append(" +").append(body.remaining()).append(" trailing bytes");
                }
            } catch (RuntimeException e) {
                sb.append(" undecodable body: ").append(hexOf(frame.body()));
            }
        }
        return sb.toString();
    }

    static Stat stat(ByteBuffer b) {
        Stat s = new Stat();
        s.setCzxid(b.getLong());
        s.setMzxid(b.getLong());
        s.setCtime(b.getLong());
        s.setMtime(b.getLong());
        s.setVersion(b.getInt());
        s.setCversion(b.getInt());
        s.setAversion(b.getInt());
        s.setEphemeralOwner(b.getLong());
        s.setDataLength(b.getInt());
        s.setNumChildren(b.getInt());
        s.setPzxid(b.getLong());
        return s;
    }

    static byte[] buffer(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0) {
            return null;
        }
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }

    static String ustring(ByteBuffer b) {
        byte[] bytes = buffer(b);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static String hexOf(ByteBuffer b) {
        byte[] rest = new byte[b.remaining()];
        b.get(rest);
        return RawConnection.hex(rest);
    }

    /**
     * Ends a session whose connection the server closed, so that its expiry does not use a zxid in the
     * middle of a later scenario on the same shared server. Best effort, not recorded.
     */
    static void endSession(TestServer server, RawConnection.ConnectResponse session) {
        if (session == null || session.sessionId() == 0) {
            return;
        }
        try (RawConnection raw = RawConnection.open(server)) {
            RawConnection.ConnectResponse again = raw.handshake(0, 30_000, session.sessionId(), session.password(), true);
            if (again.timeout() > 0) {
                raw.closeSession(1);
                raw.read();
            }
        } catch (RuntimeException ignored) {
            // the session may already be gone; nothing to clean up then
        }
    }
}
