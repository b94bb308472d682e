package io.warden.daemon;

import java.io.IOException;
import java.util.List;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.common.Zxid;
import io.warden.storage.FileStore;
import io.warden.storage.ReceivedSnapshot;
import io.warden.transport.peer.SnapshotSink;
import io.warden.zab.DiskWrite;
import io.warden.zab.PeerMessage;
import io.warden.zab.SnapshotImage;
import io.warden.zab.ZabOutput;

/**
 * Where an ensemble member receives a leader's snapshot: straight into a temporary file in its
 * snapshot directory ({@link ReceivedSnapshot}), which becomes its snapshot file when the
 * consensus core installs it. A snapshot the core does not take (it came on a link that ended,
 * or the inbox was full) is deleted at once rather than left until the next restart.
 */
final class SnapshotStaging implements SnapshotSink {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStaging.class);

    /** The consensus core hears that a snapshot is arriving at its start and after each this many bytes. */
    static final long ARRIVING_EVERY_BYTES = 4L << 20;

    private final FileStore snapshots;
    private final BiConsumer<Long, Long> arriving;

    /** @param arriving told {@code (from, link)} as a snapshot's bytes arrive (a Netty thread; must not block) */
    SnapshotStaging(FileStore snapshots, BiConsumer<Long, Long> arriving) {
        this.snapshots = snapshots;
        this.arriving = arriving;
    }

    @Override
    public Upload begin(long from, long link, long zxid, long sizeBytes) throws IOException {
        LOG.info("receiving server {}'s snapshot at {} ({} bytes)", from, Zxid.toHex(zxid), sizeBytes);
        ReceivedSnapshot received = ReceivedSnapshot.begin(snapshots, zxid, sizeBytes);
        arriving.accept(from, link);
        return new Upload() {
            private long sinceToldBytes;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                received.write(bytes, offset, length);
                sinceToldBytes += length;
                if (sinceToldBytes >= ARRIVING_EVERY_BYTES) {
                    sinceToldBytes = 0;
                    arriving.accept(from, link);
                }
            }

            @Override
            public SnapshotImage finish() throws IOException {
                received.finish();
                return received;
            }

            @Override
            public void abandon() {
                LOG.info("the snapshot from server {} at {} was cut off", from, Zxid.toHex(zxid));
                forget(received);
            }
        };
    }

    /** Deletes the file of a received snapshot in {@code message} unless {@code outputs} install it. */
    static void forgetUnlessInstalled(PeerMessage message, List<ZabOutput> outputs) {
        if (!(message instanceof PeerMessage.Snap snap)) {
            return;
        }
        for (ZabOutput output : outputs) {
            if (output instanceof ZabOutput.Persist persist && persist.write() instanceof DiskWrite.InstallSnapshot install
                    && install.state() == snap.state()) {
                return;
            }
        }
        forget(snap.state());
    }

    /** Deletes the file of a received snapshot in {@code message} (which nobody will take). */
    static void forget(PeerMessage message) {
        if (message instanceof PeerMessage.Snap snap) {
            forget(snap.state());
        }
    }

    private static void forget(SnapshotImage image) {
        if (image instanceof ReceivedSnapshot received) {
            try {
                received.discard();
            } catch (IOException e) {
                LOG.warn("cannot delete the unused snapshot {} (the next start will): {}", received, e.toString());
            }
        }
    }
}
