package io.warden.zab;

import java.io.IOException;
import java.io.InputStream;

/**
 * A whole state as a leader sends it to a follower too far behind for a difference, and as the
 * follower installs and restores it. The consensus core never reads it: it carries it from the
 * {@link PeerMessage.Snap} to the host's {@link DiskWrite.InstallSnapshot} and
 * {@link ZabOutput.Restore}. A host keeps it where it suits (in memory, or in a file the peer
 * transport streams from and into), so no whole state ever needs to be one message or one array.
 */
public interface SnapshotImage {
    /** How many bytes {@link #open()} reads. */
    long sizeBytes();

    /** The bytes from the start; the caller closes the stream. */
    InputStream open() throws IOException;

    /** An image held in memory. */
    static SnapshotImage of(byte[] bytes) {
        return new InMemorySnapshot(bytes);
    }

    /** The whole image in one array; for hosts that hold states in memory. */
    static byte[] readAll(SnapshotImage image) {
        if (image instanceof InMemorySnapshot memory) {
            return memory.bytes();
        }
        try (InputStream in = image.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading the snapshot image " + image + " failed", e);
        }
    }
}
