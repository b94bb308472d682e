package io.warden.recipes;

import io.warden.client.BlockingClient;
import io.warden.client.CreateMode;
import io.warden.client.Created;
import io.warden.client.Op;
import io.warden.client.WardenException;
import io.warden.common.ZnodePaths;
import io.warden.wire.ErrorCode;
import io.warden.wire.Stat;

/**
 * Creates a sequential (usually ephemeral) node exactly once even when the connection drops: the
 * node gets a {@link ProtectedNames} prefix, and after CONNECTIONLOSS the parent's children are
 * searched for it before any new attempt. A missing parent is created as a container, as Curator
 * does, so that an abandoned recipe's directory goes away by itself.
 */
public final class ProtectedCreate {
    /** Attempts before giving up on a connection that keeps dropping. */
    static final int ATTEMPTS_MAX = 10;

    private ProtectedCreate() {
    }

    /** Creates {@code parent/_c_<uuid>-<name>} with {@code mode}; the result holds the actual path and Stat. */
    public static Created create(BlockingClient client, String parent, String name, byte[] data, CreateMode mode)
            throws InterruptedException {
        String prefix = ProtectedNames.newPrefix();
        String path = ZnodePaths.child(parent, prefix + name);
        WardenException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
            try {
                return client.create(Op.create(path, data, mode));
            } catch (WardenException e) {
                last = e;
                if (e.code() == ErrorCode.NONODE) {
                    client.ensureContainers(parent);
                } else if (e.code() == ErrorCode.CONNECTIONLOSS) {
                    Created found = findCreated(client, parent, prefix);
                    if (found != null) {
                        return found;
                    }
                } else {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static Created findCreated(BlockingClient client, String parent, String prefix)
            throws InterruptedException {
        try {
            String name = ProtectedNames.find(client.getChildren(parent).names(), prefix);
            if (name == null) {
                return null;
            }
            String path = ZnodePaths.child(parent, name);
            Stat stat = client.exists(path);
            return stat == null ? null : new Created(path, stat);
        } catch (WardenException e) {
            if (e.code() == ErrorCode.CONNECTIONLOSS || e.code() == ErrorCode.NONODE) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Deletes an ephemeral node of this client's session: a node already gone, or a session that
     * ended (and took the node with it), is fine; connection losses are retried a few times.
     */
    public static void deleteOwnEphemeral(BlockingClient client, String path) throws InterruptedException {
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
            try {
                client.delete(path, -1);
                return;
            } catch (WardenException e) {
                if (e.code() == ErrorCode.NONODE || e.code() == ErrorCode.SESSIONEXPIRED) {
                    return;
                }
                if (e.code() != ErrorCode.CONNECTIONLOSS) {
                    throw e;
                }
            }
        }
    }
}
