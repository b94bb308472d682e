package io.warden.client;

/**
 * What happened to a watched node. The first four come from the server; the {@code *_REMOVED}
 * events are raised by the client when a watch is removed with {@code removeWatches}. The numbers
 * are ZooKeeper's {@code Watcher.Event.EventType} values.
 */
public enum EventType {
    NODE_CREATED(1),
    NODE_DELETED(2),
    NODE_DATA_CHANGED(3),
    NODE_CHILDREN_CHANGED(4),
    DATA_WATCH_REMOVED(5),
    CHILD_WATCH_REMOVED(6),
    PERSISTENT_WATCH_REMOVED(7);

    private final int code;

    EventType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The event type of a wire value, or {@code null} for a value no server sends. */
    static EventType ofServerCode(int code) {
        return switch (code) {
            case 1 -> NODE_CREATED;
            case 2 -> NODE_DELETED;
            case 3 -> NODE_DATA_CHANGED;
            case 4 -> NODE_CHILDREN_CHANGED;
            default -> null;
        };
    }
}
