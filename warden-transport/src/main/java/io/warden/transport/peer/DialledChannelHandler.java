package io.warden.transport.peer;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The inbound side of a dialled connection, which only ever writes: the acceptor never sends
 * anything back, so bytes from it mean it is not a Warden peer (or a broken one), and the
 * connection is closed. Reading stays on so that the acceptor's close is seen at once.
 */
@ChannelHandler.Sharable
final class DialledChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(DialledChannelHandler.class);

    private final long peerId;
    private final PortKind kind;

    DialledChannelHandler(long peerId, PortKind kind) {
        this.peerId = peerId;
        this.kind = kind;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ReferenceCountUtil.release(message);
        LOG.warn("server {} wrote to the {} connection this server dialled ({}), which peers never do; closing it",
                peerId, kind, ctx.channel().remoteAddress());
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("closing the {} connection to server {} after an I/O error", kind, peerId, cause);
        } else {
            LOG.warn("closing the {} connection to server {} after an unexpected error", kind, peerId, cause);
        }
        ctx.close();
    }
}
