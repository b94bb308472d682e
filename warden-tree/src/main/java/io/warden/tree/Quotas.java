package io.warden.tree;

import java.util.HashSet;
import java.util.Set;

import io.warden.common.ZnodePaths;

/**
 * ZooKeeper's quotas: a quota on path P lives in {@code /zookeeper/quota/P/zookeeper_limits},
 * and the server keeps P's usage (nodes and data bytes in P's subtree, P included) in
 * {@code /zookeeper/quota/P/zookeeper_stats}. This class knows the quota'd paths; the tree keeps
 * the usage up to date as it applies changes.
 */
final class Quotas {
    static final String ROOT = "/zookeeper/quota";
    static final String LIMITS = "zookeeper_limits";
    static final String STATS = "zookeeper_stats";

    private final Set<String> quotaPaths = new HashSet<>();

    /** The quota'd path a {@code zookeeper_limits} or {@code zookeeper_stats} node belongs to. */
    static String quotaPathOf(String quotaNodePath) {
        String parent = ZnodePaths.parent(quotaNodePath);
        if (!parent.startsWith(ROOT + "/")) {
            return null;
        }
        return parent.substring(ROOT.length());
    }

    static String limitsPath(String quotaPath) {
        return ROOT + quotaPath + "/" + LIMITS;
    }

    static String statsPath(String quotaPath) {
        return ROOT + quotaPath + "/" + STATS;
    }

    void add(String quotaPath) {
        quotaPaths.add(quotaPath);
    }

    void remove(String quotaPath) {
        quotaPaths.remove(quotaPath);
    }

    /** The deepest quota'd path at or above {@code path}, or null; "/" and "/zookeeper" never count. */
    String governing(String path) {
        if (quotaPaths.isEmpty()) {
            return null;
        }
        for (String candidate = path; !candidate.equals("/"); candidate = ZnodePaths.parent(candidate)) {
            if (quotaPaths.contains(candidate)) {
                return candidate.equals("/zookeeper") ? null : candidate;
            }
        }
        return null;
    }
}
