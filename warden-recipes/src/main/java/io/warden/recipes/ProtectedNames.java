package io.warden.recipes;

import java.util.List;
import java.util.UUID;

/**
 * Names that let a client find a sequential node it created when the reply to the create was lost:
 * {@code _c_<uuid>-<name>}, the form Curator's "protection" uses, so that recipes of both can share
 * a parent. After CONNECTIONLOSS the creator looks for a child with its prefix instead of creating
 * a second node.
 */
public final class ProtectedNames {
    /** Curator's marker in front of the UUID. */
    public static final String MARKER = "_c_";
    private static final int UUID_LENGTH = 36;

    private ProtectedNames() {
    }

    /** A fresh prefix: {@code _c_<uuid>-}. */
    public static String newPrefix() {
        return MARKER + UUID.randomUUID() + "-";
    }

    /** True when {@code name} starts with a protection prefix. */
    public static boolean isProtected(String name) {
        return name.startsWith(MARKER) && name.length() > MARKER.length() + UUID_LENGTH
                && name.charAt(MARKER.length() + UUID_LENGTH) == '-';
    }

    /** The child of {@code children} that carries {@code prefix}, or null. */
    public static String find(List<String> children, String prefix) {
        for (String child : children) {
            if (child.startsWith(prefix)) {
                return child;
            }
        }
        return null;
    }
}
