package io.warden.transport.peer;

import java.util.Set;

/**
 * The first bytes a dialler sends on a connection, before any frame: a magic number, the protocol
 * version and the dialler's server id, 16 bytes. The acceptor reads nothing else until they
 * arrived and checked out.
 */
final class Hello {
    /** "WPR1": Warden peer transport. */
    static final int MAGIC = 0x5750_5231;
    /** 2: snapshots travel as a header and chunk frames, and StepDown exists (1 had neither). */
    static final int VERSION = 2;
    static final int BYTES = 4 + 4 + 8;

    private Hello() {
    }

    static byte[] encode(long serverId) {
        byte[] bytes = new byte[BYTES];
        PeerOutput out = PeerOutput.into(bytes, 0);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(serverId);
        return bytes;
    }

    /** Why a hello is refused, or null when it is good. */
    static String problem(int magic, int version, long serverId, long myId, Set<Long> memberIds) {
        if (magic != MAGIC) {
            return String.format("bad magic 0x%08x (expected 0x%08x)", magic, MAGIC);
        }
        if (version != VERSION) {
            return "protocol version " + version + " (this server speaks " + VERSION + ")";
        }
        if (serverId == myId) {
            return "server id " + serverId + " is this server's own";
        }
        if (!memberIds.contains(serverId)) {
            return "server id " + serverId + " is not a member of the ensemble";
        }
        return null;
    }
}
