package io.warden.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.warden.server.ServerOutput;
import io.warden.wire.Frames;

import java.nio.charset.StandardCharsets;

/** Encodes the driver's outputs for one connection on the connection's own event loop. */
final class OutputEncoder extends MessageToByteEncoder<ServerOutput> {
    OutputEncoder() {
        super(ServerOutput.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ServerOutput output, ByteBuf out) {
        if (output instanceof ServerOutput.SendReply reply) {
            out.writeBytes(Frames.reply(reply.header(), reply.body()));
        } else if (output instanceof ServerOutput.SendNotification notification) {
            out.writeBytes(Frames.notification(notification.zxid(), notification.event()));
        } else if (output instanceof ServerOutput.SendConnectResponse connect) {
            out.writeBytes(Frames.connectResponse(connect.response()));
        } else if (output instanceof ServerOutput.SendText text) {
            out.writeBytes(text.text().getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalArgumentException("no encoding for " + output);
        }
    }
}
