package io.warden.storage;

/**
 * A snapshot's byte layout, all jute-encoded: magic "WSNP", version, zxid, digest, node count,
 * session count, then (session id, timeout) pairs, then the nodes (path, data, ACL, czxid, mzxid,
 * ctime, mtime, pzxid, version, aversion, child creates, ephemeral owner), then the end magic
 * "WEND" and the CRC-32C of every byte before it.
 */
final class SnapshotFormat {
    static final int MAGIC = 0x5753_4E50;
    static final int END_MAGIC = 0x5745_4E44;
    static final int VERSION = 1;
    /** Where the zxid is: after the magic and the version. */
    static final int ZXID_OFFSET = 8;
    /** Magic, version, zxid, digest, node count and session count. */
    static final int HEADER_BYTES = 36;
    /** The end magic and the checksum. */
    static final int TRAILER_BYTES = 12;
    /**
     * The fewest bytes a node takes: a path of one character (4 + 1), null data (4), an empty ACL
     * list (4), five longs, three ints and the ephemeral owner (40 + 12 + 8).
     */
    static final int NODE_BYTES_MIN = 73;

    private SnapshotFormat() {
    }
}
