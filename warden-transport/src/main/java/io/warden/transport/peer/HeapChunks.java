package io.warden.transport.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;

/** A frame written in chunks from arrays on the heap: nothing to close, no context needed. */
abstract class HeapChunks implements ChunkedInput<ByteBuf> {
    @Override
    public final void close() {
        // nothing is held but arrays
    }

    @Deprecated
    @Override
    public final ByteBuf readChunk(ChannelHandlerContext ctx) {
        return readChunk(ctx.alloc());
    }

    /** The next chunk, or null at the end; never throws (the arrays are in memory). */
    @Override
    public abstract ByteBuf readChunk(ByteBufAllocator allocator);
}
