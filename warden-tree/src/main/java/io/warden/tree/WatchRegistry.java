package io.warden.tree;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.warden.common.ZnodePaths;
import io.warden.wire.Acl;

/**
 * Watches by path and kind. A watcher is a connection id.
 * <ul>
 * <li>data watches (getData, exists) fire once on NodeCreated, NodeDataChanged, NodeDeleted;</li>
 * <li>child watches (getChildren) fire once on NodeChildrenChanged and NodeDeleted;</li>
 * <li>persistent watches fire on every event of their path and stay;</li>
 * <li>persistent recursive watches fire on NodeCreated, NodeDataChanged and NodeDeleted of their
 * path and every descendant, never on NodeChildrenChanged, and stay.</li>
 * </ul>
 * A watcher gets one event per (path, type) however many of its watches match.
 */
final class WatchRegistry {
    enum Kind {
        DATA, CHILD, PERSISTENT, RECURSIVE
    }

    private final Map<Kind, Map<String, Set<Long>>> byPath = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<Long, Set<String>>> byWatcher = new EnumMap<>(Kind.class);

    WatchRegistry() {
        for (Kind kind : Kind.values()) {
            byPath.put(kind, new HashMap<>());
            byWatcher.put(kind, new HashMap<>());
        }
    }

    void add(Kind kind, String path, long watcher) {
        byPath.get(kind).computeIfAbsent(path, p -> new HashSet<>(2)).add(watcher);
        byWatcher.get(kind).computeIfAbsent(watcher, w -> new HashSet<>(4)).add(path);
    }

    boolean has(Kind kind, String path, long watcher) {
        Set<Long> watchers = byPath.get(kind).get(path);
        return watchers != null && watchers.contains(watcher);
    }

    /** Removes one watch; true if it existed. */
    boolean remove(Kind kind, String path, long watcher) {
        Set<Long> watchers = byPath.get(kind).get(path);
        if (watchers == null || !watchers.remove(watcher)) {
            return false;
        }
        if (watchers.isEmpty()) {
            byPath.get(kind).remove(path);
        }
        unlink(kind, watcher, path);
        return true;
    }

    private void unlink(Kind kind, long watcher, String path) {
        Set<String> paths = byWatcher.get(kind).get(watcher);
        if (paths != null) {
            paths.remove(path);
            if (paths.isEmpty()) {
                byWatcher.get(kind).remove(watcher);
            }
        }
    }

    /**
     * Fires the watches an event on {@code path} triggers, appending one event per watcher that
     * may read the node ({@code acl} is the node's, or the parent's for NodeChildrenChanged).
     */
    void trigger(String path, int type, long zxid, List<Acl> acl, WatcherReadCheck readCheck, List<WatchEvent> out) {
        Set<Long> watchers = new LinkedHashSet<>();
        boolean childrenChanged = type == WatchEvent.NODE_CHILDREN_CHANGED;
        if (!childrenChanged) {
            take(Kind.DATA, path, watchers);
        }
        if (childrenChanged || type == WatchEvent.NODE_DELETED) {
            take(Kind.CHILD, path, watchers);
        }
        addAll(byPath.get(Kind.PERSISTENT).get(path), watchers);
        Map<String, Set<Long>> recursive = byPath.get(Kind.RECURSIVE);
        if (!childrenChanged && !recursive.isEmpty()) {
            for (String ancestor = path; ; ancestor = ZnodePaths.parent(ancestor)) {
                addAll(recursive.get(ancestor), watchers);
                if (ancestor.equals("/")) {
                    break;
                }
            }
        }
        for (long watcher : watchers) {
            if (readCheck.mayRead(watcher, acl)) {
                out.add(new WatchEvent(watcher, type, path, zxid));
            }
        }
    }

    private static void addAll(Set<Long> from, Set<Long> into) {
        if (from != null) {
            into.addAll(from);
        }
    }

    private void take(Kind kind, String path, Set<Long> into) {
        Set<Long> watchers = byPath.get(kind).remove(path);
        if (watchers == null) {
            return;
        }
        for (long watcher : watchers) {
            into.add(watcher);
            unlink(kind, watcher, path);
        }
    }

    /** Drops every watch of a watcher, for a closed connection. */
    void removeWatcher(long watcher) {
        for (Kind kind : Kind.values()) {
            Set<String> paths = byWatcher.get(kind).remove(watcher);
            if (paths == null) {
                continue;
            }
            for (String path : paths) {
                Set<Long> watchers = byPath.get(kind).get(path);
                if (watchers != null) {
                    watchers.remove(watcher);
                    if (watchers.isEmpty()) {
                        byPath.get(kind).remove(path);
                    }
                }
            }
        }
    }

    /** The watches one watcher holds, of every kind. */
    int countFor(long watcher) {
        int count = 0;
        for (Map<Long, Set<String>> table : byWatcher.values()) {
            Set<String> paths = table.get(watcher);
            count += paths == null ? 0 : paths.size();
        }
        return count;
    }

    /** Total watches of every kind. */
    int watchCount() {
        int count = 0;
        for (Map<String, Set<Long>> table : byPath.values()) {
            for (Set<Long> watchers : table.values()) {
                count += watchers.size();
            }
        }
        return count;
    }

    /**
     * The kinds of watch ZooKeeper's watch listings (wchs, wchc, wchp) show: it keeps data and
     * persistent watches in one table and child watches in another, and lists only the first.
     */
    static final Set<Kind> LISTED = EnumSet.of(Kind.DATA, Kind.PERSISTENT, Kind.RECURSIVE);

    /** Paths watched by each watcher through a watch of one of {@code kinds}, each path once. */
    Map<Long, Set<String>> pathsByWatcher(Set<Kind> kinds) {
        Map<Long, Set<String>> result = new HashMap<>();
        for (Kind kind : kinds) {
            byWatcher.get(kind).forEach((w, p) -> result.computeIfAbsent(w, k -> new HashSet<>()).addAll(p));
        }
        return result;
    }

    /** Watchers of each path through a watch of one of {@code kinds}, each watcher once. */
    Map<String, Set<Long>> watchersByPath(Set<Kind> kinds) {
        Map<String, Set<Long>> result = new HashMap<>();
        for (Kind kind : kinds) {
            byPath.get(kind).forEach((p, w) -> result.computeIfAbsent(p, k -> new HashSet<>()).addAll(w));
        }
        return result;
    }

    /** Paths watched by each watcher, every kind of watch. */
    Map<Long, Set<String>> pathsByWatcher() {
        return pathsByWatcher(EnumSet.allOf(Kind.class));
    }

    /** Watchers of each path, every kind of watch. */
    Map<String, Set<Long>> watchersByPath() {
        return watchersByPath(EnumSet.allOf(Kind.class));
    }
}
