package io.warden.tree;

import io.warden.common.SessionIds;

/**
 * The stored {@code ephemeralOwner} field: a session id for session ephemerals, and ZooKeeper's
 * markers for containers and TTL nodes (both shown to clients as 0).
 */
final class EphemeralOwner {
    static final long CONTAINER = SessionIds.CONTAINER_MARKER;
    static final long TTL_MARKER = 0xFF00_0000_0000_0000L;
    /** The largest TTL ZooKeeper can encode: 40 bits of milliseconds. */
    static final long TTL_MAX_MS = 0xFF_FFFF_FFFFL;

    private EphemeralOwner() {
    }

    static long ttl(long ttlMs) {
        return TTL_MARKER | ttlMs;
    }

    static boolean isContainer(long owner) {
        return owner == CONTAINER;
    }

    static boolean isTtl(long owner) {
        return (owner & 0xFFFF_FF00_0000_0000L) == TTL_MARKER;
    }

    static long ttlMs(long owner) {
        return owner & TTL_MAX_MS;
    }

    /** True for a node owned by a client session. */
    static boolean isSession(long owner) {
        return owner != 0 && !isContainer(owner) && !isTtl(owner);
    }

    /** The value clients see in Stat. */
    static long visible(long owner) {
        return isSession(owner) ? owner : 0;
    }
}
