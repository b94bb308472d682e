package io.warden.zab;

/** What a server is doing in the ensemble; the names are ZooKeeper's. */
public enum ServerState {
    LOOKING, FOLLOWING, LEADING, OBSERVING
}
