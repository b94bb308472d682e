package io.warden.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.warden.server.ServerOutput;
import io.warden.wire.Frames;

/**
 * Encodes the driver's outputs for one connection on the connection's own event loop. Each frame
 * is encoded once into a heap array that Netty writes as it is: no copy into a pooled buffer,
 * and what a connection has not taken yet is memory the server's accounting sees.
 */
final class OutputEncoder extends MessageToMessageEncoder<ServerOutput> {
    OutputEncoder() {
        super(ServerOutput.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ServerOutput output, List<Object> out) {
        byte[] frame;
        if (output instanceof ServerOutput.SendReply reply) {
            frame = Frames.reply(reply.header(), reply.body());
        } else if (output instanceof ServerOutput.SendNotification notification) {
            frame = Frames.notification(notification.zxid(), notification.event());
        } else if (output instanceof ServerOutput.SendConnectResponse connect) {
            frame = Frames.connectResponse(connect.response());
        } else if (output instanceof ServerOutput.SendText text) {
            frame = text.text().getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("no encoding for " + output);
        }
        out.add(Unpooled.wrappedBuffer(frame));
    }
}
