package io.warden.storage;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

import io.warden.common.Checks;
import io.warden.tree.NodeRecord;
import io.warden.wire.JuteOutput;

/**
 * Produces a snapshot's bytes in {@link SnapshotFormat}, in pieces of about {@code FLUSH_BYTES},
 * to wherever a {@link Sink} puts them: a file ({@link SnapshotWriter}) or memory
 * ({@link SnapshotBytes}), so both write exactly the same bytes.
 */
final class SnapshotEncoder {
    /** How many encoded bytes are collected before they go to the sink. */
    static final int FLUSH_BYTES = 1 << 20;

    /** Where the bytes go, in order. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws IOException;
    }

    private final Sink sink;
    private final CRC32C crc = new CRC32C();
    private final JuteOutput out = new JuteOutput(FLUSH_BYTES + 64 * 1024);
    private final long nodeCount;
    private final long flushBytes;
    private long nodesWritten;

    /** Starts a snapshot: the header and the sessions, in session id order. */
    SnapshotEncoder(Sink sink, long zxid, long digest, Map<Long, Integer> sessions, long nodeCount) {
        this(sink, zxid, digest, sessions, nodeCount, FLUSH_BYTES);
    }

    /** As above, handing the sink the bytes once {@code flushBytes} (at most {@link #FLUSH_BYTES}) are collected. */
    SnapshotEncoder(Sink sink, long zxid, long digest, Map<Long, Integer> sessions, long nodeCount,
            long flushBytes) {
        this.sink = sink;
        this.flushBytes = Math.min(flushBytes, FLUSH_BYTES);
        this.nodeCount = nodeCount;
        out.writeInt(SnapshotFormat.MAGIC);
        out.writeInt(SnapshotFormat.VERSION);
        out.writeLong(zxid);
        out.writeLong(digest);
        out.writeLong(nodeCount);
        out.writeInt(sessions.size());
        for (Map.Entry<Long, Integer> session : new TreeMap<>(sessions).entrySet()) {
            out.writeLong(session.getKey());
            out.writeInt(session.getValue());
        }
    }

    void write(List<NodeRecord> records) throws IOException {
        for (NodeRecord node : records) {
            out.writeString(node.path());
            out.writeBuffer(node.data());
            out.writeRecordList(node.acl());
            out.writeLong(node.czxid());
            out.writeLong(node.mzxid());
            out.writeLong(node.ctime());
            out.writeLong(node.mtime());
            out.writeLong(node.pzxid());
            out.writeInt(node.version());
            out.writeInt(node.aversion());
            out.writeInt(node.childCreates());
            out.writeLong(node.ephemeralOwner());
            nodesWritten++;
            if (out.size() >= flushBytes) {
                flush();
            }
        }
    }

    /**
     * Writes nodes already encoded ({@link EncodedNodes}), after what is collected, handing them to
     * the sink in pieces of at most the flush size, as {@link #write(List)} would.
     */
    void write(EncodedNodes chunk) throws IOException {
        flush();
        byte[] bytes = chunk.bytes();
        for (int at = 0; at < chunk.size(); ) {
            int n = (int) Math.min(flushBytes, chunk.size() - at);
            crc.update(bytes, at, n);
            sink.write(bytes, at, n);
            at += n;
        }
        nodesWritten += chunk.nodes();
    }

    /** Writes the end marker and the checksum; every node announced must have been written. */
    void finish() throws IOException {
        Checks.check(nodesWritten == nodeCount, "snapshot has %d of %d nodes", nodesWritten, nodeCount);
        out.writeInt(SnapshotFormat.END_MAGIC);
        flush();
        out.writeLong(crc.getValue());
        sink.write(out.array(), 0, out.size());
        out.reset();
    }

    private void flush() throws IOException {
        if (out.size() == 0) {
            return;
        }
        crc.update(out.array(), 0, out.size());
        sink.write(out.array(), 0, out.size());
        out.reset();
    }
}
