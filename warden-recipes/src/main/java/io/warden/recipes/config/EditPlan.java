package io.warden.recipes.config;

import io.warden.client.CreateMode;
import io.warden.client.Op;
import io.warden.common.ZnodePaths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns an edit (values to set, keys to remove, keys to require unchanged) and what the tree is
 * believed to hold into the ops of one multi, in an order the server can apply:
 *
 * <ol>
 *   <li>absence probes (conditional plans only): a key required absent is proven absent by creating
 *       and deleting its first missing node, which fails with NODEEXISTS if it appeared;
 *   <li>checks of keys required unchanged (conditional plans only);
 *   <li>removals, deepest first: a node with no children left is deleted; a node that keeps
 *       children (on the server, or created by this edit) has its data cleared, so it holds no value;
 *   <li>creations, shallowest first: missing parents (with no data) before the keys below them;
 *   <li>updates of existing keys.
 * </ol>
 *
 * A conditional plan writes with the versions it was given, so the multi fails if any node it
 * touches changed; an unconditional one writes with version -1 and fails only when the tree's shape
 * differs from what it was given (a node created or deleted meanwhile), to be planned again.
 */
final class EditPlan {

    /** What a node holds as far as the plan knows. */
    record NodeState(int version, int numChildren) {
    }

    /** The state of the tree the plan is made against. */
    @FunctionalInterface
    interface TreeState {
        /** The node at {@code path}, or null when it does not exist. */
        NodeState at(String path);
    }

    /** The new data of a key, or a removal ({@code data} null). */
    record Change(byte[] data) {
        static final Change REMOVE = new Change(null);

        boolean removes() {
            return data == null;
        }
    }

    private static final Comparator<String> SHALLOW_FIRST =
            Comparator.comparingInt(ConfigKeys::depth).thenComparing(Comparator.naturalOrder());
    private static final Comparator<String> DEEP_FIRST =
            Comparator.comparingInt(ConfigKeys::depth).reversed().thenComparing(Comparator.naturalOrder());

    private final ConfigKeys keys;
    private final TreeState state;
    private final boolean conditional;
    private final Map<String, byte[]> creates = new TreeMap<>(SHALLOW_FIRST);
    private final Set<String> probed = new LinkedHashSet<>();
    private final List<Op> probes = new ArrayList<>();
    private final List<Op> checks = new ArrayList<>();
    private final List<Op> removals = new ArrayList<>();
    private final List<Op> updates = new ArrayList<>();

    private EditPlan(ConfigKeys keys, TreeState state, boolean conditional) {
        this.keys = keys;
        this.state = state;
        this.conditional = conditional;
    }

    /**
     * The ops for {@code changes} (by node path, in the order given) and {@code required} (node
     * paths that must be as {@code state} says; conditional plans only). Empty when there is
     * nothing to do.
     */
    static List<Op> plan(ConfigKeys keys, Map<String, Change> changes, Set<String> required, TreeState state,
            boolean conditional) {
        EditPlan plan = new EditPlan(keys, state, conditional);
        plan.planSets(changes);
        plan.planRemovals(changes);
        if (conditional) {
            plan.planRequired(required, changes);
        }
        return plan.ops();
    }

    private void planSets(Map<String, Change> changes) {
        for (Map.Entry<String, Change> change : changes.entrySet()) {
            if (change.getValue().removes()) {
                continue;
            }
            String path = change.getKey();
            byte[] data = change.getValue().data();
            NodeState node = state.at(path);
            if (node != null) {
                updates.add(Op.setData(path, data, version(node)));
                continue;
            }
            creates.put(path, data);
            for (String ancestor : keys.ancestorsBelowBase(path)) {
                if (state.at(ancestor) == null) {
                    creates.putIfAbsent(ancestor, ConfigValues.noData());
                }
            }
        }
    }

    private void planRemovals(Map<String, Change> changes) {
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, Change> change : changes.entrySet()) {
            if (change.getValue().removes()) {
                removed.add(change.getKey());
            }
        }
        removed.sort(DEEP_FIRST);
        Map<String, Integer> deletedChildren = new HashMap<>();
        for (String path : removed) {
            NodeState node = state.at(path);
            if (node == null) {
                if (conditional) {
                    probeAbsence(path);
                }
                continue;
            }
            int childrenLeft = node.numChildren() - deletedChildren.getOrDefault(path, 0);
            if (childrenLeft > 0 || writesBelow(path, changes)) {
                removals.add(Op.setData(path, ConfigValues.noData(), version(node)));
            } else {
                removals.add(Op.delete(path, version(node)));
                deletedChildren.merge(ZnodePaths.parent(path), 1, Integer::sum);
            }
        }
    }

    private void planRequired(Set<String> required, Map<String, Change> changes) {
        for (String path : required) {
            if (changes.containsKey(path)) {
                continue;
            }
            NodeState node = state.at(path);
            if (node == null) {
                probeAbsence(path);
            } else {
                checks.add(Op.check(path, node.version()));
            }
        }
    }

    /**
     * Proves {@code path} still absent: its first missing node (it or an ancestor) is created and
     * deleted again, which fails the multi if that node exists by now. Not needed when this plan
     * creates that node itself, since the creation fails just the same.
     */
    private void probeAbsence(String path) {
        List<String> chain = keys.ancestorsBelowBase(path);
        chain.add(path);
        for (String each : chain) {
            if (state.at(each) != null) {
                continue;
            }
            if (!creates.containsKey(each) && probed.add(each)) {
                probes.add(Op.create(each, ConfigValues.noData(), CreateMode.PERSISTENT));
                probes.add(Op.delete(each, -1));
            }
            return;
        }
    }

    private boolean writesBelow(String path, Map<String, Change> changes) {
        for (Map.Entry<String, Change> change : changes.entrySet()) {
            if (!change.getValue().removes() && ConfigKeys.isBelow(change.getKey(), path)) {
                return true;
            }
        }
        return false;
    }

    private int version(NodeState node) {
        return conditional ? node.version() : -1;
    }

    private List<Op> ops() {
        List<Op> ops = new ArrayList<>(probes);
        ops.addAll(checks);
        ops.addAll(removals);
        for (Map.Entry<String, byte[]> create : creates.entrySet()) {
            ops.add(Op.create(create.getKey(), create.getValue(), CreateMode.PERSISTENT));
        }
        ops.addAll(updates);
        return ops;
    }
}
