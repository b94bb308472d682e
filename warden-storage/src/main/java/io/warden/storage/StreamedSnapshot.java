package io.warden.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;

import io.warden.common.Zxid;
import io.warden.tree.DataTree;
import io.warden.tree.NodeRecord;
import io.warden.tree.TreeOptions;

/**
 * Builds the tree a snapshot holds while the snapshot is being read: a thread of its own reads the
 * bytes, checks them and decodes the nodes ({@link SnapshotReader}, through a {@link ReadAhead}),
 * while the caller's thread puts the nodes into the tree ({@link DataTree#restore}) as they come.
 * Neither the snapshot's bytes nor its list of nodes is ever held whole: what waits between the
 * two threads is bounded by the read-ahead. The checks are those of a snapshot read whole first:
 * the zxid, the frame (end marker, checksum; damage there is reported even when the nodes also
 * fail to form a tree), that the nodes form a tree, and the digest.
 */
final class StreamedSnapshot {
    /** The name of the reading thread. */
    static final String THREAD_NAME = "warden-snapshot-read";
    /** What a node is counted as beyond its path and data, for the read-ahead's bound. */
    private static final int NODE_OVERHEAD_BYTES = 128;

    private StreamedSnapshot() {
    }

    /**
     * The tree a snapshot of {@code sizeBytes} read from {@code input} holds, checked to be at
     * {@code expectedZxid}; {@code file} names the source and {@code expectedBy} what the expected
     * zxid comes from, for messages. Does not close the stream.
     */
    static DataTree restore(InputStream input, String file, long sizeBytes, long expectedZxid, String expectedBy,
            TreeOptions options, int fieldBytesMax) throws IOException, CorruptDataException {
        try (ReadAhead<Object> readAhead = ReadAhead.start(THREAD_NAME, output -> SnapshotReader.read(input, file,
                sizeBytes, fieldBytesMax, new SnapshotReader.Visitor() {
                    @Override
                    public void header(SnapshotReader.Header header) {
                        output.add(header, 0);
                    }

                    @Override
                    public void node(NodeRecord node, long nextOffset) {
                        int dataBytes = node.data() == null ? 0 : node.data().length;
                        output.add(node, NODE_OVERHEAD_BYTES + node.path().length() + dataBytes);
                    }
                }))) {
            // The reader hands the header over before any node, or fails.
            SnapshotReader.Header header = (SnapshotReader.Header) readAhead.next();
            if (header.zxid() != expectedZxid) {
                throw new CorruptDataException(file, SnapshotFormat.ZXID_OFFSET, "holds zxid "
                        + Zxid.toHex(header.zxid()) + ", " + expectedBy + " " + Zxid.toHex(expectedZxid));
            }
            Nodes nodes = new Nodes(readAhead);
            DataTree tree;
            try {
                tree = DataTree.restore(options, expectedZxid, header.sessions(), nodes,
                        expectedNodes(header.nodeCount(), sizeBytes));
            } catch (ReadFailed e) {
                throw e.rethrow();
            } catch (IllegalArgumentException e) {
                nodes.drain(); // damage to the file itself, found in what follows, says more
                throw new CorruptDataException(file, 0, "nodes do not form a tree: " + e.getMessage());
            }
            nodes.drain(); // the end marker and the checksum are checked after the last node
            if (tree.digest() != header.digest()) {
                throw new CorruptDataException(file, 16, "tree digest " + Long.toHexString(tree.digest())
                        + " differs from the recorded " + Long.toHexString(header.digest()));
            }
            return tree;
        }
    }

    /**
     * The nodes to size the tree for: the count the header gives, but never more than a file of
     * {@code sizeBytes} can hold, so that a damaged count cannot make the restore reserve memory
     * for nodes that are not there (the reader reports the damage).
     */
    static int expectedNodes(long headerNodeCount, long sizeBytes) {
        return (int) Math.max(0, Math.min(headerNodeCount, sizeBytes / SnapshotFormat.NODE_BYTES_MIN));
    }

    /** The nodes as the reader hands them over, to be iterated once. */
    private static final class Nodes implements Iterable<NodeRecord>, Iterator<NodeRecord> {
        private final ReadAhead<Object> readAhead;
        private NodeRecord next;
        private boolean ended;
        private boolean iterated;

        Nodes(ReadAhead<Object> readAhead) {
            this.readAhead = readAhead;
        }

        @Override
        public Iterator<NodeRecord> iterator() {
            if (iterated) {
                throw new IllegalStateException("the nodes of a snapshot being read can be iterated once");
            }
            iterated = true;
            return this;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !ended) {
                try {
                    next = (NodeRecord) readAhead.next();
                } catch (IOException | CorruptDataException e) {
                    ended = true;
                    throw new ReadFailed(e);
                }
                ended = next == null;
            }
            return next != null;
        }

        @Override
        public NodeRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            NodeRecord node = next;
            next = null;
            return node;
        }

        /** Reads what is left, up to and through the snapshot's checks. */
        void drain() throws IOException, CorruptDataException {
            try {
                while (hasNext()) {
                    next();
                }
            } catch (ReadFailed e) {
                throw e.rethrow();
            }
        }
    }

    /** Carries the reader's failure through {@link DataTree#restore}, which takes an iterator. */
    private static final class ReadFailed extends RuntimeException {
        ReadFailed(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }

        IOException rethrow() throws CorruptDataException {
            if (getCause() instanceof CorruptDataException corrupt) {
                throw corrupt;
            }
            return (IOException) getCause();
        }
    }
}
