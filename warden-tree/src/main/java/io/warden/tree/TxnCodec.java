package io.warden.tree;

import java.util.ArrayList;
import java.util.List;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.JuteSize;
import io.warden.wire.WireFormatException;

/**
 * The bytes of a transaction, as the log stores it and replication carries it: the header
 * (zxid, time, session, xid, identities), then a tag and the operation's fields in jute encoding.
 * Every transaction a {@link Txn} can hold decodes back to an equal one, {@code null} strings,
 * buffers and lists included: a transaction a client shaped is always one recovery can replay.
 * Decoding checks every length and tag, so damaged bytes fail with {@link WireFormatException}.
 */
public final class TxnCodec {
    private static final int CREATE = 1;
    private static final int DELETE = 2;
    private static final int SET_DATA = 3;
    private static final int SET_ACL = 4;
    private static final int CHECK = 5;
    private static final int MULTI = 6;
    private static final int CREATE_SESSION = 7;
    private static final int CLOSE_SESSION = 8;
    private static final int ERROR = 9;
    private static final int DELETE_CONTAINER = 10;

    private TxnCodec() {
    }

    public static byte[] encode(Txn txn) {
        JuteOutput out = new JuteOutput(128);
        encode(txn, out);
        return out.toByteArray();
    }

    /** The length of {@link #encode}'s result, counted without encoding. */
    public static long encodedBytes(Txn txn) {
        return JuteSize.ofEncoding(out -> encode(txn, out));
    }

    public static void encode(Txn txn, JuteOutput out) {
        out.writeLong(txn.zxid());
        out.writeLong(txn.timeMs());
        out.writeLong(txn.sessionId());
        out.writeInt(txn.cxid());
        out.writeRecordList(txn.identities());
        writeOp(txn.op(), out);
    }

    private static void writeOp(TxnOp op, JuteOutput out) {
        if (op instanceof TxnOp.Create c) {
            out.writeInt(CREATE);
            out.writeInt(c.opCode());
            out.writeString(c.path());
            out.writeBuffer(c.data());
            out.writeRecordList(c.acl());
            out.writeInt(c.flags());
            out.writeLong(c.ttl());
        } else if (op instanceof TxnOp.Delete d) {
            out.writeInt(DELETE);
            out.writeString(d.path());
            out.writeInt(d.version());
            out.writeBoolean(d.container());
        } else if (op instanceof TxnOp.DeleteContainer d) {
            out.writeInt(DELETE_CONTAINER);
            out.writeString(d.path());
        } else if (op instanceof TxnOp.SetData s) {
            out.writeInt(SET_DATA);
            out.writeString(s.path());
            out.writeBuffer(s.data());
            out.writeInt(s.version());
        } else if (op instanceof TxnOp.SetAcl s) {
            out.writeInt(SET_ACL);
            out.writeString(s.path());
            out.writeRecordList(s.acl());
            out.writeInt(s.version());
        } else if (op instanceof TxnOp.Check c) {
            out.writeInt(CHECK);
            out.writeString(c.path());
            out.writeInt(c.version());
        } else if (op instanceof TxnOp.Multi m) {
            out.writeInt(MULTI);
            out.writeInt(m.ops().size());
            for (TxnOp sub : m.ops()) {
                writeOp(sub, out);
            }
        } else if (op instanceof TxnOp.CreateSession s) {
            out.writeInt(CREATE_SESSION);
            out.writeLong(s.sessionId());
            out.writeInt(s.timeoutMs());
        } else if (op instanceof TxnOp.CloseSession s) {
            out.writeInt(CLOSE_SESSION);
            out.writeLong(s.sessionId());
        } else if (op instanceof TxnOp.Error e) {
            out.writeInt(ERROR);
            out.writeInt(e.code().code());
        } else {
            throw new IllegalArgumentException("no encoding for " + op);
        }
    }

    public static Txn decode(byte[] bytes) throws WireFormatException {
        JuteInput in = new JuteInput(bytes);
        Txn txn = decode(in);
        in.expectEnd("transaction");
        return txn;
    }

    public static Txn decode(JuteInput in) throws WireFormatException {
        long zxid = in.readLong();
        long timeMs = in.readLong();
        long sessionId = in.readLong();
        int cxid = in.readInt();
        List<Id> identities = in.readRecordList(Id::read);
        if (identities == null) {
            throw new WireFormatException("transaction without identities");
        }
        return new Txn(zxid, timeMs, sessionId, cxid, identities, readOp(in, true));
    }

    private static TxnOp readOp(JuteInput in, boolean top) throws WireFormatException {
        int tag = in.readInt();
        switch (tag) {
            case CREATE: {
                int opCode = in.readInt();
                String path = in.readString();
                byte[] data = in.readBuffer();
                List<Acl> acl = in.readRecordList(Acl::read);
                return new TxnOp.Create(opCode, path, data, acl, in.readInt(), in.readLong());
            }
            case DELETE:
                return new TxnOp.Delete(in.readString(), in.readInt(), in.readBoolean());
            case DELETE_CONTAINER:
                return new TxnOp.DeleteContainer(in.readString());
            case SET_DATA:
                return new TxnOp.SetData(in.readString(), in.readBuffer(), in.readInt());
            case SET_ACL:
                return new TxnOp.SetAcl(in.readString(), in.readRecordList(Acl::read), in.readInt());
            case CHECK:
                return new TxnOp.Check(in.readString(), in.readInt());
            case MULTI: {
                if (!top) {
                    throw new WireFormatException("multi inside multi");
                }
                int count = in.readVectorSize();
                if (count < 0) {
                    throw new WireFormatException("multi without ops");
                }
                List<TxnOp> ops = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ops.add(readOp(in, false));
                }
                return new TxnOp.Multi(ops);
            }
            case CREATE_SESSION:
                return new TxnOp.CreateSession(in.readLong(), in.readInt());
            case CLOSE_SESSION:
                return new TxnOp.CloseSession(in.readLong());
            case ERROR: {
                int code = in.readInt();
                ErrorCode error = ErrorCode.of(code);
                if (error == null) {
                    throw new WireFormatException("unknown error code " + code);
                }
                return new TxnOp.Error(error);
            }
            default:
                throw new WireFormatException("unknown transaction tag " + tag);
        }
    }
}
