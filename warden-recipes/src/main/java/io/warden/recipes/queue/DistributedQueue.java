package io.warden.recipes.queue;

import io.warden.client.BlockingClient;
import io.warden.client.CreateMode;
import io.warden.client.NodeData;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.common.ZnodePaths;
import io.warden.recipes.Deadline;
import io.warden.recipes.Wakeup;
import io.warden.recipes.Waits;
import io.warden.wire.ErrorCode;
import io.warden.wire.Frames;
import io.warden.wire.Stat;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A FIFO queue of byte arrays shared by any number of producers and competing consumers. Each item
 * is a persistent sequential node {@code qn-<sequence>} under the queue path holding the item's
 * bytes: the layout of Curator's {@code SimpleDistributedQueue}, so the two can share a queue. The
 * queue node and its missing parents are created as containers when the first item is offered, so
 * the server removes an abandoned, empty queue by itself.
 *
 * <p>Consumers take the oldest item first: they read it, then delete it with the version they read.
 * Exactly one delete succeeds, so every item is delivered to exactly one consumer; a consumer that
 * finds the item gone tries the next. Items are taken in sequence order, which for one producer is
 * the order of its offers (an offer returns once the item exists). Between producers the order is
 * that of the creations on the server.
 *
 * <p>Connection losses: an offer that fails with CONNECTIONLOSS may or may not have added the item
 * (it is not retried, which could add it twice). A take whose delete is cut off checks whether the
 * item is still there and tries again; if it is gone (or it cannot look), it cannot tell whether it
 * took it, and throws {@link UncertainTakeException} carrying the item.
 *
 * <p>{@link #take} waits with a child watch and must not be called on the client's event thread.
 */
public final class DistributedQueue {
    /** The default largest item: the largest frame a server accepts by default (1 MiB - 1). */
    public static final int MAX_ITEM_BYTES_DEFAULT = Frames.JUTE_MAXBUFFER_DEFAULT;
    /** Attempts at an offer whose queue node keeps disappearing (an empty container being removed). */
    static final int OFFER_ATTEMPTS_MAX = 10;

    private final WardenClient client;
    private final BlockingClient blocking;
    private final String path;
    private final String itemPrefixPath;
    private final int maxItemBytes;

    public DistributedQueue(WardenClient client, String path) {
        this(client, path, MAX_ITEM_BYTES_DEFAULT);
    }

    /**
     * A queue whose items may hold at most {@code maxItemBytes}. An item close to the frame limit
     * may still be refused by the client (WardenException BADARGUMENTS), since the request also
     * carries the path.
     */
    public DistributedQueue(WardenClient client, String path, int maxItemBytes) {
        String problem = ZnodePaths.problem(path);
        if (problem != null) {
            throw new IllegalArgumentException("invalid queue path " + path + ": " + problem);
        }
        if (maxItemBytes < 0) {
            throw new IllegalArgumentException("maxItemBytes must not be negative, not " + maxItemBytes);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.blocking = client.blocking();
        this.path = path;
        this.itemPrefixPath = ZnodePaths.child(path, QueueItems.PREFIX);
        this.maxItemBytes = maxItemBytes;
    }

    public String path() {
        return path;
    }

    /**
     * Adds an item at the end of the queue and returns its node's path. IllegalArgumentException
     * when it is larger than {@code maxItemBytes}.
     */
    public String offer(byte[] item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        if (item.length > maxItemBytes) {
            throw new IllegalArgumentException("the item has " + item.length + " bytes; the queue " + path
                    + " takes at most " + maxItemBytes + " (maxItemBytes)");
        }
        WardenException last = null;
        for (int attempt = 0; attempt < OFFER_ATTEMPTS_MAX; attempt++) {
            try {
                return blocking.create(itemPrefixPath, item.clone(), CreateMode.PERSISTENT_SEQUENTIAL);
            } catch (WardenException e) {
                if (e.code() != ErrorCode.NONODE) {
                    throw e;
                }
                last = e;
                blocking.ensureContainers(path);
            }
        }
        throw last;
    }

    /** Takes the oldest item, or returns null at once when the queue is empty. */
    public byte[] poll() throws InterruptedException {
        while (true) {
            List<String> items = listItems(null);
            if (items.isEmpty()) {
                return null;
            }
            byte[] taken = takeFirst(items);
            if (taken != null) {
                return taken;
            }
            // Others took every item listed; list again.
        }
    }

    /** Takes the oldest item, waiting as long as it takes for one. */
    public byte[] take() throws InterruptedException {
        return take(Deadline.never());
    }

    /** Takes the oldest item, waiting at most {@code timeout} for one; null when none came. */
    public byte[] take(Duration timeout) throws InterruptedException {
        return take(Deadline.after(timeout));
    }

    /** The number of items in the queue now. */
    public int size() throws InterruptedException {
        return listItems(null).size();
    }

    private byte[] take(Deadline deadline) throws InterruptedException {
        try (Wakeup wakeup = new Wakeup(client)) {
            while (true) {
                try {
                    List<String> items = listItems(wakeup);
                    if (!items.isEmpty()) {
                        byte[] taken = takeFirst(items);
                        if (taken != null) {
                            return taken;
                        }
                        continue;
                    }
                } catch (UncertainTakeException e) {
                    throw e;
                } catch (WardenException e) {
                    if (!Waits.isTransient(e.code())) {
                        throw e;
                    }
                    // Wait for the connection (the wakeup hears of it) instead of spinning; a closed client ends the take.
                    Waits.requireOpen(client);
                }
                if (!wakeup.await(deadline)) {
                    return null;
                }
            }
        }
    }

    /**
     * The items now in the queue, oldest first. With a watcher, a child watch is left on the queue
     * node, or, when it does not exist, a watch for its creation.
     */
    private List<String> listItems(Wakeup watcherOrNull) throws InterruptedException {
        try {
            return QueueItems.inOrder(watcherOrNull == null ? blocking.getChildren(path).names()
                    : blocking.getChildren(path, watcherOrNull).names());
        } catch (WardenException e) {
            if (e.code() != ErrorCode.NONODE) {
                throw e;
            }
        }
        if (watcherOrNull != null && blocking.exists(path, watcherOrNull) != null) {
            return listItems(watcherOrNull);
        }
        return List.of();
    }

    /** Takes the first of {@code items} that no other consumer takes first; null when others took them all. */
    private byte[] takeFirst(List<String> items) throws InterruptedException {
        for (String name : items) {
            String itemPath = ZnodePaths.child(path, name);
            while (true) {
                NodeData node;
                try {
                    node = blocking.getData(itemPath);
                } catch (WardenException e) {
                    if (e.code() == ErrorCode.NONODE) {
                        break;
                    }
                    throw e;
                }
                Outcome outcome = delete(itemPath, node);
                if (outcome == Outcome.TAKEN) {
                    return dataOf(node);
                }
                if (outcome == Outcome.GONE) {
                    break;
                }
                // CHANGED: someone rewrote the item; read it again.
            }
        }
        return null;
    }

    /** What became of a delete: the item is ours, another consumer's, or was rewritten meanwhile. */
    private enum Outcome {
        TAKEN,
        GONE,
        CHANGED
    }

    private static byte[] dataOf(NodeData node) {
        return node.data() == null ? new byte[0] : node.data();
    }

    /** Deletes the item read as {@code node}, resolving a connection loss by looking whether it is still there. */
    private Outcome delete(String itemPath, NodeData node) throws InterruptedException {
        int version = node.stat().version();
        while (true) {
            try {
                blocking.delete(itemPath, version);
                return Outcome.TAKEN;
            } catch (WardenException e) {
                if (e.code() == ErrorCode.NONODE) {
                    return Outcome.GONE;
                }
                if (e.code() == ErrorCode.BADVERSION) {
                    return Outcome.CHANGED;
                }
                if (e.code() != ErrorCode.CONNECTIONLOSS && e.code() != ErrorCode.REQUESTTIMEOUT) {
                    throw e;
                }
            }
            // The delete may or may not have happened: look.
            Stat stat;
            try {
                stat = blocking.exists(itemPath);
            } catch (WardenException e) {
                throw new UncertainTakeException(itemPath, dataOf(node));
            }
            if (stat == null) {
                throw new UncertainTakeException(itemPath, dataOf(node));
            }
            if (stat.version() != version) {
                return Outcome.CHANGED;
            }
        }
    }
}
