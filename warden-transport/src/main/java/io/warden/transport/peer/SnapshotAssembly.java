package io.warden.transport.peer;

import java.io.IOException;

import io.warden.zab.PeerMessage;
import io.warden.zab.SnapshotImage;

/**
 * One snapshot arriving on one connection: its header said how many bytes follow, its chunks go
 * to the {@link SnapshotSink} as they come, and once the last byte is there it becomes the
 * {@link PeerMessage.Snap} the consensus core reads. A chunk past the announced size is refused.
 */
final class SnapshotAssembly {
    private final PeerCodec.SnapshotStart start;
    private final SnapshotSink.Upload upload;
    private long remainingBytes;

    private SnapshotAssembly(PeerCodec.SnapshotStart start, SnapshotSink.Upload upload) {
        this.start = start;
        this.upload = upload;
        this.remainingBytes = start.sizeBytes();
    }

    static SnapshotAssembly begin(long from, PeerCodec.SnapshotStart start, SnapshotSink sink) throws IOException {
        return new SnapshotAssembly(start, sink.begin(from, start.link(), start.zxid(), start.sizeBytes()));
    }

    boolean isComplete() {
        return remainingBytes == 0;
    }

    /** Takes a chunk frame's body (its tag first). */
    void take(byte[] chunkBody) throws IOException, PeerFormatException {
        int length = chunkBody.length - 1;
        if (length > remainingBytes) {
            throw new PeerFormatException("a snapshot chunk of " + length + " bytes when only " + remainingBytes
                    + " of the announced " + start.sizeBytes() + " remain");
        }
        upload.write(chunkBody, 1, length);
        remainingBytes -= length;
    }

    /** The whole snapshot, once {@link #isComplete()}. */
    PeerMessage.Snap finish() throws IOException {
        SnapshotImage image = upload.finish();
        return new PeerMessage.Snap(start.link(), start.seq(), start.zxid(), image);
    }

    void abandon() {
        upload.abandon();
    }
}
