package io.warden.client;

/**
 * A watch that stays after it fires. {@link #PERSISTENT} fires for the node's creation, data
 * changes, deletion and child changes; {@link #PERSISTENT_RECURSIVE} fires for creation, data
 * changes and deletion of the node and of every node below it.
 */
public enum AddWatchMode {
    PERSISTENT(0),
    PERSISTENT_RECURSIVE(1);

    private final int code;

    AddWatchMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
