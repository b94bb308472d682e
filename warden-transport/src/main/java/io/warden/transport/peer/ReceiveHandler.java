package io.warden.transport.peer;

import java.io.IOException;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.warden.zab.PeerMessage;

/**
 * Hands the messages of one accepted connection to the network's receiver, on the connection's
 * event loop. For a receiver that says later when it took each message, each counts against the
 * network's {@link InboundBudget} until then (one that takes a message by returning holds
 * nothing). A receiver that throws is logged and the connection closed: its dialler sees the
 * close, dials again, and the consensus core resynchronises over the new connection.
 */
final class ReceiveHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveHandler.class);

    private final PortKind kind;
    private final BiConsumer<Long, PeerMessage> onReceive;
    private final InboundBudget budget;
    private final boolean takenLater;
    private boolean failed;

    /** {@code takenLater}: the receiver tells the network when it took each message, not by returning. */
    ReceiveHandler(PortKind kind, BiConsumer<Long, PeerMessage> onReceive, InboundBudget budget, boolean takenLater) {
        this.kind = kind;
        this.onReceive = onReceive;
        this.budget = budget;
        this.takenLater = takenLater;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        Received received = (Received) message;
        if (failed) {
            return;
        }
        if (takenLater) {
            budget.received(ctx.channel(), received.message()); // the receiver reports it, whatever it does
        }
        try {
            onReceive.accept(received.from(), received.message());
        } catch (RuntimeException e) {
            failed = true;
            LOG.warn("the receiver failed on a message from server {} on the {} port; closing that connection",
                    received.from(), kind, e);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        budget.forget(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed = true;
        if (cause instanceof IOException) {
            LOG.debug("closing the {} connection from {} after an I/O error", kind, ctx.channel().remoteAddress(),
                    cause);
        } else {
            LOG.warn("closing the {} connection from {} after an unexpected error", kind, ctx.channel().remoteAddress(),
                    cause);
        }
        ctx.close();
    }
}
