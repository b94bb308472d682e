package io.warden.storage.zookeeper;

import java.util.List;

import io.warden.wire.Acl;

/** The body of one ZooKeeper transaction, as its log stores it (§7 of the wire-protocol notes). */
sealed interface ZkOp {

    /** createSession (-10): CreateSessionTxn. */
    record CreateSession(int timeoutMs) implements ZkOp {
    }

    /** closeSession (-11): CloseSessionTxn; {@code paths} is null when the log has no body for it. */
    record CloseSession(List<String> paths) implements ZkOp {
    }

    /**
     * A create. {@code type} 1 or 15 is a CreateTxn (ephemeral flag; {@code parentCVersion} -1 in
     * the old form without it), 19 a CreateContainerTxn and 21 a CreateTTLTxn; {@code ttlMs} is -1
     * except for 21. The path is final: a sequential suffix is already in it.
     */
    record Create(int type, String path, byte[] data, List<Acl> acl, boolean ephemeral, int parentCVersion,
            long ttlMs) implements ZkOp {
    }

    /** delete (2) or deleteContainer (20): DeleteTxn. */
    record Delete(int type, String path) implements ZkOp {
    }

    /** setData (5) or reconfig (16): SetDataTxn; {@code version} is the node's new version. */
    record SetData(int type, String path, byte[] data, int version) implements ZkOp {
    }

    /** setACL (7): SetACLTxn; {@code version} is the node's new aversion. */
    record SetAcl(String path, List<Acl> acl, int version) implements ZkOp {
    }

    /** check (13), only inside a multi: CheckVersionTxn. */
    record Check(String path, int version) implements ZkOp {
    }

    /** error (-1): ErrorTxn, a refused request that still used up its zxid. */
    record Error(int code) implements ZkOp {
    }

    /** multi (14): MultiTxn; one error among the ops means none of them took effect. */
    record Multi(List<ZkOp> ops) implements ZkOp {
        boolean failed() {
            for (ZkOp op : ops) {
                if (op instanceof Error) {
                    return true;
                }
            }
            return false;
        }
    }
}
