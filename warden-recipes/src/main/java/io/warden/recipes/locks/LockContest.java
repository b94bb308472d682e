package io.warden.recipes.locks;

import io.warden.client.BlockingClient;
import io.warden.client.CreateMode;
import io.warden.client.Created;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.common.ZnodePaths;
import io.warden.recipes.Deadline;
import io.warden.recipes.GuaranteedDelete;
import io.warden.recipes.ProtectedCreate;
import io.warden.recipes.SequenceOrder;
import io.warden.recipes.Wakeup;
import io.warden.recipes.Waits;
import io.warden.wire.ErrorCode;
import java.util.List;

/**
 * The queue of contenders under a lock path: each contender is an ephemeral sequential node named
 * {@code _c_<uuid>-<lockName><sequence>}; the {@link Rule} says, from the nodes in sequence order,
 * whether ours may proceed or which node it must wait for. Waiting watches that node alone, so a
 * release wakes one waiter, not all. This is the node layout and order of Curator's lock recipes,
 * so Warden and Curator contenders share a lock.
 */
final class LockContest {

    /** Decides from the contenders in order whether {@code ours} proceeds. */
    @FunctionalInterface
    interface Rule {
        /** The node {@code ours} must wait for, or null when it may proceed. */
        String blocker(List<String> sorted, String ours);
    }

    /** A contender that won: its node and the zxid that created it. */
    record Won(String path, long czxid) {
    }

    private final WardenClient client;
    private final String basePath;
    private final String lockName;
    private final String[] sortMarkers;
    private final Rule rule;

    LockContest(WardenClient client, String basePath, String lockName, String[] sortMarkers, Rule rule) {
        String problem = ZnodePaths.problem(basePath);
        if (problem != null) {
            throw new IllegalArgumentException("invalid lock path " + basePath + ": " + problem);
        }
        this.client = client;
        this.basePath = basePath;
        this.lockName = lockName;
        this.sortMarkers = sortMarkers.clone();
        this.rule = rule;
    }

    /** The standard rule: the first {@code leases} contenders proceed; the others wait for the one {@code leases} before them. */
    static Rule firstN(int leases) {
        return (sorted, ours) -> {
            int index = sorted.indexOf(ours);
            return index < leases ? null : sorted.get(index - leases);
        };
    }

    /**
     * Enters the contest and waits until the rule lets our node proceed, or the deadline passes (our
     * node is then deleted and null returned). Our node counts only while it belongs to the
     * client's current session: after the session ends (the client may learn of that before the
     * server deletes the node) it is deleted and replaced by a new one at the back of the queue.
     * Connection losses make it wait for the connection, not fail; a closed client ends the wait
     * with its WardenException.
     */
    Won enter(Deadline deadline, byte[] data) throws InterruptedException {
        return enter(deadline, data, rule, null);
    }

    /**
     * {@link #enter(Deadline, byte[])} with another rule for this entry, and optionally a fixed
     * (not sequential) name suffix: a writer taking the read lock enters next to its write node,
     * with the write node's sequence, as Curator does.
     */
    Won enter(Deadline deadline, byte[] data, Rule entryRule, String fixedSuffixOrNull) throws InterruptedException {
        BlockingClient blocking = client.blocking();
        Created ours = null;
        boolean won = false;
        try (Wakeup wakeup = new Wakeup(client)) {
            while (true) {
                Waits.requireOpen(client);
                try {
                    if (ours == null || ours.stat().ephemeralOwner() != client.sessionId()) {
                        if (ours != null) {
                            GuaranteedDelete.delete(client, ours.path());
                        }
                        ours = createNode(data, fixedSuffixOrNull);
                    }
                    List<String> sorted = SequenceOrder.sort(blocking.getChildren(basePath).names(), sortMarkers);
                    String ourName = ZnodePaths.name(ours.path());
                    if (!sorted.contains(ourName)) {
                        ours = null;
                        continue;
                    }
                    String blocker = entryRule.blocker(sorted, ourName);
                    if (blocker == null) {
                        if (ours.stat().ephemeralOwner() != client.sessionId() || !client.isConnected()) {
                            continue;
                        }
                        won = true;
                        return new Won(ours.path(), ours.stat().czxid());
                    }
                    if (blocking.exists(ZnodePaths.child(basePath, blocker), wakeup) == null) {
                        continue;
                    }
                } catch (WardenException e) {
                    if (!Waits.isTransient(e.code()) && e.code() != ErrorCode.NONODE) {
                        throw e;
                    }
                }
                if (!wakeup.await(deadline)) {
                    return null;
                }
            }
        } finally {
            if (!won && ours != null) {
                ProtectedCreate.deleteOwn(client, ours.path());
            }
        }
    }

    private Created createNode(byte[] data, String fixedSuffixOrNull) throws InterruptedException {
        if (fixedSuffixOrNull == null) {
            return ProtectedCreate.create(client, basePath, lockName, data, CreateMode.EPHEMERAL_SEQUENTIAL);
        }
        return ProtectedCreate.create(client, basePath, lockName + fixedSuffixOrNull, data, CreateMode.EPHEMERAL);
    }

    /** Leaves the contest (releases): deletes our node, in the background if the connection is down. */
    void leave(String path) throws InterruptedException {
        ProtectedCreate.deleteOwn(client, path);
    }

    /** The contenders' nodes in order, for diagnostics and tests. */
    List<String> contenders() throws InterruptedException {
        try {
            return SequenceOrder.sort(client.blocking().getChildren(basePath).names(), sortMarkers);
        } catch (WardenException e) {
            if (e.code() == ErrorCode.NONODE) {
                return List.of();
            }
            throw e;
        }
    }
}
