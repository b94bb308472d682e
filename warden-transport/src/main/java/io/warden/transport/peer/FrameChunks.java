package io.warden.transport.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * A long frame handed to the socket in slices of {@link #CHUNK_BYTES} as the connection takes
 * them, so that a snapshot is never copied whole into a direct buffer, nor holds up the event
 * loop while it is.
 */
final class FrameChunks extends HeapChunks {
    /** Frames up to this long are written as they are; longer ones in slices this long. */
    static final int CHUNK_BYTES = 64 * 1024;

    private final byte[] frame;
    private int offset;

    FrameChunks(byte[] frame) {
        this.frame = frame;
    }

    @Override
    public boolean isEndOfInput() {
        return offset >= frame.length;
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) {
        if (isEndOfInput()) {
            return null;
        }
        int length = Math.min(CHUNK_BYTES, frame.length - offset);
        ByteBuf chunk = Unpooled.wrappedBuffer(frame, offset, length);
        offset += length;
        return chunk;
    }

    @Override
    public long length() {
        return frame.length;
    }

    @Override
    public long progress() {
        return offset;
    }
}
