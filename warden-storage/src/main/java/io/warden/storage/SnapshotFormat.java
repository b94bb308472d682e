package io.warden.storage;

import java.util.zip.CRC32C;

import io.warden.common.Zxid;

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

    private SnapshotFormat() {
    }

    /**
     * Checks a whole snapshot's frame without reading its nodes: magic, version, zxid, end marker
     * and checksum. Cheap, and enough to refuse bytes damaged on their way; whether the nodes form
     * the tree the digest says is for {@link SnapshotReader}.
     */
    static void checkFrame(byte[] bytes, String file, long expectedZxid) throws CorruptDataException {
        if (bytes.length < HEADER_BYTES + TRAILER_BYTES || LogFormat.getInt(bytes, 0) != MAGIC) {
            throw new CorruptDataException(file, 0, "not a Warden snapshot (bad magic or " + bytes.length + " bytes)");
        }
        if (LogFormat.getInt(bytes, 4) != VERSION) {
            throw new CorruptDataException(file, 4, "unknown snapshot version " + LogFormat.getInt(bytes, 4));
        }
        long zxid = LogFormat.getLong(bytes, ZXID_OFFSET);
        if (zxid != expectedZxid) {
            throw new CorruptDataException(file, ZXID_OFFSET, "holds zxid " + Zxid.toHex(zxid) + ", expected "
                    + Zxid.toHex(expectedZxid));
        }
        int end = bytes.length - TRAILER_BYTES;
        if (LogFormat.getInt(bytes, end) != END_MAGIC) {
            throw new CorruptDataException(file, end, "missing end marker");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, end + 4);
        if (LogFormat.getLong(bytes, end + 4) != crc.getValue()) {
            throw new CorruptDataException(file, end + 4, "checksum mismatch");
        }
    }
}
