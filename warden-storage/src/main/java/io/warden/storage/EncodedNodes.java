package io.warden.storage;

import java.util.List;

import io.warden.tree.SnapshotNodeSink;
import io.warden.wire.Acl;
import io.warden.wire.JuteOutput;

/**
 * A chunk of a snapshot's nodes, encoded as the snapshot file stores them ({@link SnapshotFormat},
 * the same bytes {@link SnapshotEncoder} writes for a {@code NodeRecord}), in one buffer that is
 * reused chunk after chunk: the thread that owns the tree encodes nodes straight from the tree's
 * storage into it, with no object per node, and the snapshot thread writes its bytes
 * ({@link SnapshotWriter#write(EncodedNodes)}). A chunk takes nodes until it holds
 * {@link #BYTES_MAX} (it may pass that by one node); a buffer that one chunk of large nodes made
 * much larger than that is given up when reset.
 */
public final class EncodedNodes implements SnapshotNodeSink {
    /** Bytes after which a chunk takes no more nodes. */
    public static final int BYTES_MAX = 1 << 20;

    private JuteOutput out = newBuffer();
    private int nodes;
    /** The ACL list last encoded and its bytes: nodes mostly share a few lists. */
    private List<Acl> lastAcl;
    private final JuteOutput lastAclBytes = new JuteOutput(64);

    private static JuteOutput newBuffer() {
        return new JuteOutput(BYTES_MAX + (64 << 10));
    }

    @Override
    public boolean hasRoom() {
        return out.size() < BYTES_MAX;
    }

    @Override
    public void node(byte[] path, int pathLength, byte[] data, int dataOffset, int dataLength, List<Acl> acl,
            long czxid, long mzxid, long ctime, long mtime, long pzxid, int version, int aversion, int childCreates,
            long ephemeralOwner) {
        out.writeInt(pathLength);
        out.writeRaw(path, 0, pathLength);
        if (data == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(dataLength);
            out.writeRaw(data, dataOffset, dataLength);
        }
        if (acl != lastAcl || lastAclBytes.size() == 0) { // nothing cached yet (a null list encodes to 4 bytes too)
            lastAclBytes.reset();
            lastAclBytes.writeRecordList(acl);
            lastAcl = acl;
        }
        out.writeRaw(lastAclBytes.array(), 0, lastAclBytes.size());
        out.writeLong(czxid);
        out.writeLong(mzxid);
        out.writeLong(ctime);
        out.writeLong(mtime);
        out.writeLong(pzxid);
        out.writeInt(version);
        out.writeInt(aversion);
        out.writeInt(childCreates);
        out.writeLong(ephemeralOwner);
        nodes++;
    }

    /** The nodes encoded since the last reset. */
    public int nodes() {
        return nodes;
    }

    byte[] bytes() {
        return out.array();
    }

    int size() {
        return out.size();
    }

    /** Empties the chunk for reuse. */
    public void reset() {
        if (out.array().length > 4 * BYTES_MAX) {
            out = newBuffer();
        } else {
            out.reset();
        }
        nodes = 0;
        lastAcl = null;
        lastAclBytes.reset();
    }
}
