package io.warden.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import io.warden.wire.JuteOutput;
import io.warden.wire.OpCode;

/**
 * Request bodies shaped from fuzzer input: the fields each op code carries, each filled with what
 * a hostile client could put there (null and odd strings, paths that are not paths, any number),
 * or just raw bytes. The server must decode or refuse every one of them.
 */
final class HostileRequests {
    static final int[] OP_CODES = {OpCode.CREATE, OpCode.DELETE, OpCode.EXISTS, OpCode.GET_DATA, OpCode.SET_DATA,
        OpCode.GET_ACL, OpCode.SET_ACL, OpCode.GET_CHILDREN, OpCode.SYNC, OpCode.PING, OpCode.GET_CHILDREN2,
        OpCode.MULTI, OpCode.CREATE2, OpCode.RECONFIG, OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES,
        OpCode.CREATE_CONTAINER, OpCode.DELETE_CONTAINER, OpCode.CREATE_TTL, OpCode.MULTI_READ, OpCode.AUTH,
        OpCode.SET_WATCHES, OpCode.SASL, OpCode.GET_EPHEMERALS, OpCode.GET_ALL_CHILDREN_NUMBER, OpCode.SET_WATCHES2,
        OpCode.ADD_WATCH, OpCode.WHO_AM_I, OpCode.CLOSE_SESSION, OpCode.CREATE_SESSION, OpCode.CHECK,
        OpCode.WARDEN_TRANSFER_LEADERSHIP, 0, 10, -1, 999};
    private static final String[] PATHS = {"/", "/a", "/a/b", "/a/b/c", "/b", "/c-", "/zookeeper",
        "/zookeeper/quota", "/zookeeper/quota/a", "/zookeeper/quota/a/zookeeper_limits",
        "/zookeeper/quota/a/zookeeper_stats", "/zookeeper/config", "", "a", "/a/", "/a//b", "/.", "/a\u0000", null};
    private static final String[] SCHEMES = {"world", "digest", "ip", "auth", "super", "sasl", "x509", "foo", "", null};
    private static final String[] IDS = {"anyone", "u:hash=", "10.0.0.0/8", "127.0.0.1", "", "a:b:c", null};

    private final FuzzedDataProvider data;

    HostileRequests(FuzzedDataProvider data) {
        this.data = data;
    }

    int opCode() {
        return data.consumeBoolean() ? data.pickValue(OP_CODES) : data.consumeInt();
    }

    /** A body for {@code opCode}: mostly its fields, sometimes raw bytes. */
    byte[] body(int opCode) {
        if (data.consumeInt(0, 9) == 0) {
            return data.consumeBytes(data.consumeInt(0, 64));
        }
        JuteOutput out = new JuteOutput(64);
        fields(opCode, out, true);
        if (data.consumeInt(0, 9) == 0) {
            byte[] extra = data.consumeBytes(8);
            out.writeRaw(extra, 0, extra.length);
        }
        return out.toByteArray();
    }

    private void fields(int opCode, JuteOutput out, boolean top) {
        switch (opCode) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> {
                out.writeString(path());
                out.writeBuffer(bytes());
                acl(out);
                out.writeInt(data.consumeInt(-2, 8));
                if (opCode == OpCode.CREATE_TTL) {
                    out.writeLong(data.consumeBoolean() ? data.consumeLong() : data.consumeLong(-1, 100_000));
                }
            }
            case OpCode.DELETE, OpCode.CHECK -> {
                out.writeString(path());
                out.writeInt(version());
            }
            case OpCode.EXISTS, OpCode.GET_DATA, OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2 -> {
                out.writeString(path());
                out.writeBoolean(data.consumeBoolean());
            }
            case OpCode.SET_DATA -> {
                out.writeString(path());
                out.writeBuffer(bytes());
                out.writeInt(version());
            }
            case OpCode.GET_ACL, OpCode.SYNC, OpCode.GET_EPHEMERALS, OpCode.GET_ALL_CHILDREN_NUMBER,
                    OpCode.DELETE_CONTAINER -> out.writeString(path());
            case OpCode.SET_ACL -> {
                out.writeString(path());
                acl(out);
                out.writeInt(version());
            }
            case OpCode.MULTI, OpCode.MULTI_READ -> {
                int ops = top ? data.consumeInt(0, 4) : 0;
                int[] subOps = opCode == OpCode.MULTI
                        ? new int[] {OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL,
                            OpCode.DELETE, OpCode.SET_DATA, OpCode.CHECK, OpCode.GET_DATA, 999}
                        : new int[] {OpCode.GET_DATA, OpCode.GET_CHILDREN, OpCode.CREATE};
                for (int i = 0; i < ops; i++) {
                    int type = data.pickValue(subOps);
                    out.writeInt(type);
                    out.writeBoolean(false);
                    out.writeInt(-1);
                    fields(type, out, false);
                }
                out.writeInt(-1);
                out.writeBoolean(true);
                out.writeInt(-1);
            }
            case OpCode.RECONFIG -> {
                out.writeString(string());
                out.writeString(string());
                out.writeString(string());
                out.writeLong(data.consumeLong());
            }
            case OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES, OpCode.ADD_WATCH -> {
                out.writeString(path());
                out.writeInt(data.consumeInt(-1, 6));
            }
            case OpCode.AUTH -> {
                out.writeInt(data.consumeInt(-1, 1));
                out.writeString(data.pickValue(new String[] {"digest", "ip", "sasl", "super", ""}));
                out.writeBuffer(data.consumeBoolean() ? null : data.consumeString(40).getBytes());
            }
            case OpCode.SET_WATCHES, OpCode.SET_WATCHES2 -> {
                out.writeLong(data.consumeLong());
                for (int i = 0; i < (opCode == OpCode.SET_WATCHES ? 3 : 5); i++) {
                    paths(out);
                }
            }
            case OpCode.SASL -> out.writeBuffer(bytes());
            default -> {
                // ping, closeSession, whoAmI, createSession and unknown op codes carry no body
            }
        }
    }

    private String path() {
        return data.consumeInt(0, 5) == 0 ? data.consumeString(12) : data.pickValue(PATHS);
    }

    private String string() {
        return data.consumeBoolean() ? null : data.consumeString(20);
    }

    private byte[] bytes() {
        return data.consumeBoolean() ? null : data.consumeBytes(data.consumeInt(0, 32));
    }

    private int version() {
        return data.consumeBoolean() ? data.consumeInt(-2, 3) : data.consumeInt();
    }

    private void acl(JuteOutput out) {
        int size = data.consumeInt(-1, 3);
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeInt(data.consumeBoolean() ? 31 : data.consumeInt());
            out.writeString(data.pickValue(SCHEMES));
            out.writeString(data.pickValue(IDS));
        }
    }

    private void paths(JuteOutput out) {
        int size = data.consumeInt(-1, 4);
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeString(path());
        }
    }
}
