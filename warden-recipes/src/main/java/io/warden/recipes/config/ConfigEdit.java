package io.warden.recipes.config;

import io.warden.client.BlockingClient;
import io.warden.client.NodeData;
import io.warden.client.Op;
import io.warden.client.OpResult;
import io.warden.client.WardenException;
import io.warden.common.ZnodePaths;
import io.warden.wire.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes to several keys of a {@link ConfigTree}, applied in one multi: all of them or none.
 *
 * <pre>{@code
 * config.edit().set("db/url", "jdbc:...").set("db/pool", 20).remove("db/legacy").commit();
 * }</pre>
 *
 * <p>{@link #set} creates a missing key and the parents it needs (with no data) inside the same
 * multi; {@link #remove} deletes the key's node, or clears its data when other keys live below it
 * (a missing key is fine). Naming a key twice keeps the last change. Empty parents are not deleted.
 *
 * <p>{@link #commit()} makes the tree hold the edit whatever happened before (last writer wins).
 * {@link #commitIfUnchanged()} is the optimistic variant: it applies the edit only if every node it
 * touches, and every key given to {@link #requireUnchanged}, is still as the tree's cache showed it
 * when {@link ConfigTree#edit()} was called (same version, same existence); otherwise the multi
 * fails and its WardenException (BADVERSION, NODEEXISTS, NONODE or NOTEMPTY) is thrown and nothing
 * is applied. So call {@code edit()} first, then read the values the edit depends on.
 *
 * <p>The base path (with its ancestors) is created before the multi if it is missing. An edit is
 * committed once; it is not safe for use by several threads.
 */
public final class ConfigEdit {
    /** How many times {@link #commit()} plans and tries again when the tree changed under it. */
    static final int COMMIT_ATTEMPTS_MAX = 10;

    private final BlockingClient client;
    private final ConfigKeys keys;
    private final Map<String, NodeData> seen;
    private final Map<String, EditPlan.Change> changes = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    private boolean committed;

    ConfigEdit(BlockingClient client, ConfigKeys keys, Map<String, NodeData> seen) {
        this.client = client;
        this.keys = keys;
        this.seen = seen;
    }

    /** Sets {@code key} to {@code value} (not empty: a node without data holds no value). */
    public ConfigEdit set(String key, String value) {
        changes.put(keys.pathOf(key), new EditPlan.Change(ConfigValues.bytes(key, value)));
        return this;
    }

    public ConfigEdit set(String key, long value) {
        return set(key, Long.toString(value));
    }

    public ConfigEdit set(String key, double value) {
        return set(key, Double.toString(value));
    }

    public ConfigEdit set(String key, boolean value) {
        return set(key, Boolean.toString(value));
    }

    /** Sets {@code key} to the ISO-8601 form of {@code value} ({@code PT30S}). */
    public ConfigEdit set(String key, Duration value) {
        return set(key, value.toString());
    }

    /** Sets {@code key} to {@code value} written as JSON with Jackson; read it with {@link ConfigTree#get}. */
    public ConfigEdit setJson(String key, Object value) {
        return set(key, ConfigValues.encodeJson(key, value));
    }

    /** Removes {@code key}: its node is deleted, or its data cleared when keys below it remain. */
    public ConfigEdit remove(String key) {
        changes.put(keys.pathOf(key), EditPlan.Change.REMOVE);
        return this;
    }

    /**
     * Makes {@link #commitIfUnchanged()} fail unless {@code key} (which the edit need not change) is
     * as the cache showed it: the same version, or still absent. {@link #commit()} ignores it.
     */
    public ConfigEdit requireUnchanged(String key) {
        required.add(keys.pathOf(key));
        return this;
    }

    /**
     * Applies the edit whatever the keys hold now. When the tree's shape changed between reading it
     * and writing (a key created or deleted by someone else meanwhile), the edit is planned again, at
     * most {@value #COMMIT_ATTEMPTS_MAX} times. Other failures are thrown as WardenException; after
     * CONNECTIONLOSS the edit may or may not have been applied; making the same edit again (a new
     * {@code edit()} with the same changes) is safe, since it sets the same values.
     */
    public void commit() throws InterruptedException {
        if (!begin(false)) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            List<Op> ops = EditPlan.plan(keys, changes, required, serverState(), false);
            if (ops.isEmpty()) {
                return;
            }
            try {
                client.multi(ops);
                return;
            } catch (WardenException e) {
                if (attempt >= COMMIT_ATTEMPTS_MAX || !isShapeChange(e.code())) {
                    throw e;
                }
                if (e.code() == ErrorCode.NONODE) {
                    client.ensurePath(keys.base());
                }
            }
        }
    }

    /**
     * Applies the edit only if nothing it touches changed since {@link ConfigTree#edit()} (see the
     * class comment); otherwise throws the WardenException of the failed multi and applies nothing.
     */
    public void commitIfUnchanged() throws InterruptedException {
        if (!begin(true)) {
            return;
        }
        List<Op> ops = EditPlan.plan(keys, changes, required, cachedState(), true);
        if (!ops.isEmpty()) {
            client.multi(ops);
        }
    }

    /** Marks the edit committed and creates the base if missing; false when there is nothing to do. */
    private boolean begin(boolean conditional) throws InterruptedException {
        if (committed) {
            throw new IllegalStateException("this edit of " + keys.base() + " was already committed");
        }
        committed = true;
        if (changes.isEmpty() && (required.isEmpty() || !conditional)) {
            return false;
        }
        if (!seen.containsKey(keys.base())) {
            client.ensurePath(keys.base());
        }
        return true;
    }

    private static boolean isShapeChange(ErrorCode code) {
        return code == ErrorCode.NODEEXISTS || code == ErrorCode.NONODE || code == ErrorCode.NOTEMPTY
                || code == ErrorCode.BADVERSION;
    }

    /** The tree as the cache showed it when the edit began; children counted from the cache too. */
    private EditPlan.TreeState cachedState() {
        Map<String, Integer> children = new HashMap<>();
        for (String path : seen.keySet()) {
            if (!path.equals(keys.base())) {
                children.merge(ZnodePaths.parent(path), 1, Integer::sum);
            }
        }
        return path -> {
            NodeData node = seen.get(path);
            return node == null ? null
                    : new EditPlan.NodeState(node.stat().version(), children.getOrDefault(path, 0));
        };
    }

    /** The nodes the edit touches and their parents, read from the server in one multiRead. */
    private EditPlan.TreeState serverState() throws InterruptedException {
        Set<String> paths = new LinkedHashSet<>();
        for (String path : changes.keySet()) {
            paths.addAll(keys.ancestorsBelowBase(path));
            paths.add(path);
        }
        List<String> ordered = new ArrayList<>(paths);
        List<Op> reads = new ArrayList<>();
        for (String path : ordered) {
            reads.add(Op.getData(path));
        }
        List<OpResult> results = client.multiRead(reads);
        Map<String, EditPlan.NodeState> nodes = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            OpResult result = results.get(i);
            if (result instanceof OpResult.GetDataResult read) {
                nodes.put(ordered.get(i), new EditPlan.NodeState(read.node().stat().version(),
                        read.node().stat().numChildren()));
            } else if (result instanceof OpResult.ErrorResult error && error.code() != ErrorCode.NONODE) {
                throw new WardenException(error.code(), ordered.get(i), "reading the config before the edit");
            }
        }
        return nodes::get;
    }
}
