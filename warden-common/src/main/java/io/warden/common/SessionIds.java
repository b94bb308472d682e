package io.warden.common;

/** How session ids are made and printed. A session id is an opaque {@code long} to clients. */
public final class SessionIds {
    /** The value ZooKeeper stores as the ephemeral owner of a container; never a session id. */
    public static final long CONTAINER_MARKER = 0x8000_0000_0000_0000L;

    private SessionIds() {
    }

    /**
     * The first id of a server's sequence, built as ZooKeeper does so that ids from different
     * servers and different starts do not collide: the server id in the top byte, then the start
     * time in milliseconds shifted into the middle bits.
     */
    public static long firstId(long serverId, long nowMs) {
        Checks.check(serverId >= 0 && serverId <= 254, "server id out of range: %d", serverId);
        long id = (serverId << 56) | ((nowMs << 24) >>> 8);
        return id == CONTAINER_MARKER ? id + 1 : id;
    }

    public static String toHex(long sessionId) {
        return "0x" + Long.toHexString(sessionId);
    }
}
