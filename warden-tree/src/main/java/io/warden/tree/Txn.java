package io.warden.tree;

import java.util.List;
import java.util.Objects;

import io.warden.wire.Id;

/**
 * One replicated transaction: a client's write as the prepare stage stamped it, with its zxid, the
 * leader's clock, the session that sent it and that session's identities at the time. Applying it
 * is deterministic, so every replica reaches the same tree and the same result.
 *
 * @param zxid       the transaction id
 * @param timeMs     the leader's wall clock when the transaction was made (ctime and mtime)
 * @param sessionId  the session that sent it, 0 for the server's own transactions
 * @param cxid       the client's xid, kept for logs and tools
 * @param identities the sending session's identities, used for ACL checks and the auth scheme
 * @param op         what the transaction does
 */
public record Txn(long zxid, long timeMs, long sessionId, int cxid, List<Id> identities, TxnOp op) {
    public Txn {
        identities = List.copyOf(identities);
        Objects.requireNonNull(op, "op");
    }
}
