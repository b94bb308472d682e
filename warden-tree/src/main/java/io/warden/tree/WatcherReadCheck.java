package io.warden.tree;

import java.util.List;

import io.warden.wire.Acl;

/**
 * Whether a watcher may read a node, asked before each watch event is delivered: a connection
 * without READ on a node is not told about it (ZooKeeper's fix for CVE-2024-23944 and its
 * per-event ACL check). The watch is consumed either way.
 */
@FunctionalInterface
public interface WatcherReadCheck {
    WatcherReadCheck ALLOW_ALL = (watcherId, acl) -> true;

    boolean mayRead(long watcherId, List<Acl> acl);
}
