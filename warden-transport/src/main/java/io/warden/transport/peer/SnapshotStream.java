package io.warden.transport.peer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.warden.zab.PeerMessage;

/**
 * A {@link PeerMessage.Snap} as it goes on the wire: its header frame (link, number, zxid and the
 * image's size), then the image in chunk frames of at most {@link #chunkBytes} bytes, each read
 * from the image only when the connection takes more, so that a snapshot of any size costs one
 * chunk of memory. Messages sent after it wait behind it, in order.
 */
final class SnapshotStream implements ChunkedInput<ByteBuf> {
    /** The most image bytes in one chunk frame (the frame adds its length and a tag). */
    static final int CHUNK_BYTES_DEFAULT = 256 * 1024;

    private final byte[] header;
    private final PeerMessage.Snap snap;
    private final int chunkBytes;
    private InputStream image;
    private boolean headerSent;
    private long sentBytes;

    SnapshotStream(PeerMessage.Snap snap, int chunkBytes) {
        this.snap = snap;
        this.header = PeerCodec.encodeFrame(snap);
        this.chunkBytes = chunkBytes;
    }

    /** The bytes of the header frame, which {@code outboundBytesMax} counts (the chunks are read as they go). */
    int headerBytes() {
        return header.length;
    }

    @Override
    public boolean isEndOfInput() {
        return headerSent && sentBytes >= snap.state().sizeBytes();
    }

    @Override
    public void close() throws IOException {
        if (image != null) {
            image.close();
            image = null;
        }
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
        if (!headerSent) {
            headerSent = true;
            return Unpooled.wrappedBuffer(header);
        }
        if (isEndOfInput()) {
            return null;
        }
        if (image == null) {
            image = snap.state().open();
        }
        int length = (int) Math.min(chunkBytes, snap.state().sizeBytes() - sentBytes);
        byte[] frame = new byte[PeerCodec.FRAME_HEADER_BYTES + 1 + length];
        PeerOutput out = PeerOutput.into(frame, 0);
        out.writeInt(1 + length);
        out.writeByte(PeerCodec.TAG_SNAP_CHUNK);
        int offset = PeerCodec.FRAME_HEADER_BYTES + 1;
        int read = image.readNBytes(frame, offset, length);
        if (read < length) {
            throw new EOFException("the snapshot image at zxid " + Long.toHexString(snap.zxid()) + " ended after "
                    + (sentBytes + read) + " of its " + snap.state().sizeBytes() + " bytes");
        }
        sentBytes += length;
        return Unpooled.wrappedBuffer(frame);
    }

    @Override
    public long length() {
        return header.length + snap.state().sizeBytes();
    }

    @Override
    public long progress() {
        return (headerSent ? header.length : 0) + sentBytes;
    }
}
