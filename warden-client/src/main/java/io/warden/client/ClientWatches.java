package io.warden.client;

import io.warden.common.ZnodePaths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The watches this client holds, by kind and server path (chroot included), so that a notification
 * reaches every watcher it concerns, one-shot watches end when they fire, and every watch can be
 * registered again on a new connection. Iteration follows registration order, so delivery order is
 * reproducible.
 */
final class ClientWatches {

    /** The five kinds a server keeps apart (and SetWatches2 lists apart). */
    enum Kind { DATA, EXIST, CHILD, PERSISTENT, PERSISTENT_RECURSIVE }

    private final Map<Kind, Map<String, Set<Watcher>>> byKind = new EnumMap<>(Kind.class);

    ClientWatches() {
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new LinkedHashMap<>());
        }
    }

    void add(Kind kind, String serverPath, Watcher watcher) {
        byKind.get(kind).computeIfAbsent(serverPath, path -> new LinkedHashSet<>()).add(watcher);
    }

    boolean isEmpty() {
        return byKind.values().stream().allMatch(Map::isEmpty);
    }

    /** The paths holding a watch of this kind. */
    List<String> paths(Kind kind) {
        return new ArrayList<>(byKind.get(kind).keySet());
    }

    /** How many (path, watcher) registrations of this kind there are. */
    int count(Kind kind) {
        return byKind.get(kind).values().stream().mapToInt(Set::size).sum();
    }

    /**
     * The watchers a server event concerns, each once; one-shot watches it fires are removed, as
     * the server removed its own.
     */
    Set<Watcher> fire(EventType type, String serverPath) {
        Set<Watcher> fired = new LinkedHashSet<>();
        switch (type) {
            case NODE_CREATED, NODE_DATA_CHANGED -> {
                take(Kind.DATA, serverPath, fired);
                take(Kind.EXIST, serverPath, fired);
            }
            case NODE_CHILDREN_CHANGED -> take(Kind.CHILD, serverPath, fired);
            case NODE_DELETED -> {
                take(Kind.DATA, serverPath, fired);
                take(Kind.EXIST, serverPath, fired);
                take(Kind.CHILD, serverPath, fired);
            }
            case DATA_WATCH_REMOVED, CHILD_WATCH_REMOVED, PERSISTENT_WATCH_REMOVED ->
                    throw new IllegalArgumentException("the server does not send " + type);
        }
        fired.addAll(byKind.get(Kind.PERSISTENT).getOrDefault(serverPath, Set.of()));
        if (type != EventType.NODE_CHILDREN_CHANGED) {
            Map<String, Set<Watcher>> recursive = byKind.get(Kind.PERSISTENT_RECURSIVE);
            if (!recursive.isEmpty()) {
                for (String path = serverPath; path != null; path = parentOrNull(path)) {
                    fired.addAll(recursive.getOrDefault(path, Set.of()));
                }
            }
        }
        return fired;
    }

    /** True when {@code watcher} (or, when null, anyone) holds a watch of {@code type} on the path. */
    boolean holds(String serverPath, Watcher watcher, WatcherType type) {
        for (Kind kind : kindsOf(type)) {
            Set<Watcher> watchers = byKind.get(kind).get(serverPath);
            if (watchers != null && (watcher == null ? !watchers.isEmpty() : watchers.contains(watcher))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes the watches of {@code type} on the path held by {@code watcher}, or by every watcher
     * when it is null, and says which event each removed watcher is to be told.
     */
    Map<Watcher, EventType> remove(String serverPath, Watcher watcher, WatcherType type) {
        Map<Watcher, EventType> removed = new LinkedHashMap<>();
        for (Kind kind : kindsOf(type)) {
            Map<String, Set<Watcher>> paths = byKind.get(kind);
            Set<Watcher> watchers = paths.get(serverPath);
            if (watchers == null) {
                continue;
            }
            List<Watcher> gone = watcher == null ? new ArrayList<>(watchers)
                    : watchers.contains(watcher) ? List.of(watcher) : List.of();
            gone.forEach(watchers::remove);
            if (watchers.isEmpty()) {
                paths.remove(serverPath);
            }
            for (Watcher each : gone) {
                removed.putIfAbsent(each, removalEvent(kind));
            }
        }
        return removed;
    }

    /** Drops every registration of {@code watcher}, of any kind and path; how many there were. */
    int forget(Watcher watcher) {
        int forgotten = 0;
        for (Map<String, Set<Watcher>> paths : byKind.values()) {
            for (Iterator<Map.Entry<String, Set<Watcher>>> entries = paths.entrySet().iterator(); entries.hasNext(); ) {
                Set<Watcher> watchers = entries.next().getValue();
                if (watchers.remove(watcher)) {
                    forgotten++;
                    if (watchers.isEmpty()) {
                        entries.remove();
                    }
                }
            }
        }
        return forgotten;
    }

    private void take(Kind kind, String serverPath, Set<Watcher> into) {
        Set<Watcher> watchers = byKind.get(kind).remove(serverPath);
        if (watchers != null) {
            into.addAll(watchers);
        }
    }

    private static List<Kind> kindsOf(WatcherType type) {
        return switch (type) {
            case CHILDREN -> List.of(Kind.CHILD);
            case DATA -> List.of(Kind.DATA, Kind.EXIST);
            case PERSISTENT -> List.of(Kind.PERSISTENT);
            case PERSISTENT_RECURSIVE -> List.of(Kind.PERSISTENT_RECURSIVE);
            case ANY -> List.of(Kind.values());
        };
    }

    private static EventType removalEvent(Kind kind) {
        return switch (kind) {
            case DATA, EXIST -> EventType.DATA_WATCH_REMOVED;
            case CHILD -> EventType.CHILD_WATCH_REMOVED;
            case PERSISTENT, PERSISTENT_RECURSIVE -> EventType.PERSISTENT_WATCH_REMOVED;
        };
    }

    private static String parentOrNull(String path) {
        return path.equals("/") ? null : ZnodePaths.parent(path);
    }
}
