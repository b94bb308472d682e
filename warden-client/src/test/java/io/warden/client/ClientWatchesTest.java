package io.warden.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which watchers a server event reaches, as wire-protocol.md §6.4 lists them. */
class ClientWatchesTest {
    private final ClientWatches watches = new ClientWatches();
    private final Watcher data = event -> { };
    private final Watcher child = event -> { };
    private final Watcher persistent = event -> { };
    private final Watcher recursive = event -> { };

    @Test
    void aDeletionReachesEveryKindOnThePathOnceEach() {
        watches.add(ClientWatches.Kind.DATA, "/a", data);
        watches.add(ClientWatches.Kind.CHILD, "/a", data);
        watches.add(ClientWatches.Kind.CHILD, "/a", child);
        watches.add(ClientWatches.Kind.PERSISTENT, "/a", persistent);
        watches.add(ClientWatches.Kind.PERSISTENT_RECURSIVE, "/", recursive);

        assertThat(watches.fire(EventType.NODE_DELETED, "/a")).containsExactly(data, child, persistent, recursive);
        assertThat(watches.count(ClientWatches.Kind.DATA) + watches.count(ClientWatches.Kind.CHILD)).isZero();
        assertThat(watches.fire(EventType.NODE_DELETED, "/a")).containsExactly(persistent, recursive);
    }

    @Test
    void childChangesReachChildAndPersistentWatchesButNotRecursiveOnes() {
        watches.add(ClientWatches.Kind.CHILD, "/a", child);
        watches.add(ClientWatches.Kind.DATA, "/a", data);
        watches.add(ClientWatches.Kind.PERSISTENT, "/a", persistent);
        watches.add(ClientWatches.Kind.PERSISTENT_RECURSIVE, "/a", recursive);

        assertThat(watches.fire(EventType.NODE_CHILDREN_CHANGED, "/a")).containsExactly(child, persistent);
        assertThat(watches.count(ClientWatches.Kind.DATA)).isEqualTo(1);
    }

    @Test
    void recursiveWatchesCoverDescendantsOnly() {
        watches.add(ClientWatches.Kind.PERSISTENT_RECURSIVE, "/a", recursive);

        assertThat(watches.fire(EventType.NODE_CREATED, "/a/b/c")).containsExactly(recursive);
        assertThat(watches.fire(EventType.NODE_CREATED, "/ab")).isEmpty();
    }

    @Test
    void removingOneWatcherKeepsTheOthersAndNamesTheEvent() {
        watches.add(ClientWatches.Kind.EXIST, "/a", data);
        watches.add(ClientWatches.Kind.EXIST, "/a", child);

        assertThat(watches.remove("/a", data, WatcherType.DATA)).containsEntry(data, EventType.DATA_WATCH_REMOVED)
                .hasSize(1);
        assertThat(watches.holds("/a", child, WatcherType.ANY)).isTrue();
        assertThat(watches.holds("/a", data, WatcherType.DATA)).isFalse();
        assertThat(watches.remove("/a", null, WatcherType.ANY)).containsOnlyKeys(child);
        assertThat(watches.isEmpty()).isTrue();
    }
}
