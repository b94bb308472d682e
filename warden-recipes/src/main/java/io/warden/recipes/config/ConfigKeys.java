package io.warden.recipes.config;

import io.warden.common.ZnodePaths;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping between configuration keys and node paths: key {@code db/url} of the tree at
 * {@code /app/config} is the node {@code /app/config/db/url}. A key is a relative path: not empty,
 * no leading or trailing slash, and valid as a node path once appended to the base.
 */
final class ConfigKeys {
    private final String base;
    private final String prefix;

    ConfigKeys(String base) {
        String problem = ZnodePaths.problem(base);
        if (problem != null) {
            throw new IllegalArgumentException("invalid config base path " + base + ": " + problem);
        }
        this.base = base;
        this.prefix = base.equals("/") ? "/" : base + "/";
    }

    String base() {
        return base;
    }

    /** The node path of {@code key}; IllegalArgumentException for a key that is not valid. */
    String pathOf(String key) {
        String problem = problem(key);
        if (problem != null) {
            throw new IllegalArgumentException("invalid config key '" + key + "': " + problem);
        }
        return prefix + key;
    }

    /** The key of the node at {@code path}, or null for the base itself and paths outside it. */
    String keyOf(String path) {
        if (path.length() <= prefix.length() || !path.startsWith(prefix)) {
            return null;
        }
        return path.substring(prefix.length());
    }

    /** Validates a listener prefix: empty (every key) or a key. */
    String checkPrefix(String keyPrefix) {
        if (keyPrefix == null) {
            throw new IllegalArgumentException("a key prefix must not be null; use \"\" for every key");
        }
        if (!keyPrefix.isEmpty()) {
            pathOf(keyPrefix);
        }
        return keyPrefix;
    }

    /**
     * True when {@code key} is {@code keyPrefix} or below it, segment by segment: prefix {@code db}
     * matches {@code db} and {@code db/url} but not {@code dbx}; the empty prefix matches every key.
     */
    static boolean underPrefix(String key, String keyPrefix) {
        return keyPrefix.isEmpty() || key.equals(keyPrefix)
                || (key.startsWith(keyPrefix) && key.charAt(keyPrefix.length()) == '/');
    }

    /** The paths strictly between the base and {@code path}, shallowest first. */
    List<String> ancestorsBelowBase(String path) {
        List<String> ancestors = new ArrayList<>();
        for (int slash = path.indexOf('/', prefix.length()); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            ancestors.add(path.substring(0, slash));
        }
        return ancestors;
    }

    /** True when {@code path} is strictly below {@code ancestor}. */
    static boolean isBelow(String path, String ancestor) {
        if (ancestor.equals("/")) {
            return path.length() > 1;
        }
        return path.length() > ancestor.length() + 1 && path.startsWith(ancestor)
                && path.charAt(ancestor.length()) == '/';
    }

    /** The number of segments of a path ("/" has none). */
    static int depth(String path) {
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/' && i + 1 < path.length()) {
                depth++;
            }
        }
        return depth;
    }

    private String problem(String key) {
        if (key == null || key.isEmpty()) {
            return "a key must not be empty";
        }
        if (key.charAt(0) == '/') {
            return "a key is relative to the base path and must not start with /";
        }
        return ZnodePaths.problem(prefix + key);
    }
}
