package io.warden.recipes.cache;

import io.warden.client.AddWatchMode;
import io.warden.client.Children;
import io.warden.client.ConnectionState;
import io.warden.client.ConnectionStateListener;
import io.warden.client.NodeData;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.client.WatchEvent;
import io.warden.client.Watcher;
import io.warden.client.WatcherType;
import io.warden.common.ZnodePaths;
import io.warden.recipes.Waits;
import io.warden.wire.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local copy of a subtree (the root and up to {@code maxDepth} levels below it) that follows the
 * server: a persistent recursive watch reports every creation, change and deletion, and each is
 * re-read. After every reconnect and every new session the whole subtree is read again and compared
 * with the copy, because changes made while the client was away are not replayed to persistent
 * watches; so no update is lost, only seen late. Listeners hear of every difference.
 *
 * <p>All work happens on the client's event thread; reads of the copy ({@link #get}, {@link #snapshot})
 * are safe from any thread.
 */
public final class TreeCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TreeCache.class);

    private final WardenClient client;
    private final String root;
    private final int maxDepth;
    private final Map<String, NodeData> nodes = new ConcurrentHashMap<>();
    private final List<CacheListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> initialized = new CompletableFuture<>();
    private final Watcher watcher = this::onWatchEvent;
    private final ConnectionStateListener stateListener = this::onStateChange;
    private volatile boolean started;
    private volatile boolean closed;

    // Event thread only.
    private int readsInFlight;
    private boolean initializePending;
    private boolean restorePending;

    /** A cache of {@code root} and everything below it. */
    public TreeCache(WardenClient client, String root) {
        this(client, root, Integer.MAX_VALUE);
    }

    /** A cache of {@code root} and {@code maxDepth} levels below it (0: the root alone). */
    public TreeCache(WardenClient client, String root, int maxDepth) {
        String problem = ZnodePaths.problem(root);
        if (problem != null) {
            throw new IllegalArgumentException("invalid cache root " + root + ": " + problem);
        }
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must not be negative, not " + maxDepth);
        }
        this.client = client;
        this.root = root;
        this.maxDepth = maxDepth;
    }

    /** Starts following the tree; {@link #initialized()} completes when the first load is done. */
    public synchronized TreeCache start() {
        if (started) {
            throw new IllegalStateException("the cache of " + root + " is already started");
        }
        started = true;
        client.addConnectionStateListener(stateListener);
        AddWatchMode mode = maxDepth == 0 ? AddWatchMode.PERSISTENT : AddWatchMode.PERSISTENT_RECURSIVE;
        client.addWatch(root, watcher, mode).whenCompleteAsync((ignored, failure) -> {
            if (failure != null) {
                initialized.completeExceptionally(failure);
                return;
            }
            initializePending = true;
            load(root, 0);
        }, client.eventExecutor());
        return this;
    }

    /**
     * Completes when the first load is done, after the listeners were told {@code INITIALIZED}
     * (and fails when the watch could not be set).
     */
    public CompletableFuture<Void> initialized() {
        return initialized;
    }

    /**
     * Waits for the first load (and for the listeners to be told {@code INITIALIZED}); false when
     * it takes longer than {@code timeout}.
     */
    public boolean awaitInitialized(Duration timeout) throws InterruptedException {
        return Waits.awaitStart(client, initialized, timeout, "TreeCache.awaitInitialized",
                "the cache of " + root + " could not start");
    }

    public String root() {
        return root;
    }

    /** The cached node at {@code path}, or null. */
    public NodeData get(String path) {
        return nodes.get(path);
    }

    /** Every cached node by path, in path order. */
    public Map<String, NodeData> snapshot() {
        return new TreeMap<>(nodes);
    }

    /** The names of the cached children of {@code path}, sorted. */
    public List<String> childrenOf(String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        List<String> names = new ArrayList<>();
        for (String each : nodes.keySet()) {
            if (each.length() > prefix.length() && each.startsWith(prefix) && each.indexOf('/', prefix.length()) < 0) {
                names.add(each.substring(prefix.length()));
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    public void addListener(CacheListener listener) {
        listeners.add(listener);
    }

    public void removeListener(CacheListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized void close() {
        if (closed || !started) {
            closed = true;
            return;
        }
        closed = true;
        client.removeConnectionStateListener(stateListener);
        WatcherType type = maxDepth == 0 ? WatcherType.PERSISTENT : WatcherType.PERSISTENT_RECURSIVE;
        client.removeWatches(root, watcher, type, true).exceptionally(failure -> null);
        listeners.clear();
    }

    // ---- event thread -------------------------------------------------------------------------

    private void onStateChange(ConnectionState state, long sessionId) {
        if (closed) {
            return;
        }
        switch (state) {
            case SUSPENDED -> emit(new CacheEvent(CacheEvent.Type.CONNECTION_SUSPENDED, null, null));
            case CONNECTED, RECONNECTED -> {
                if (initialized.isDone() || initializePending) {
                    restorePending = true;
                    load(root, 0);
                }
            }
            case LOST, EXPIRED, AUTH_FAILED, CLOSED -> {
                // A new session brings CONNECTED, which re-reads everything.
            }
        }
    }

    private void onWatchEvent(WatchEvent event) {
        if (closed) {
            return;
        }
        int depth = depthOf(event.path());
        if (depth < 0 || depth > maxDepth) {
            return;
        }
        switch (event.type()) {
            case NODE_CREATED -> load(event.path(), depth);
            case NODE_DATA_CHANGED -> readData(event.path());
            case NODE_DELETED -> removeSubtree(event.path());
            case NODE_CHILDREN_CHANGED, DATA_WATCH_REMOVED, CHILD_WATCH_REMOVED, PERSISTENT_WATCH_REMOVED -> {
                // Children announce themselves with NODE_CREATED; removals are our own.
            }
        }
    }

    /** Reads a node and, within the depth, its children and theirs. */
    private void load(String path, int depth) {
        readData(path);
        if (depth < maxDepth) {
            started();
            client.getChildren(path).whenComplete((children, failure) -> {
                try {
                    if (failure == null) {
                        childrenRead(path, depth, children);
                    } else if (WardenException.hasCode(failure, ErrorCode.NONODE)) {
                        removeSubtree(path);
                    } else {
                        LOG.debug("reading the children of {} failed: {}", path, failure.toString());
                        retryWhenConnected(() -> load(path, depth));
                    }
                } finally {
                    finished();
                }
            });
        }
    }

    private void childrenRead(String path, int depth, Children children) {
        if (closed) {
            return;
        }
        Set<String> present = new HashSet<>(children.names());
        for (String cached : childrenOf(path)) {
            if (!present.contains(cached)) {
                removeSubtree(ZnodePaths.child(path, cached));
            }
        }
        for (String name : children.names()) {
            load(ZnodePaths.child(path, name), depth + 1);
        }
    }

    private void readData(String path) {
        started();
        client.getData(path).whenComplete((data, failure) -> {
            try {
                if (closed) {
                    return;
                }
                if (failure == null) {
                    put(path, data);
                } else if (WardenException.hasCode(failure, ErrorCode.NONODE)) {
                    removeSubtree(path);
                } else {
                    LOG.debug("reading {} failed: {}", path, failure.toString());
                    retryWhenConnected(() -> readData(path));
                }
            } finally {
                finished();
            }
        });
    }

    /**
     * Reads again what could not be read, once the client is connected; until then the read still
     * counts as in flight, so INITIALIZED and CONNECTION_RESTORED never report a tree with holes.
     */
    private void retryWhenConnected(Runnable read) {
        started();
        client.whenConnected().whenComplete((ignored, closedClient) -> {
            try {
                if (closedClient == null && !closed) {
                    read.run();
                }
            } finally {
                finished();
            }
        });
    }

    private void put(String path, NodeData data) {
        NodeData old = nodes.get(path);
        if (old != null && old.stat().czxid() == data.stat().czxid() && old.stat().mzxid() > data.stat().mzxid()) {
            return;
        }
        nodes.put(path, data);
        if (old == null) {
            emit(new CacheEvent(CacheEvent.Type.NODE_ADDED, path, data));
        } else if (!old.equals(data)) {
            emit(new CacheEvent(CacheEvent.Type.NODE_UPDATED, path, data));
        }
    }

    private void removeSubtree(String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        List<String> gone = new ArrayList<>();
        for (String each : nodes.keySet()) {
            if (each.equals(path) || each.startsWith(prefix)) {
                gone.add(each);
            }
        }
        gone.sort(Comparator.comparing(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        for (String each : gone) {
            NodeData last = nodes.remove(each);
            if (last != null) {
                emit(new CacheEvent(CacheEvent.Type.NODE_REMOVED, each, last));
            }
        }
    }

    private void started() {
        readsInFlight++;
    }

    private void finished() {
        if (--readsInFlight > 0 || closed) {
            return;
        }
        if (initializePending) {
            initializePending = false;
            // Listeners first: whoever waits for the first load then finds them told of it too.
            emit(new CacheEvent(CacheEvent.Type.INITIALIZED, null, null));
            initialized.complete(null);
        }
        if (restorePending) {
            restorePending = false;
            emit(new CacheEvent(CacheEvent.Type.CONNECTION_RESTORED, null, null));
        }
    }

    /** Levels below the root (0 for the root), or -1 outside the cached subtree. */
    private int depthOf(String path) {
        if (path.equals(root)) {
            return 0;
        }
        String prefix = root.equals("/") ? "/" : root + "/";
        if (!path.startsWith(prefix)) {
            return -1;
        }
        int depth = 1;
        for (int i = prefix.length(); i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    private void emit(CacheEvent event) {
        for (CacheListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("cache listener {} threw on {}", listener, event, e);
            }
        }
    }
}
