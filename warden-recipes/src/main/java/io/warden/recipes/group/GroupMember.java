package io.warden.recipes.group;

import io.warden.client.WardenClient;
import io.warden.common.ZnodePaths;
import io.warden.recipes.PersistentEphemeralNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * This process as a member of a group: an ephemeral node {@code groupPath/memberId} holding the
 * member's data, present for as long as the member is started, re-created after a lost session
 * (the layout of Curator's {@code GroupMember}). See {@link Group} to watch who is in the group.
 */
public final class GroupMember implements AutoCloseable {
    private final String memberId;
    private final PersistentEphemeralNode node;

    public GroupMember(WardenClient client, String groupPath, String memberId, byte[] data) {
        if (memberId.isEmpty() || memberId.contains("/")) {
            throw new IllegalArgumentException("a member id is one path segment, not \"" + memberId + "\"");
        }
        this.memberId = memberId;
        this.node = new PersistentEphemeralNode(client, ZnodePaths.child(groupPath, memberId), data);
    }

    public GroupMember start() {
        node.start();
        return this;
    }

    public String memberId() {
        return memberId;
    }

    /** Waits until the member's node exists for the first time. */
    public boolean awaitJoined(Duration timeout) throws InterruptedException {
        return node.awaitCreated(timeout);
    }

    /** Replaces the member's data (other members see NODE_UPDATED / memberUpdated). */
    public CompletableFuture<Void> setData(byte[] data) {
        return node.setData(data);
    }

    /** Leaves the group. */
    @Override
    public void close() {
        node.close();
    }
}
