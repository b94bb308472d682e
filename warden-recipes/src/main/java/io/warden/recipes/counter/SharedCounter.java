package io.warden.recipes.counter;

import io.warden.client.BlockingClient;
import io.warden.client.CreateMode;
import io.warden.client.NodeData;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.common.ZnodePaths;
import io.warden.recipes.cache.CacheEvent;
import io.warden.recipes.cache.NodeCache;
import io.warden.wire.ErrorCode;
import io.warden.wire.Stat;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 64-bit counter shared by every process using its path. The node holds the value as eight
 * bytes, a big-endian long: the format of Curator's {@code DistributedAtomicLong}, so the two share
 * a counter (not Curator's {@code SharedCount}, which stores an int). A missing node (or one
 * without data) counts as 0 and is created, with missing parents as containers, by the first write.
 * Arithmetic wraps around as {@code long} arithmetic does.
 *
 * <p>Updates are optimistic: read the value and its version, write the new value with that
 * version, and start again if someone else wrote first. After {@value #UPDATE_ATTEMPTS_MAX} lost
 * races an update gives up with an IllegalStateException. Concurrent updates from any number of
 * clients are never lost. A write cut off by a connection loss is not retried, since it may have
 * been applied: the WardenException (CONNECTIONLOSS) is thrown and the value is then unknown.
 * A node holding anything but eight bytes (or nothing) is not a counter: reads and updates throw
 * IllegalStateException and leave it alone; {@link #set} overwrites it. Versions restart when the
 * node is deleted and created again, so a {@link #compareAndSet} whose expectation was read before
 * such a re-creation may succeed against the new node (the ABA case); nothing here deletes it.
 *
 * <p>Listeners need {@link #start()}: a {@link NodeCache} follows the node (across reconnects too)
 * and reports each change of the value it sees after its first read.
 */
public final class SharedCounter implements AutoCloseable {
    /** Lost races after which an update gives up. */
    public static final int UPDATE_ATTEMPTS_MAX = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(SharedCounter.class);

    private final BlockingClient blocking;
    private final String path;
    private final NodeCache cache;
    private final List<CounterListener> listeners = new CopyOnWriteArrayList<>();

    // Event thread only.
    private boolean cacheInitialized;
    private long lastSeen;

    public SharedCounter(WardenClient client, String path) {
        String problem = ZnodePaths.problem(path);
        if (problem != null || path.equals("/")) {
            throw new IllegalArgumentException("invalid counter path " + path + ": "
                    + (problem != null ? problem : "the root cannot be a counter"));
        }
        this.blocking = Objects.requireNonNull(client, "client").blocking();
        this.path = path;
        this.cache = new NodeCache(client, path);
        this.cache.addListener(this::onCacheEvent);
    }

    public String path() {
        return path;
    }

    /** The value now, as the server this client is connected to has it. */
    public long get() throws InterruptedException {
        return read().value();
    }

    /** Sets the value if it is {@code expected}; false (and nothing written) when it is not. */
    public boolean compareAndSet(long expected, long newValue) throws InterruptedException {
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS_MAX; attempt++) {
            Current current = read();
            if (current.value() != expected) {
                return false;
            }
            if (write(current, newValue)) {
                return true;
            }
        }
        throw contended("compareAndSet");
    }

    /** Adds {@code delta} and returns the new value. */
    public long add(long delta) throws InterruptedException {
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS_MAX; attempt++) {
            Current current = read();
            long next = current.value() + delta;
            if (write(current, next)) {
                return next;
            }
        }
        throw contended("add");
    }

    /** Adds one and returns the new value. */
    public long increment() throws InterruptedException {
        return add(1);
    }

    /** Subtracts one and returns the new value. */
    public long decrement() throws InterruptedException {
        return add(-1);
    }

    /** Sets the value whatever it was. */
    public void set(long value) throws InterruptedException {
        byte[] data = CounterCodec.encode(value);
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS_MAX; attempt++) {
            try {
                blocking.setData(path, data, -1);
                return;
            } catch (WardenException e) {
                if (e.code() != ErrorCode.NONODE) {
                    throw e;
                }
            }
            if (create(data)) {
                return;
            }
        }
        throw contended("set");
    }

    /** Starts following the node, for the listeners. */
    public SharedCounter start() {
        cache.start();
        return this;
    }

    /** Waits for the first read of the node after {@link #start()}; false when it takes longer than {@code timeout}. */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        return cache.awaitInitialized(timeout);
    }

    /** Tells {@code listener} of every change of the value seen after the first read (needs {@link #start()}). */
    public void addListener(CounterListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(CounterListener listener) {
        listeners.remove(listener);
    }

    /** Stops following the node; the counter itself stays usable. */
    @Override
    public void close() {
        cache.close();
        listeners.clear();
    }

    /** The value and the Stat it was read with; {@code stat} null when the node does not exist. */
    private record Current(long value, Stat stat) {
    }

    private Current read() throws InterruptedException {
        try {
            NodeData node = blocking.getData(path);
            return new Current(CounterCodec.decode(path, node.data()), node.stat());
        } catch (WardenException e) {
            if (e.code() == ErrorCode.NONODE) {
                return new Current(0, null);
            }
            throw e;
        }
    }

    /** Writes {@code value} if the node is still as {@code current} was read; false when someone was faster. */
    private boolean write(Current current, long value) throws InterruptedException {
        byte[] data = CounterCodec.encode(value);
        if (current.stat() == null) {
            return create(data);
        }
        try {
            blocking.setData(path, data, current.stat().version());
            return true;
        } catch (WardenException e) {
            if (e.code() == ErrorCode.BADVERSION || e.code() == ErrorCode.NONODE) {
                return false;
            }
            throw e;
        }
    }

    /** Creates the node holding {@code data}; false when it exists by now (or its parent had to be made). */
    private boolean create(byte[] data) throws InterruptedException {
        try {
            blocking.create(path, data, CreateMode.PERSISTENT);
            return true;
        } catch (WardenException e) {
            if (e.code() == ErrorCode.NONODE) {
                blocking.ensureContainers(ZnodePaths.parent(path));
                return false;
            }
            if (e.code() == ErrorCode.NODEEXISTS) {
                return false;
            }
            throw e;
        }
    }

    private IllegalStateException contended(String operation) {
        return new IllegalStateException(operation + " on the counter " + path + " gave up after "
                + UPDATE_ATTEMPTS_MAX + " attempts: other writers changed it first every time");
    }

    /** On the client's event thread. */
    private void onCacheEvent(CacheEvent event) {
        switch (event.type()) {
            case NODE_ADDED, NODE_UPDATED -> seen(event.data().data());
            case NODE_REMOVED -> seen(null);
            case INITIALIZED -> cacheInitialized = true;
            case CONNECTION_SUSPENDED, CONNECTION_RESTORED -> {
                // A restored connection shows up as the change it brought, if any.
            }
        }
    }

    private void seen(byte[] data) {
        long value;
        try {
            value = CounterCodec.decode(path, data);
        } catch (IllegalStateException e) {
            LOG.warn("ignoring a change of {}: {}", path, e.getMessage());
            return;
        }
        long old = lastSeen;
        lastSeen = value;
        if (cacheInitialized && old != value) {
            for (CounterListener listener : listeners) {
                try {
                    listener.changed(old, value);
                } catch (RuntimeException e) {
                    LOG.error("counter listener {} threw on {} -> {}", listener, old, value, e);
                }
            }
        }
    }
}
