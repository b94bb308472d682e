package io.warden.recipes;

import io.warden.client.BlockingClient;
import io.warden.client.CreateMode;
import io.warden.client.Created;
import io.warden.client.Op;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.common.ZnodePaths;
import io.warden.wire.ErrorCode;
import io.warden.wire.Stat;

/**
 * Creates a sequential (usually ephemeral) node exactly once even when the connection drops: the
 * node gets a {@link ProtectedNames} prefix, and after an uncertain failure (CONNECTIONLOSS,
 * REQUESTTIMEOUT) the parent's children are searched for it before any new attempt. A node found
 * that belongs to an earlier session of this client is not adopted (it dies with that session) but
 * deleted, and a new one made. When the create gives up, or the thread is interrupted while it
 * waits, any node with the prefix is deleted in the background, so no contender is left behind to
 * block the others. Missing parents are created as containers, as Curator does.
 */
public final class ProtectedCreate {
    /** Attempts (creates and searches) before giving up on a connection that keeps dropping. */
    static final int ATTEMPTS_MAX = 10;

    private ProtectedCreate() {
    }

    /** Creates {@code parent/_c_<uuid>-<name>} with {@code mode}; the result holds the actual path and Stat. */
    public static Created create(WardenClient client, String parent, String name, byte[] data, CreateMode mode)
            throws InterruptedException {
        String prefix = ProtectedNames.newPrefix();
        boolean created = false;
        try {
            Created node = attempts(client, parent, prefix + name, prefix, data, mode);
            created = true;
            return node;
        } finally {
            if (!created) {
                deleteLater(client, parent, prefix);
            }
        }
    }

    private static Created attempts(WardenClient client, String parent, String childName, String prefix,
            byte[] data, CreateMode mode) throws InterruptedException {
        BlockingClient blocking = client.blocking();
        String path = ZnodePaths.child(parent, childName);
        WardenException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
            try {
                return blocking.create(Op.create(path, data, mode));
            } catch (WardenException e) {
                last = e;
                if (e.code() == ErrorCode.NONODE) {
                    blocking.ensureContainers(parent);
                } else if (e.code() == ErrorCode.CONNECTIONLOSS || e.code() == ErrorCode.REQUESTTIMEOUT) {
                    Created found = search(client, parent, prefix, mode);
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

    /**
     * The node with {@code prefix}, if a create that looked failed made it in this session; null
     * when there is none (an earlier session's node is deleted first). Searches again while the
     * search itself fails, since creating again before knowing could make a second node.
     */
    private static Created search(WardenClient client, String parent, String prefix, CreateMode mode)
            throws InterruptedException {
        BlockingClient blocking = client.blocking();
        WardenException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
            try {
                String name = ProtectedNames.find(blocking.getChildren(parent).names(), prefix);
                if (name == null) {
                    return null;
                }
                String path = ZnodePaths.child(parent, name);
                Stat stat = blocking.exists(path);
                if (stat == null) {
                    return null;
                }
                if (mode.isEphemeral() && stat.ephemeralOwner() != client.sessionId()) {
                    // Made in a session that has since ended on this side: it is not ours to keep.
                    GuaranteedDelete.delete(client, path);
                    return null;
                }
                return new Created(path, stat);
            } catch (WardenException e) {
                if (e.code() == ErrorCode.NONODE) {
                    return null;
                }
                if (!Waits.isTransient(e.code())) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** Deletes, in the background, every child of {@code parent} that carries {@code prefix}. */
    private static void deleteLater(WardenClient client, String parent, String prefix) {
        client.getChildren(parent).thenAccept(children -> {
            for (String child : children.names()) {
                if (child.startsWith(prefix)) {
                    GuaranteedDelete.delete(client, ZnodePaths.child(parent, child));
                }
            }
        });
    }

    /**
     * Deletes a node this client made (a lock node at release, a contender that gave up). A node
     * already gone is fine; when the delete cannot be confirmed (the connection is down, the thread
     * is interrupted), it goes on in the background until the node is gone ({@link GuaranteedDelete}).
     */
    public static void deleteOwn(WardenClient client, String path) throws InterruptedException {
        try {
            client.blocking().delete(path, -1);
        } catch (WardenException e) {
            if (e.code() != ErrorCode.NONODE) {
                GuaranteedDelete.delete(client, path);
            }
        } catch (InterruptedException e) {
            GuaranteedDelete.delete(client, path);
            throw e;
        }
    }
}
