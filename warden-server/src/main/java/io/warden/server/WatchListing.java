package io.warden.server;

import java.util.Map;
import java.util.Set;

import io.warden.tree.DataTree;

/**
 * The watches as ZooKeeper's listings show them (the wchs, wchc and wchp four-letter words and
 * their AdminServer forms): data and persistent watches, each path once per watcher; child
 * watches are not listed.
 */
record WatchListing(Map<Long, Set<String>> pathsByWatcher, Map<String, Set<Long>> watchersByPath) {
    static WatchListing of(DataTree tree) {
        return new WatchListing(tree.listedPathsByWatcher(), tree.listedWatchersByPath());
    }

    /** Each (path, watcher) pair once: wchs's "Total watches". */
    int totalWatches() {
        int total = 0;
        for (Set<Long> watchers : watchersByPath.values()) {
            total += watchers.size();
        }
        return total;
    }
}
