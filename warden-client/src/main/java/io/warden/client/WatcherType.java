package io.warden.client;

/** Which watches {@code removeWatches} and {@code removeAllWatches} remove (ZooKeeper's WatcherType). */
public enum WatcherType {
    CHILDREN(1),
    DATA(2),
    ANY(3),
    PERSISTENT(4),
    PERSISTENT_RECURSIVE(5);

    private final int code;

    WatcherType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
