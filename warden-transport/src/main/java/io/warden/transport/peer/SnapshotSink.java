package io.warden.transport.peer;

import java.io.IOException;

import io.warden.zab.SnapshotImage;

/**
 * Where a snapshot a leader streams to this server goes while its chunks arrive: a daemon writes
 * it to a file, so that no snapshot is ever held whole in memory. Called on a Netty thread, one
 * upload at a time per connection.
 */
public interface SnapshotSink {
    /**
     * Starts taking {@code sizeBytes} bytes of the snapshot at {@code zxid} from server {@code from},
     * sent on the consensus link {@code link} (whose follower should hear that it is arriving, see
     * {@code ZabInput.SnapshotArriving}).
     *
     * @throws IOException when there is nowhere to put it; the connection is then closed
     */
    Upload begin(long from, long link, long zxid, long sizeBytes) throws IOException;

    /** One snapshot arriving. */
    interface Upload {
        void write(byte[] bytes, int offset, int length) throws IOException;

        /** Every announced byte arrived: the image to hand to the consensus core. */
        SnapshotImage finish() throws IOException;

        /** The connection closed before the end: forget what arrived. Never throws. */
        void abandon();
    }

    /** Holds each snapshot in one array; only for snapshots up to {@code bytesMax}. */
    static SnapshotSink inMemory(int bytesMax) {
        return (from, link, zxid, sizeBytes) -> {
            if (sizeBytes > bytesMax) {
                throw new IOException("a snapshot of " + sizeBytes + " bytes does not fit in memory (at most "
                        + bytesMax + ")");
            }
            byte[] bytes = new byte[(int) sizeBytes];
            return new Upload() {
                private int filled;

                @Override
                public void write(byte[] source, int offset, int length) {
                    System.arraycopy(source, offset, bytes, filled, length);
                    filled += length;
                }

                @Override
                public SnapshotImage finish() {
                    return SnapshotImage.of(bytes);
                }

                @Override
                public void abandon() {
                    // the array goes with the upload
                }
            };
        };
    }
}
