package io.warden.tree;

import java.util.List;

/** The watch lists a reconnecting client re-registers (SetWatches and SetWatches2). */
public record WatchLists(List<String> data, List<String> exist, List<String> child, List<String> persistent,
        List<String> persistentRecursive) {
    public WatchLists {
        data = orEmpty(data);
        exist = orEmpty(exist);
        child = orEmpty(child);
        persistent = orEmpty(persistent);
        persistentRecursive = orEmpty(persistentRecursive);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
