package io.warden.recipes.discovery;

import io.warden.common.ZnodePaths;

/** The layout of discovery nodes, Curator's: {@code basePath/<name>/<id>}. */
final class DiscoveryPaths {
    private DiscoveryPaths() {
    }

    /** {@code basePath} when it is a valid path; IllegalArgumentException otherwise. */
    static String base(String basePath) {
        String problem = ZnodePaths.problem(basePath);
        if (problem != null) {
            throw new IllegalArgumentException("invalid base path " + basePath + ": " + problem);
        }
        return basePath;
    }

    /** The parent of the instances of service {@code name}. */
    static String service(String basePath, String name) {
        return ZnodePaths.child(basePath, segment(name, "service name"));
    }

    /** The node of instance {@code id} of service {@code name}. */
    static String instance(String basePath, String name, String id) {
        return ZnodePaths.child(service(basePath, name), segment(id, "instance id"));
    }

    /** {@code value} when it can be one segment of a path; IllegalArgumentException otherwise. */
    private static String segment(String value, String what) {
        if (value == null || value.isEmpty() || value.indexOf('/') >= 0) {
            throw new IllegalArgumentException(what + " must be one non-empty path segment, not \"" + value + "\"");
        }
        String problem = ZnodePaths.problem("/" + value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid " + what + " \"" + value + "\": " + problem);
        }
        return value;
    }
}
