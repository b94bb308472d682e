package io.warden.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.warden.tree.NodeRecord;
import io.warden.wire.Acl;
import io.warden.wire.Id;

/**
 * Reads and checks a snapshot: magic, version, counts, the end marker and the checksum. The bytes
 * are read as a stream ({@link SnapshotInput}) and each node goes to a {@link Visitor} as soon as it
 * is read, so that a reader need not hold them all ({@link StreamedSnapshot} builds the tree as the
 * nodes arrive); the end marker and the checksum are checked after the last node.
 */
public final class SnapshotReader {
    /** Distinct ACL lists shared between the nodes read, at most (most trees have a handful). */
    static final int SHARED_ACLS_MAX = 1024;

    private SnapshotReader() {
    }

    /** What a snapshot holds. */
    public record Snapshot(long zxid, long digest, Map<Long, Integer> sessions, List<NodeRecord> nodes) {
    }

    /** A snapshot's header: everything before the nodes. */
    record Header(long zxid, long digest, long nodeCount, Map<Long, Integer> sessions) {
    }

    /** Sees a snapshot as it is read: the header, then each node in order. */
    interface Visitor {
        void header(Header header) throws CorruptDataException;

        /** A node, and the offset of the next byte (what the node took is known to the caller from it). */
        void node(NodeRecord node, long nextOffset) throws CorruptDataException;
    }

    /** The whole snapshot in memory; recovery streams it instead ({@link StreamedSnapshot}). */
    public static Snapshot read(FileStore store, String name, int fieldBytesMax)
            throws IOException, CorruptDataException {
        try (InputStream input = store.openRead(name)) {
            return read(input, store.describe(name), store.size(name), fieldBytesMax);
        }
    }

    /**
     * Reads a snapshot from a stream of {@code size} bytes (a file, or bytes a leader sent) into
     * memory; {@code file} names the source in errors. Does not close the stream.
     */
    static Snapshot read(InputStream input, String file, long size, int fieldBytesMax)
            throws IOException, CorruptDataException {
        List<NodeRecord> nodes = new ArrayList<>();
        Header[] header = {null};
        read(input, file, size, fieldBytesMax, new Visitor() {
            @Override
            public void header(Header read) {
                header[0] = read;
            }

            @Override
            public void node(NodeRecord node, long nextOffset) {
                nodes.add(node);
            }
        });
        return new Snapshot(header[0].zxid(), header[0].digest(), header[0].sessions(), nodes);
    }

    /**
     * Reads a snapshot from a stream of {@code size} bytes, handing the visitor its parts as they
     * are read; returns only once the end marker and the checksum are checked. Does not close the
     * stream.
     */
    static void read(InputStream input, String file, long size, int fieldBytesMax, Visitor visitor)
            throws IOException, CorruptDataException {
        SnapshotInput in = new SnapshotInput(input, size);
        try {
            Fields fields = new Fields(in, file, size, fieldBytesMax);
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
            visitor.header(new Header(zxid, digest, nodeCount, sessions));
            for (long i = 0; i < nodeCount; i++) {
                visitor.node(fields.node(), in.offset());
            }
            long endOffset = in.offset();
            if (in.readInt() != SnapshotFormat.END_MAGIC) {
                throw new CorruptDataException(file, endOffset, "missing end marker");
            }
            long expected = in.checksum();
            long stored = in.readLong();
            if (stored != expected) {
                throw new CorruptDataException(file, endOffset + 4, "checksum mismatch");
            }
            if (!in.atEnd()) {
                throw new CorruptDataException(file, in.offset(), "data after the end of the snapshot");
            }
        } catch (EOFException e) {
            throw new CorruptDataException(file, size, "snapshot ends early");
        }
    }

    /** Reads the variable-length fields with their lengths checked. */
    private static final class Fields {
        private final SnapshotInput in;
        private final String file;
        private final long size;
        private final int fieldBytesMax;
        /** Each distinct ACL list read, so that nodes with equal ACLs share one list. */
        private final Map<List<Acl>, List<Acl>> sharedAcls = new LinkedHashMap<>();
        /** The encoding of the last ACL decoded, and the list it decoded to: a node with the same bytes shares it. */
        private byte[] lastAclBytes;
        private List<Acl> lastAcl;

        Fields(SnapshotInput in, String file, long size, int fieldBytesMax) {
            this.in = in;
            this.file = file;
            this.size = size;
            this.fieldBytesMax = fieldBytesMax;
        }

        NodeRecord node() throws IOException, CorruptDataException {
            long offset = in.offset();
            String path = string();
            if (path == null || path.isEmpty() || path.charAt(0) != '/') {
                throw new CorruptDataException(file, offset, "bad node path");
            }
            byte[] data = buffer();
            List<Acl> acl;
            if (lastAclBytes != null && in.skipIfNext(lastAclBytes)) {
                acl = lastAcl; // the same bytes as the last ACL decoded (and checked)
            } else {
                long aclOffset = in.offset();
                acl = shared(acl());
                lastAclBytes = in.consumedSince(aclOffset);
                lastAcl = acl;
            }
            return new NodeRecord(path, data, acl, in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readInt(), in.readInt(), in.readInt(), in.readLong());
        }

        private List<Acl> acl() throws IOException, CorruptDataException {
            int aclCount = in.readInt();
            if (aclCount < 0 || aclCount > fieldBytesMax) {
                throw new CorruptDataException(file, in.offset() - 4, "bad ACL count " + aclCount);
            }
            List<Acl> acl = new ArrayList<>(Math.min(aclCount, 16));
            for (int i = 0; i < aclCount; i++) {
                acl.add(new Acl(in.readInt(), new Id(string(), string())));
            }
            return acl;
        }

        /** The one immutable list kept for ACLs equal to {@code acl}, while fewer than {@link #SHARED_ACLS_MAX}. */
        private List<Acl> shared(List<Acl> acl) {
            List<Acl> known = sharedAcls.get(acl);
            if (known != null) {
                return known;
            }
            List<Acl> copy = List.copyOf(acl);
            if (sharedAcls.size() < SHARED_ACLS_MAX) {
                sharedAcls.put(copy, copy);
            }
            return copy;
        }

        private int length() throws IOException, CorruptDataException {
            int length = in.readInt();
            if (length < -1 || length > fieldBytesMax || length > size) {
                throw new CorruptDataException(file, in.offset() - 4, "bad length " + length);
            }
            return length;
        }

        private byte[] buffer() throws IOException, CorruptDataException {
            int length = length();
            return length == -1 ? null : in.readBytes(length);
        }

        private String string() throws IOException, CorruptDataException {
            int length = length();
            return length == -1 ? null : in.readString(length);
        }
    }
}
