package io.warden.common;

/** Path syntax as ZooKeeper defines it: validation, parent and last segment. */
public final class ZnodePaths {
    private ZnodePaths() {
    }

    /** Whether {@code path} is a valid znode path; see {@link #problem(String)} for why not. */
    public static boolean isValid(String path) {
        return problem(path) == null;
    }

    /** Why {@code path} is not a valid znode path, or {@code null} when it is. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "path must not be empty";
        }
        if (path.charAt(0) != '/') {
            return "path must start with /";
        }
        if (path.length() == 1) {
            return null;
        }
        if (path.charAt(path.length() - 1) == '/') {
            return "path must not end with /";
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c == '/') {
                int length = i - segmentStart;
                if (length == 0) {
                    return "empty segment at index " + i;
                }
                if (length <= 2 && isDots(path, segmentStart, length)) {
                    return "relative segment at index " + segmentStart;
                }
                segmentStart = i + 1;
            } else if (isForbidden(c)) {
                return "invalid character \\u" + String.format("%04x", (int) c) + " at index " + i;
            }
        }
        return null;
    }

    private static boolean isDots(String path, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (path.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isForbidden(char c) {
        return c <= '\u001f'
                || (c >= '\u007f' && c <= '\u009f')
                || (c >= '\ud800' && c <= '\uf8ff')
                || c >= '\ufff0';
    }

    /** The parent of a path that contains a slash; "/" for top-level nodes. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The last segment of a path. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The child path of {@code parent} named {@code name}. */
    public static String child(String parent, String name) {
        return parent.length() == 1 ? "/" + name : parent + "/" + name;
    }
}
