package io.warden.tree;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The tree's state and its bookkeeping: the nodes, open sessions, the indexes of ephemerals,
 * containers, TTL nodes and quotas, the digest, and the running snapshot. Every change to an
 * existing node goes between {@link #changing} and {@link #changed}, which keep the digest and a
 * running snapshot right.
 */
final class TreeState {
    final NodeStore store = new NodeStore();
    final Map<Long, Integer> sessionTimeouts = new HashMap<>();
    final Map<Long, Set<String>> ephemerals = new HashMap<>();
    final Set<String> containers = new HashSet<>();
    final Set<String> ttlNodes = new HashSet<>();
    final Quotas quotas = new Quotas();
    long lastZxid;
    long digest;
    TreeSnapshot snapshot;
    WatcherReadCheck readCheck = WatcherReadCheck.ALLOW_ALL;

    /** Before an existing node changes: freeze it for a running snapshot, take it out of the digest. */
    void changing(int id) {
        if (snapshot != null) {
            snapshot.preserve(id);
        }
        digest -= store.hash(id);
    }

    /** After a node changed or appeared: put it back into the digest. */
    void changed(int id) {
        digest += store.hash(id);
    }

    long computeDigest() {
        long sum = 0;
        for (int id = 0; id < store.idLimit(); id++) {
            if (store.isLinked(id)) {
                sum += store.hash(id);
            }
        }
        return sum;
    }

    void index(String path, long owner, boolean add) {
        if (EphemeralOwner.isSession(owner)) {
            if (add) {
                ephemerals.computeIfAbsent(owner, o -> new HashSet<>()).add(path);
            } else {
                Set<String> paths = ephemerals.get(owner);
                if (paths != null) {
                    paths.remove(path);
                    if (paths.isEmpty()) {
                        ephemerals.remove(owner);
                    }
                }
            }
        } else if (EphemeralOwner.isContainer(owner)) {
            if (add) {
                containers.add(path);
            } else {
                containers.remove(path);
            }
        } else if (EphemeralOwner.isTtl(owner)) {
            if (add) {
                ttlNodes.add(path);
            } else {
                ttlNodes.remove(path);
            }
        }
    }
}
