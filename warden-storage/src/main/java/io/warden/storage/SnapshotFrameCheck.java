package io.warden.storage;

import java.util.zip.CRC32C;

import io.warden.common.Zxid;

/**
 * Checks a snapshot's frame as its bytes go by, without holding them: magic, version, zxid, end
 * marker and checksum ({@link SnapshotFormat}). Cheap, and enough to refuse bytes damaged on their
 * way; whether the nodes form the tree the digest says is for {@link SnapshotReader}.
 */
final class SnapshotFrameCheck {
    /** Magic, version and zxid: what the check reads of the header. */
    private static final int HEAD_BYTES = SnapshotFormat.ZXID_OFFSET + 8;

    private final String source;
    private final long expectedZxid;
    private final long sizeBytes;
    private final CRC32C crc = new CRC32C();
    private final byte[] head = new byte[HEAD_BYTES];
    private final byte[] trailer = new byte[SnapshotFormat.TRAILER_BYTES];
    private long position;

    SnapshotFrameCheck(String source, long expectedZxid, long sizeBytes) {
        this.source = source;
        this.expectedZxid = expectedZxid;
        this.sizeBytes = sizeBytes;
    }

    /** Checks a whole snapshot held in one array. */
    static void check(byte[] bytes, String source, long expectedZxid) throws CorruptDataException {
        SnapshotFrameCheck check = new SnapshotFrameCheck(source, expectedZxid, bytes.length);
        check.update(bytes, 0, bytes.length);
        check.finish();
    }

    /** The next {@code length} bytes; never more than the announced size in all. */
    void update(byte[] bytes, int offset, int length) {
        if (position + length > sizeBytes) {
            throw new IllegalArgumentException("more than the announced " + sizeBytes + " bytes of " + source);
        }
        copyOverlap(bytes, offset, length, 0, head);
        long trailerStart = sizeBytes - SnapshotFormat.TRAILER_BYTES;
        copyOverlap(bytes, offset, length, trailerStart, trailer);
        long checkedEnd = sizeBytes - 8; // everything before the checksum itself
        int checked = (int) Math.max(0, Math.min(length, checkedEnd - position));
        crc.update(bytes, offset, checked);
        position += length;
    }

    /** Copies the part of these bytes (at {@link #position} in the stream) that falls in {@code target} at {@code at}. */
    private void copyOverlap(byte[] bytes, int offset, int length, long at, byte[] target) {
        long from = Math.max(position, at);
        long to = Math.min(position + length, at + target.length);
        if (from < to) {
            System.arraycopy(bytes, offset + (int) (from - position), target, (int) (from - at), (int) (to - from));
        }
    }

    /** After the last byte: throws naming the offset of the first damage found. */
    void finish() throws CorruptDataException {
        if (position != sizeBytes) {
            throw new CorruptDataException(source, position, "ends after " + position + " of " + sizeBytes + " bytes");
        }
        if (sizeBytes < SnapshotFormat.HEADER_BYTES + SnapshotFormat.TRAILER_BYTES
                || LogFormat.getInt(head, 0) != SnapshotFormat.MAGIC) {
            throw new CorruptDataException(source, 0, "not a Warden snapshot (bad magic or " + sizeBytes + " bytes)");
        }
        if (LogFormat.getInt(head, 4) != SnapshotFormat.VERSION) {
            throw new CorruptDataException(source, 4, "unknown snapshot version " + LogFormat.getInt(head, 4));
        }
        long zxid = LogFormat.getLong(head, SnapshotFormat.ZXID_OFFSET);
        if (zxid != expectedZxid) {
            throw new CorruptDataException(source, SnapshotFormat.ZXID_OFFSET, "holds zxid " + Zxid.toHex(zxid)
                    + ", expected " + Zxid.toHex(expectedZxid));
        }
        long end = sizeBytes - SnapshotFormat.TRAILER_BYTES;
        if (LogFormat.getInt(trailer, 0) != SnapshotFormat.END_MAGIC) {
            throw new CorruptDataException(source, end, "missing end marker");
        }
        if (LogFormat.getLong(trailer, 4) != crc.getValue()) {
            throw new CorruptDataException(source, end + 4, "checksum mismatch");
        }
    }
}
