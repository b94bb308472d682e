package io.warden.recipes.discovery;

import io.warden.client.WardenClient;

/**
 * The node of one instance registered by this process, kept as its {@link ServiceType} says. Made
 * by {@link #start}, which waits until the node exists.
 */
interface Registration {

    /** Creates the node of {@code instance} at {@code path} (its id's node) and keeps it as its type says. */
    static Registration start(WardenClient client, String path, ServiceInstance instance, long timeoutMs)
            throws InterruptedException {
        byte[] data = InstanceCodec.encode(instance);
        return switch (instance.serviceType()) {
            case DYNAMIC -> EphemeralRegistration.start(client, path, data, timeoutMs);
            case DYNAMIC_SEQUENTIAL -> SequentialRegistration.start(client, path, data, timeoutMs);
            case STATIC, PERMANENT -> PersistentRegistration.start(client.blocking(), path, data);
        };
    }

    /** Replaces the node's data (and the data of any later re-creation). */
    void update(byte[] data) throws InterruptedException;

    /**
     * Stops keeping the node. With {@code unregister} the node is deleted; without, only ephemeral
     * nodes are (persistent ones outlive the process that wrote them).
     */
    void close(boolean unregister) throws InterruptedException;
}
