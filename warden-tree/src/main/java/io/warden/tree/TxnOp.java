package io.warden.tree;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;

/**
 * What a transaction does. Validation that depends on the tree happens when it is applied, so any
 * field may hold what a client sent, {@code null} strings included: applying never throws for a
 * value a record can hold, and {@link TxnCodec} encodes and decodes every one of them.
 */
public sealed interface TxnOp {

    /** An operation on one node, named by its path (which a client may have left {@code null}). */
    sealed interface OnPath extends TxnOp {
        String path();
    }

    /**
     * A create of any kind.
     *
     * @param opCode the client's op code (1, 15, 19 or 21): it selects the response record and
     *               must agree with the mode
     * @param ttl    the TTL in ms for op 21, -1 otherwise
     */
    record Create(int opCode, String path, byte[] data, List<Acl> acl, int flags, long ttl) implements OnPath {
        @Override
        public boolean equals(Object o) {
            return o instanceof Create c && opCode == c.opCode && flags == c.flags && ttl == c.ttl
                    && Objects.equals(path, c.path) && Arrays.equals(data, c.data) && Objects.equals(acl, c.acl);
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

    /** A delete; {@code container} marks the reaper's deleteContainer (op 20), which checks no ACL. */
    record Delete(String path, int version, boolean container) implements OnPath {
    }

    /**
     * A client's deleteContainer (op 20): ZooKeeper's rules for it (an empty node that is not a
     * session's ephemeral) plus the DELETE permission on the parent that ZooKeeper does not check.
     */
    record DeleteContainer(String path) implements OnPath {
    }

    record SetData(String path, byte[] data, int version) implements OnPath {
        @Override
        public boolean equals(Object o) {
            return o instanceof SetData s && version == s.version && Objects.equals(path, s.path)
                    && Arrays.equals(data, s.data);
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

    record SetAcl(String path, List<Acl> acl, int version) implements OnPath {
    }

    /** A version check; valid only inside a multi. */
    record Check(String path, int version) implements OnPath {
    }

    /** Sub-operations applied all or nothing; a multi holds no multi. */
    record Multi(List<TxnOp> ops) implements TxnOp {
        public Multi {
            ops = List.copyOf(ops);
            for (TxnOp op : ops) {
                if (op instanceof Multi) {
                    throw new IllegalArgumentException("a multi inside a multi");
                }
            }
        }
    }

    record CreateSession(long sessionId, int timeoutMs) implements TxnOp {
    }

    /** Closes a session and deletes its ephemerals. */
    record CloseSession(long sessionId) implements TxnOp {
    }

    /** A request the prepare stage already refused; it still uses up its zxid, as in ZooKeeper. */
    record Error(ErrorCode code) implements TxnOp {
        public Error {
            Objects.requireNonNull(code, "code");
        }
    }
}
