package io.warden.recipes.config;

import io.warden.client.NodeData;
import io.warden.client.WardenClient;
import io.warden.recipes.cache.CacheEvent;
import io.warden.recipes.cache.TreeCache;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A configuration held in a subtree: each key is a node path relative to the base path (key
 * {@code db/url} of the tree at {@code /app/config} is the node {@code /app/config/db/url}) and its
 * value is the node's data as UTF-8 text. A node with no data (null or empty), such as a parent of
 * deeper keys, holds no value: reads give the default and {@link #keys()} leaves it out.
 *
 * <p>The tree is followed by a {@link TreeCache}, so reads are local and never block, and the copy
 * stays right across reconnects and new sessions: after every reconnect the subtree is read again
 * and every difference is reported, so a change made while this client was cut off is seen late but
 * not lost.
 *
 * <p>Typed reads parse the text when called: integers and doubles as Java writes them, booleans as
 * {@code true}/{@code false} in any case, durations as ISO-8601 ({@code PT30S}, {@code P1DT2H}) or a
 * whole number of milliseconds ({@code 1500}), and {@link #get(String, Class)} as JSON with Jackson.
 * Surrounding whitespace is ignored except by {@link #getString}. A value that does not parse is an
 * IllegalArgumentException naming the key and the value; the cache itself never parses.
 *
 * <p>Listeners ({@link #addListener}, {@link #addPrefixListener}) hear of every change of a value
 * the tree sees, as (key, old value, new value), with null for "no value"; for each key the old
 * value is always the new value of the change reported before. Those added before {@link #start()}
 * also hear the initial load, as values appearing; those added later hear only later changes. The
 * cache reads a node after the server reports that it changed, so values are seen a little late:
 * quick successive changes of one key may be reported as one, and changes of different keys made
 * in quick succession may be reported in another order (a removal is known at once, a new value
 * only once read). The last value of every key is always reported.
 *
 * <p>Writes go through {@link #edit()}: several keys in one multi, all or nothing, with an
 * optimistic variant that fails if the tree changed since the cache last saw it.
 */
public final class ConfigTree implements AutoCloseable {
    private final WardenClient client;
    private final ConfigKeys keys;
    private final TreeCache cache;
    private final ConfigListeners listeners = new ConfigListeners();
    /** The nodes as this tree last reported them, by path (the base included); written on the event thread only. */
    private final Map<String, NodeData> nodes = new ConcurrentHashMap<>();

    public ConfigTree(WardenClient client, String basePath) {
        this.client = Objects.requireNonNull(client, "client");
        this.keys = new ConfigKeys(basePath);
        this.cache = new TreeCache(client, basePath);
        this.cache.addListener(this::onCacheEvent);
    }

    /** Starts following the tree; {@link #initialized()} completes once it has been read. */
    public ConfigTree start() {
        cache.start();
        return this;
    }

    /** Completes when the first read of the tree is done. */
    public CompletableFuture<Void> initialized() {
        return cache.initialized();
    }

    /** Waits for the first read of the tree; false when it takes longer than {@code timeout}. */
    public boolean awaitInitialized(Duration timeout) throws InterruptedException {
        return cache.awaitInitialized(timeout);
    }

    public String basePath() {
        return keys.base();
    }

    /** The value of {@code key}, or {@code defaultValue} when it has none. */
    public String getString(String key, String defaultValue) {
        String value = value(key);
        return value == null ? defaultValue : value;
    }

    public int getInt(String key, int defaultValue) {
        String value = value(key);
        return value == null ? defaultValue : ConfigValues.parseInt(key, value);
    }

    public long getLong(String key, long defaultValue) {
        String value = value(key);
        return value == null ? defaultValue : ConfigValues.parseLong(key, value);
    }

    public double getDouble(String key, double defaultValue) {
        String value = value(key);
        return value == null ? defaultValue : ConfigValues.parseDouble(key, value);
    }

    /** {@code true} or {@code false} in any case; any other value is an IllegalArgumentException, not false. */
    public boolean getBoolean(String key, boolean defaultValue) {
        String value = value(key);
        return value == null ? defaultValue : ConfigValues.parseBoolean(key, value);
    }

    /** An ISO-8601 duration ({@code PT30S}) or a whole number of milliseconds ({@code 1500}). */
    public Duration getDuration(String key, Duration defaultValue) {
        String value = value(key);
        return value == null ? defaultValue : ConfigValues.parseDuration(key, value);
    }

    /**
     * The value of {@code key} read as JSON into {@code type} with Jackson (properties {@code type}
     * does not know are ignored), or null when it has none.
     */
    public <T> T get(String key, Class<T> type) {
        return get(key, type, null);
    }

    /** The value of {@code key} read as JSON into {@code type}, or {@code defaultValue} when it has none. */
    public <T> T get(String key, Class<T> type, T defaultValue) {
        Objects.requireNonNull(type, "type");
        String value = value(key);
        return value == null ? defaultValue : ConfigValues.decodeJson(key, value, type);
    }

    /** The keys that hold a value, sorted. */
    public SortedSet<String> keys() {
        return new TreeSet<>(values().keySet());
    }

    /** Every key that holds a value, with its value, sorted by key. */
    public SortedMap<String, String> values() {
        SortedMap<String, String> values = new TreeMap<>();
        for (Map.Entry<String, NodeData> node : nodes.entrySet()) {
            String key = keys.keyOf(node.getKey());
            String value = ConfigValues.text(node.getValue().data());
            if (key != null && value != null) {
                values.put(key, value);
            }
        }
        return values;
    }

    /** Tells {@code listener} of every change of {@code key}'s value. */
    public void addListener(String key, ConfigListener listener) {
        keys.pathOf(key);
        listeners.addForKey(key, Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Tells {@code listener} of every change of a key at or below {@code keyPrefix}, segment by
     * segment ({@code db} covers {@code db} and {@code db/url}, not {@code dbx}); {@code ""} covers every key.
     */
    public void addPrefixListener(String keyPrefix, ConfigListener listener) {
        listeners.addForPrefix(keys.checkPrefix(keyPrefix), Objects.requireNonNull(listener, "listener"));
    }

    /** Removes every registration of {@code listener}. */
    public void removeListener(ConfigListener listener) {
        listeners.remove(listener);
    }

    /**
     * A new edit of this tree, which remembers the tree as the cache shows it now: its
     * {@link ConfigEdit#commitIfUnchanged()} fails if anything it touches changed since.
     */
    public ConfigEdit edit() {
        return new ConfigEdit(client.blocking(), keys, new HashMap<>(nodes));
    }

    /** Stops following the tree; the values read so far stay readable. */
    @Override
    public void close() {
        cache.close();
        listeners.clear();
    }

    private String value(String key) {
        NodeData node = nodes.get(keys.pathOf(key));
        return node == null ? null : ConfigValues.text(node.data());
    }

    /** On the client's event thread, in the order the cache saw the changes. */
    private void onCacheEvent(CacheEvent event) {
        switch (event.type()) {
            case NODE_ADDED, NODE_UPDATED -> changed(event.path(), nodes.put(event.path(), event.data()),
                    event.data());
            case NODE_REMOVED -> changed(event.path(), nodes.remove(event.path()), null);
            case INITIALIZED, CONNECTION_SUSPENDED, CONNECTION_RESTORED -> {
                // The values are what matters; a restored connection shows up as the changes it brought.
            }
        }
    }

    private void changed(String path, NodeData before, NodeData after) {
        String key = keys.keyOf(path);
        if (key == null) {
            return;
        }
        String oldValue = before == null ? null : ConfigValues.text(before.data());
        String newValue = after == null ? null : ConfigValues.text(after.data());
        if (!Objects.equals(oldValue, newValue)) {
            listeners.fire(key, oldValue, newValue);
        }
    }
}
