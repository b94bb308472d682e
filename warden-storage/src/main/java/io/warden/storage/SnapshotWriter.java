package io.warden.storage;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import io.warden.common.Checks;
import io.warden.tree.NodeRecord;
import io.warden.wire.JuteOutput;

/**
 * Writes one snapshot to a temporary file, then, once complete and synced, renames it into place:
 * a crash at any point leaves either no new snapshot or a whole one.
 */
public final class SnapshotWriter implements AutoCloseable {
    private static final int FLUSH_BYTES = 1 << 20;
    private final FileStore store;
    private final String finalName;
    private final String temporaryName;
    private final FileStore.AppendFile file;
    private final CRC32C crc = new CRC32C();
    private final JuteOutput out = new JuteOutput(FLUSH_BYTES + 64 * 1024);
    private final long nodeCount;
    private long nodesWritten;
    private boolean done;

    public SnapshotWriter(FileStore store, long zxid, long digest, Map<Long, Integer> sessions, long nodeCount)
            throws IOException {
        this.store = store;
        this.finalName = DataFiles.snapshotName(zxid);
        this.temporaryName = finalName + DataFiles.TEMPORARY_SUFFIX;
        this.nodeCount = nodeCount;
        store.delete(temporaryName);
        this.file = store.create(temporaryName);
        out.writeInt(SnapshotFormat.MAGIC);
        out.writeInt(SnapshotFormat.VERSION);
        out.writeLong(zxid);
        out.writeLong(digest);
        out.writeLong(nodeCount);
        out.writeInt(sessions.size());
        for (Map.Entry<Long, Integer> session : new java.util.TreeMap<>(sessions).entrySet()) {
            out.writeLong(session.getKey());
            out.writeInt(session.getValue());
        }
    }

    public void write(List<NodeRecord> records) throws IOException {
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
            if (out.size() >= FLUSH_BYTES) {
                flush();
            }
        }
    }

    private void flush() throws IOException {
        crc.update(out.array(), 0, out.size());
        file.write(out.array(), 0, out.size());
        out.reset();
    }

    /** Finishes the file, syncs it and renames it into place. */
    public String commit() throws IOException {
        Checks.check(nodesWritten == nodeCount, "snapshot has %d of %d nodes", nodesWritten, nodeCount);
        out.writeInt(SnapshotFormat.END_MAGIC);
        flush();
        out.writeLong(crc.getValue());
        file.write(out.array(), 0, out.size());
        out.reset();
        file.force();
        file.close();
        store.rename(temporaryName, finalName);
        store.syncDirectory();
        done = true;
        return finalName;
    }

    /** Abandons an unfinished snapshot, removing its temporary file. */
    @Override
    public void close() throws IOException {
        if (!done) {
            file.close();
            store.delete(temporaryName);
            done = true;
        }
    }
}
