package io.warden.daemon;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.common.Zxid;
import io.warden.server.replication.StateTransfer;
import io.warden.storage.CorruptDataException;
import io.warden.storage.FileStore;
import io.warden.storage.SnapshotBytes;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.zab.SnapshotImage;

/**
 * A whole tree as it travels from a leader to a follower too far behind for a difference: the
 * leader's newest snapshot file, streamed as it is (nothing is encoded for the follower), and on
 * the follower the file it was received into ({@link SnapshotStaging}), read back as a stream.
 */
final class SnapshotTransfer implements StateTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTransfer.class);

    private final FileStore snapshots;
    private final TreeOptions options;
    private final int fieldBytesMax;

    SnapshotTransfer(FileStore snapshots, TreeOptions options, int fieldBytesMax) {
        this.snapshots = snapshots;
        this.options = options;
        this.fieldBytesMax = fieldBytesMax;
    }

    /**
     * The snapshot file at {@code zxid}; the empty tree at zxid 0, which no file holds; or null when
     * the file is not there (an installed snapshot not yet renamed into place by the disk thread):
     * the snapshot is then not sent, the follower sees a gap and asks again.
     */
    @Override
    public SnapshotImage snapshotAt(long zxid) {
        try {
            SnapshotImage file = SnapshotBytes.fileAt(snapshots, zxid);
            if (file != null) {
                return file;
            }
        } catch (IOException e) {
            LOG.warn("cannot read the snapshot directory for the snapshot at {}: {}", Zxid.toHex(zxid), e.toString());
            return null;
        }
        if (zxid == 0) {
            return SnapshotImage.of(SnapshotBytes.encode(new DataTree(options)));
        }
        LOG.warn("no snapshot file at {} to send yet; the follower will be synchronised again", Zxid.toHex(zxid));
        return null;
    }

    @Override
    public DataTree restore(long zxid, SnapshotImage image) {
        try {
            return SnapshotBytes.decode(image, zxid, options, fieldBytesMax);
        } catch (CorruptDataException | IOException e) {
            throw new IllegalStateException("the leader's snapshot at " + Zxid.toHex(zxid) + " does not read back: "
                    + e.getMessage(), e);
        }
    }
}
