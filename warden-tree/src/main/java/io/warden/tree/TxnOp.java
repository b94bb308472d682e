package io.warden.tree;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;

/** What a transaction does. Validation that depends on the tree happens when it is applied. */
public sealed interface TxnOp {

    /**
     * A create of any kind.
     *
     * @param opCode the client's op code (1, 15, 19 or 21): it selects the response record and
     *               must agree with the mode
     * @param ttl    the TTL in ms for op 21, -1 otherwise
     */
    record Create(int opCode, String path, byte[] data, List<Acl> acl, int flags, long ttl) implements TxnOp {
        @Override
        public boolean equals(Object o) {
            return o instanceof Create c && opCode == c.opCode && flags == c.flags && ttl == c.ttl
                    && path.equals(c.path) && Arrays.equals(data, c.data) && Objects.equals(acl, c.acl);
        }

        @Override
        public int hashCode() {
            return Objects.hash(opCode, path, Arrays.hashCode(data), acl, flags, ttl);
        }

        @Override
        public String toString() {
            return "Create[" + opCode + " " + path + " flags=" + flags + " ttl=" + ttl + "]";
        }
    }

    /** A delete; {@code container} marks the reaper's deleteContainer (op 20). */
    record Delete(String path, int version, boolean container) implements TxnOp {
    }

    record SetData(String path, byte[] data, int version) implements TxnOp {
        @Override
        public boolean equals(Object o) {
            return o instanceof SetData s && version == s.version && path.equals(s.path) && Arrays.equals(data, s.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, Arrays.hashCode(data), version);
        }

        @Override
        public String toString() {
            return "SetData[" + path + " v=" + version + "]";
        }
    }

    record SetAcl(String path, List<Acl> acl, int version) implements TxnOp {
    }

    /** A version check; valid only inside a multi. */
    record Check(String path, int version) implements TxnOp {
    }

    /** Sub-operations applied all or nothing. */
    record Multi(List<TxnOp> ops) implements TxnOp {
        public Multi {
            ops = List.copyOf(ops);
        }
    }

    record CreateSession(long sessionId, int timeoutMs) implements TxnOp {
    }

    /** Closes a session and deletes its ephemerals. */
    record CloseSession(long sessionId) implements TxnOp {
    }

    /** A request the prepare stage already refused; it still uses up its zxid, as in ZooKeeper. */
    record Error(ErrorCode code) implements TxnOp {
    }
}
