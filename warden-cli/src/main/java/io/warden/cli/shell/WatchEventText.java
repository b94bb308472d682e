package io.warden.cli.shell;

import io.warden.client.ConnectionState;
import io.warden.client.WatchEvent;

/** Watch events and connection changes as zkCli prints them ({@code WATCHER::} then a {@code WatchedEvent} line). */
final class WatchEventText {
    static final String HEADER = "WATCHER::";

    private WatchEventText() {
    }

    static String of(WatchEvent event) {
        return block("SyncConnected", typeName(event), event.path(), event.zxid());
    }

    static String of(ConnectionState state) {
        return block(stateName(state), "None", "null", -1);
    }

    /** The three lines zkCli prints, with the empty line before and between. */
    private static String block(String state, String type, String path, long zxid) {
        return "\n" + HEADER + "\n\n" + "WatchedEvent state:" + state + " type:" + type + " path:" + path + " zxid: " + zxid;
    }

    static String typeName(WatchEvent event) {
        return switch (event.type()) {
            case NODE_CREATED -> "NodeCreated";
            case NODE_DELETED -> "NodeDeleted";
            case NODE_DATA_CHANGED -> "NodeDataChanged";
            case NODE_CHILDREN_CHANGED -> "NodeChildrenChanged";
            case DATA_WATCH_REMOVED -> "DataWatchRemoved";
            case CHILD_WATCH_REMOVED -> "ChildWatchRemoved";
            case PERSISTENT_WATCH_REMOVED -> "PersistentWatchRemoved";
        };
    }

    /** ZooKeeper's {@code KeeperState} name for a connection state. */
    static String stateName(ConnectionState state) {
        return switch (state) {
            case CONNECTED, RECONNECTED -> "SyncConnected";
            case SUSPENDED -> "Disconnected";
            case LOST, EXPIRED -> "Expired";
            case AUTH_FAILED -> "AuthFailed";
            case CLOSED -> "Closed";
        };
    }
}
