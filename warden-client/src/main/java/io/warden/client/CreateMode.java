package io.warden.client;

/**
 * How a node is created: whether it lives as long as the session, gets a sequence suffix, is a
 * container (deleted by the server once its last child is gone) or has a time to live. The flag
 * values are ZooKeeper's {@code CreateMode} values on the wire.
 */
public enum CreateMode {
    PERSISTENT(0),
    EPHEMERAL(1),
    PERSISTENT_SEQUENTIAL(2),
    EPHEMERAL_SEQUENTIAL(3),
    CONTAINER(4),
    PERSISTENT_WITH_TTL(5),
    PERSISTENT_SEQUENTIAL_WITH_TTL(6);

    private final int flag;

    CreateMode(int flag) {
        this.flag = flag;
    }

    /** The value of {@code CreateRequest.flags}. */
    public int flag() {
        return flag;
    }

    public boolean isEphemeral() {
        return this == EPHEMERAL || this == EPHEMERAL_SEQUENTIAL;
    }

    public boolean isSequential() {
        return this == PERSISTENT_SEQUENTIAL || this == EPHEMERAL_SEQUENTIAL || this == PERSISTENT_SEQUENTIAL_WITH_TTL;
    }

    public boolean isContainer() {
        return this == CONTAINER;
    }

    public boolean isTtl() {
        return this == PERSISTENT_WITH_TTL || this == PERSISTENT_SEQUENTIAL_WITH_TTL;
    }
}
