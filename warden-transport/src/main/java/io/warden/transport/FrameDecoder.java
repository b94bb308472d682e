package io.warden.transport;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.warden.server.InboundDecoder;

/**
 * Splits the byte stream into frames of {@code int32 length} + payload, closing the connection on
 * a length outside {@code [0, maxFrameBytes]}. The first four bytes of a connection may instead
 * spell a four-letter word, which is passed on as a {@link FourLetterWord}.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private boolean first = true;

    /** A four-letter word read in place of the first length. */
    record FourLetterWord(String command) {
    }

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 4) {
            int length = in.getInt(in.readerIndex());
            if (first) {
                String command = InboundDecoder.fourLetterWord(length);
                if (command != null) {
                    in.skipBytes(in.readableBytes());
                    first = false;
                    out.add(new FourLetterWord(command));
                    return;
                }
            }
            if (length < 0 || length > maxFrameBytes) {
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            in.skipBytes(4);
            byte[] frame = new byte[length];
            in.readBytes(frame);
            first = false;
            out.add(frame);
        }
    }
}
