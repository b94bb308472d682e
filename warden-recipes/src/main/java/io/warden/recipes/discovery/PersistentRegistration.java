package io.warden.recipes.discovery;

import io.warden.client.BlockingClient;
import io.warden.client.CreateMode;
import io.warden.client.Op;
import io.warden.client.WardenException;
import io.warden.common.ZnodePaths;
import io.warden.wire.ErrorCode;

/**
 * A {@link ServiceType#STATIC} or {@link ServiceType#PERMANENT} instance: a persistent node, written
 * over when it already exists (the same instance registered again), deleted only by unregistering.
 */
final class PersistentRegistration implements Registration {
    /** Attempts at creating or overwriting the node before giving up on a connection that keeps dropping. */
    static final int ATTEMPTS_MAX = 10;

    private final BlockingClient client;
    private final String path;

    private PersistentRegistration(BlockingClient client, String path) {
        this.client = client;
        this.path = path;
    }

    static PersistentRegistration start(BlockingClient client, String path, byte[] data) throws InterruptedException {
        WardenException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
            try {
                client.create(Op.create(path, data, CreateMode.PERSISTENT));
                return new PersistentRegistration(client, path);
            } catch (WardenException e) {
                last = e;
                if (e.code() == ErrorCode.NONODE) {
                    client.ensureContainers(ZnodePaths.parent(path));
                } else if (e.code() == ErrorCode.NODEEXISTS) {
                    if (overwrite(client, path, data)) {
                        return new PersistentRegistration(client, path);
                    }
                } else if (e.code() != ErrorCode.CONNECTIONLOSS) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** True when the existing node now holds {@code data}; false when it went meanwhile. */
    private static boolean overwrite(BlockingClient client, String path, byte[] data) throws InterruptedException {
        try {
            client.setData(path, data, -1);
            return true;
        } catch (WardenException e) {
            if (e.code() == ErrorCode.NONODE || e.code() == ErrorCode.CONNECTIONLOSS) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void update(byte[] data) throws InterruptedException {
        client.setData(path, data, -1);
    }

    @Override
    public void close(boolean unregister) throws InterruptedException {
        if (!unregister) {
            return;
        }
        try {
            client.delete(path, -1);
        } catch (WardenException e) {
            if (e.code() != ErrorCode.NONODE) {
                throw e;
            }
        }
    }
}
