package io.warden.storage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

import io.warden.tree.NodeRecord;
import io.warden.wire.Acl;
import io.warden.wire.Id;

/** Reads and checks a snapshot: magic, version, counts, the end marker and the checksum. */
public final class SnapshotReader {
    /** The read-ahead of a snapshot file. */
    private static final int READ_BUFFER_BYTES = 1 << 16;

    private SnapshotReader() {
    }

    /** What a snapshot holds. */
    public record Snapshot(long zxid, long digest, Map<Long, Integer> sessions, List<NodeRecord> nodes) {
    }

    public static Snapshot read(FileStore store, String name, int fieldBytesMax)
            throws IOException, CorruptDataException {
        try (InputStream input = new BufferedInputStream(store.openRead(name), READ_BUFFER_BYTES)) {
            return read(input, store.describe(name), store.size(name), fieldBytesMax);
        }
    }

    /**
     * Reads a snapshot from a stream of {@code size} bytes (a file, or bytes a leader sent);
     * {@code file} names the source in errors. Does not close the stream.
     */
    static Snapshot read(InputStream input, String file, long size, int fieldBytesMax)
            throws IOException, CorruptDataException {
        CRC32C crc = new CRC32C();
        CountingInput counting = new CountingInput(input);
        DataInputStream in = new DataInputStream(new CheckedInputStream(counting, crc));
        try {
            Fields fields = new Fields(in, counting, file, size, fieldBytesMax);
            if (in.readInt() != SnapshotFormat.MAGIC) {
                throw new CorruptDataException(file, 0, "not a Warden snapshot (bad magic)");
            }
            int version = in.readInt();
            if (version != SnapshotFormat.VERSION) {
                throw new CorruptDataException(file, 4, "unknown snapshot version " + version);
            }
            long zxid = in.readLong();
            long digest = in.readLong();
            long nodeCount = in.readLong();
            int sessionCount = in.readInt();
            if (nodeCount < 1 || nodeCount > size || sessionCount < 0 || sessionCount > size) {
                throw new CorruptDataException(file, 24, "implausible counts: " + nodeCount + " nodes, "
                        + sessionCount + " sessions");
            }
            Map<Long, Integer> sessions = new HashMap<>();
            for (int i = 0; i < sessionCount; i++) {
                sessions.put(in.readLong(), in.readInt());
            }
            List<NodeRecord> nodes = new ArrayList<>((int) Math.min(nodeCount, 1 << 20));
            for (long i = 0; i < nodeCount; i++) {
                nodes.add(fields.node());
            }
            long endOffset = counting.count;
            if (in.readInt() != SnapshotFormat.END_MAGIC) {
                throw new CorruptDataException(file, endOffset, "missing end marker");
            }
            long expected = crc.getValue();
            long stored = new DataInputStream(counting).readLong();
            if (stored != expected) {
                throw new CorruptDataException(file, endOffset + 4, "checksum mismatch");
            }
            if (counting.read() != -1) {
                throw new CorruptDataException(file, counting.count, "data after the end of the snapshot");
            }
            return new Snapshot(zxid, digest, sessions, nodes);
        } catch (EOFException e) {
            throw new CorruptDataException(file, size, "snapshot ends early");
        }
    }

    /** Reads the variable-length fields with their lengths checked. */
    private static final class Fields {
        private final DataInputStream in;
        private final CountingInput counting;
        private final String file;
        private final long size;
        private final int fieldBytesMax;

        Fields(DataInputStream in, CountingInput counting, String file, long size, int fieldBytesMax) {
            this.in = in;
            this.counting = counting;
            this.file = file;
            this.size = size;
            this.fieldBytesMax = fieldBytesMax;
        }

        NodeRecord node() throws IOException, CorruptDataException {
            long offset = counting.count;
            String path = string();
            if (path == null || path.isEmpty() || path.charAt(0) != '/') {
                throw new CorruptDataException(file, offset, "bad node path");
            }
            byte[] data = buffer();
            int aclCount = in.readInt();
            if (aclCount < 0 || aclCount > fieldBytesMax) {
                throw new CorruptDataException(file, counting.count - 4, "bad ACL count " + aclCount);
            }
            List<Acl> acl = new ArrayList<>(aclCount);
            for (int i = 0; i < aclCount; i++) {
                acl.add(new Acl(in.readInt(), new Id(string(), string())));
            }
            return new NodeRecord(path, data, List.copyOf(acl), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readInt(), in.readInt(), in.readInt(), in.readLong());
        }

        private byte[] buffer() throws IOException, CorruptDataException {
            int length = in.readInt();
            if (length == -1) {
                return null;
            }
            if (length < -1 || length > fieldBytesMax || length > size) {
                throw new CorruptDataException(file, counting.count - 4, "bad length " + length);
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return bytes;
        }

        private String string() throws IOException, CorruptDataException {
            byte[] bytes = buffer();
            return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Counts the bytes read, for offsets in messages. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
