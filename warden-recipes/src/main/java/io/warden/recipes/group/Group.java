package io.warden.recipes.group;

import io.warden.client.NodeData;
import io.warden.client.WardenClient;
import io.warden.common.ZnodePaths;
import io.warden.recipes.cache.CacheEvent;
import io.warden.recipes.cache.TreeCache;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The members of a group as this process sees them: the children of the group path and their data,
 * kept current (across reconnects and new sessions, see {@link TreeCache}), with join, update and
 * leave events. Members are usually {@link GroupMember}s, but any child node counts.
 */
public final class Group implements AutoCloseable {
    private final String groupPath;
    private final TreeCache cache;
    private final List<GroupListener> listeners = new CopyOnWriteArrayList<>();

    public Group(WardenClient client, String groupPath) {
        this.groupPath = groupPath;
        this.cache = new TreeCache(client, groupPath, 1);
        cache.addListener(this::onCacheEvent);
    }

    public Group start() {
        cache.start();
        return this;
    }

    public boolean awaitInitialized(Duration timeout) throws InterruptedException {
        return cache.awaitInitialized(timeout);
    }

    /** The members and their data, by member id in id order. */
    public Map<String, byte[]> members() {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (String id : cache.childrenOf(groupPath)) {
            NodeData node = cache.get(ZnodePaths.child(groupPath, id));
            if (node != null) {
                members.put(id, node.data());
            }
        }
        return members;
    }

    public void addListener(GroupListener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        cache.close();
    }

    private void onCacheEvent(CacheEvent event) {
        if (event.path() == null || event.path().equals(groupPath)) {
            return;
        }
        String memberId = ZnodePaths.name(event.path());
        for (GroupListener listener : listeners) {
            switch (event.type()) {
                case NODE_ADDED -> listener.memberJoined(memberId, event.data().data());
                case NODE_UPDATED -> listener.memberUpdated(memberId, event.data().data());
                case NODE_REMOVED -> listener.memberLeft(memberId);
                case INITIALIZED, CONNECTION_SUSPENDED, CONNECTION_RESTORED -> {
                    // Not membership changes.
                }
            }
        }
    }
}
