package io.warden.storage.zookeeper;

import java.util.ArrayList;
import java.util.List;

import io.warden.wire.Acl;
import io.warden.wire.JuteInput;
import io.warden.wire.WireFormatException;

/**
 * Decodes the bytes of one ZooKeeper log record: {@code TxnHeader{long clientId, int cxid,
 * long zxid, long time, int type}}, the body for that type, then an optional
 * {@code TxnDigest{int version, long digest}} (present on most records when ZooKeeper's digests
 * are on; never on error records). Bodies carry no length of their own, so the digest is told
 * apart by the bytes left over.
 */
final class ZkTxnDecoder {
    static final int CREATE_SESSION = -10;
    static final int CLOSE_SESSION = -11;
    static final int ERROR = -1;
    static final int CREATE = 1;
    static final int DELETE = 2;
    static final int SET_DATA = 5;
    static final int SET_ACL = 7;
    static final int CHECK = 13;
    static final int MULTI = 14;
    static final int CREATE2 = 15;
    static final int RECONFIG = 16;
    static final int CREATE_CONTAINER = 19;
    static final int DELETE_CONTAINER = 20;
    static final int CREATE_TTL = 21;
    private static final int HEADER_BYTES = 32;
    private static final int DIGEST_BYTES = 12;

    private ZkTxnDecoder() {
    }

    static ZkTxn decode(byte[] bytes, String file, long offset) throws WireFormatException {
        JuteInput in = new JuteInput(bytes);
        if (bytes.length < HEADER_BYTES) {
            throw new WireFormatException("a transaction of " + bytes.length + " bytes has no room for its header");
        }
        long sessionId = in.readLong();
        int cxid = in.readInt();
        long zxid = in.readLong();
        long timeMs = in.readLong();
        int type = in.readInt();
        ZkOp op;
        JuteInput rest = in;
        if (type == CLOSE_SESSION) {
            int bodyBytes = closeSessionBodyBytes(bytes);
            op = new ZkOp.CloseSession(bodyBytes == 0 ? null
                    : new JuteInput(bytes, HEADER_BYTES, bodyBytes).readStringList());
            rest = new JuteInput(bytes, HEADER_BYTES + bodyBytes, bytes.length - HEADER_BYTES - bodyBytes);
        } else {
            op = body(type, in, true);
        }
        int digestVersion = -1;
        long digest = 0;
        if (rest.remaining() == DIGEST_BYTES) {
            digestVersion = rest.readInt();
            digest = rest.readLong();
        }
        rest.expectEnd("the transaction of type " + type);
        return new ZkTxn(sessionId, cxid, zxid, timeMs, type, op, digestVersion, digest, file, offset);
    }

    private static ZkOp body(int type, JuteInput in, boolean top) throws WireFormatException {
        switch (type) {
            case CREATE_SESSION:
                return new ZkOp.CreateSession(in.readInt());
            case CREATE:
            case CREATE2: {
                String path = path(in);
                byte[] data = in.readBuffer();
                List<Acl> acl = acl(in);
                boolean ephemeral = in.readBoolean();
                // The old CreateTxn (V0) ends here; the current one adds parentCVersion.
                int left = in.remaining();
                boolean hasParentCVersion = top ? left == 4 || left == 4 + DIGEST_BYTES : left == 4;
                return new ZkOp.Create(type, path, data, acl, ephemeral, hasParentCVersion ? in.readInt() : -1, -1);
            }
            case CREATE_CONTAINER:
                return new ZkOp.Create(type, path(in), in.readBuffer(), acl(in), false, in.readInt(), -1);
            case CREATE_TTL: {
                String path = path(in);
                byte[] data = in.readBuffer();
                List<Acl> acl = acl(in);
                int parentCVersion = in.readInt();
                return new ZkOp.Create(type, path, data, acl, false, parentCVersion, in.readLong());
            }
            case DELETE:
            case DELETE_CONTAINER:
                return new ZkOp.Delete(type, path(in));
            case SET_DATA:
            case RECONFIG:
                return new ZkOp.SetData(type, path(in), in.readBuffer(), in.readInt());
            case SET_ACL:
                return new ZkOp.SetAcl(path(in), acl(in), in.readInt());
            case CHECK:
                return new ZkOp.Check(path(in), in.readInt());
            case ERROR:
                return new ZkOp.Error(in.readInt());
            case MULTI:
                if (!top) {
                    throw new WireFormatException("a multi inside a multi");
                }
                return multi(in);
            default:
                throw new WireFormatException("unknown transaction type " + type + (top ? "" : " inside a multi"));
        }
    }

    private static ZkOp multi(JuteInput in) throws WireFormatException {
        int count = in.readVectorSize();
        if (count < 0) {
            throw new WireFormatException("a multi without its list of transactions");
        }
        List<ZkOp> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int type = in.readInt();
            byte[] bytes = in.readBuffer();
            if (bytes == null) {
                throw new WireFormatException("transaction " + i + " of a multi has no bytes");
            }
            if (type == CREATE_SESSION || type == CLOSE_SESSION) {
                throw new WireFormatException("a session transaction inside a multi");
            }
            JuteInput sub = new JuteInput(bytes);
            ops.add(body(type, sub, false));
            sub.expectEnd("transaction " + i + " (type " + type + ") of a multi");
        }
        return new ZkOp.Multi(ops);
    }

    /**
     * The length of a closeSession's body. It has a CloseSessionTxn (the paths to delete) unless
     * ZooKeeper was told not to write one, or the log predates it. Twelve bytes after the header
     * may be a digest alone or a list; the list is taken only if it reads as paths.
     */
    private static int closeSessionBodyBytes(byte[] bytes) throws WireFormatException {
        int left = bytes.length - HEADER_BYTES;
        if (left == 0) {
            return 0;
        }
        JuteInput in = new JuteInput(bytes, HEADER_BYTES, left);
        try {
            List<String> paths = in.readStringList();
            boolean fits = in.remaining() == 0 || in.remaining() == DIGEST_BYTES;
            if (paths != null && fits && paths.stream().allMatch(p -> p != null && p.startsWith("/"))) {
                return left - in.remaining();
            }
        } catch (WireFormatException e) {
            // not a list of paths; it may be a digest alone
        }
        if (left == DIGEST_BYTES) {
            return 0;
        }
        throw new WireFormatException("a closeSession with a malformed list of paths");
    }

    private static String path(JuteInput in) throws WireFormatException {
        String path = in.readString();
        if (path == null || !path.startsWith("/")) {
            throw new WireFormatException("bad path " + path);
        }
        return path;
    }

    private static List<Acl> acl(JuteInput in) throws WireFormatException {
        List<Acl> acl = in.readRecordList(Acl::read);
        if (acl == null) {
            return List.of();
        }
        for (Acl entry : acl) {
            if (entry.id().scheme() == null || entry.id().id() == null) {
                throw new WireFormatException("an ACL entry without a scheme or id");
            }
        }
        return List.copyOf(acl);
    }
}
