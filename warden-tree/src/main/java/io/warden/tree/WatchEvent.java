package io.warden.tree;

/**
 * A notification due to one watcher.
 *
 * @param watcherId the watcher (a connection) that registered the watch
 * @param type      ZooKeeper's EventType value
 * @param path      the node the event is about
 * @param zxid      the transaction that fired it, -1 for events produced at re-registration
 */
public record WatchEvent(long watcherId, int type, String path, long zxid) {
    public static final int NODE_CREATED = 1;
    public static final int NODE_DELETED = 2;
    public static final int NODE_DATA_CHANGED = 3;
    public static final int NODE_CHILDREN_CHANGED = 4;
}
