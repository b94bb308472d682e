package io.warden.daemon.admin;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;

/**
 * Closes a connection that sends nothing for the idle timeout, or that takes longer than the
 * request timeout from the first byte of a request to its end (a client trickling bytes to hold a
 * connection). The clock starts at the {@link #start} handler, before the HTTP decoder, and stops
 * at the {@link #stop} handler, after it.
 */
final class RequestDeadline {
    /** Each connection's deadline, for the commands that hold a connection open longer (snapshot, restore). */
    static final AttributeKey<RequestDeadline> KEY = AttributeKey.valueOf("warden.admin.requestDeadline");

    private final long requestTimeoutMs;
    private ScheduledFuture<?> deadline;
    /** While set, neither the request timeout nor the idle timeout closes the connection. */
    private boolean heldOpen;
    /** The request under way has no deadline (an admitted upload); until its end. */
    private boolean waived;

    RequestDeadline(long requestTimeoutMs) {
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /** Goes before the HTTP decoder: starts the clock on the first bytes of a request; closes idle connections. */
    ChannelHandler start() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf bytes && bytes.isReadable() && deadline == null && !waived
                        && !heldOpen) {
                    deadline = ctx.executor().schedule(() -> {
                        ctx.close();
                    }, requestTimeoutMs, TimeUnit.MILLISECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof IdleStateEvent) {
                    if (!heldOpen) {
                        ctx.close();
                    }
                } else {
                    ctx.fireUserEventTriggered(evt);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                if (deadline != null) {
                    deadline.cancel(false);
                }
                ctx.fireChannelInactive();
            }
        };
    }

    /**
     * Holds the connection open while the server works on a long command (a snapshot being written,
     * a restore being checked), or lets the timeouts apply again. Cancels a running request
     * deadline: a large upload is bounded by its size and the idle timeout instead. On the
     * connection's event loop.
     */
    void holdOpen(boolean hold) {
        heldOpen = hold;
        endRequestDeadline();
    }

    /** Stops the request timeout of the request under way (its body is then bounded otherwise). */
    void endRequestDeadline() {
        waived = true;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** Goes after the HTTP decoder: stops the clock when a whole request has arrived. */
    ChannelHandler stop() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof LastHttpContent) {
                    waived = false;
                    if (deadline != null) {
                        deadline.cancel(false);
                        deadline = null;
                    }
                }
                ctx.fireChannelRead(msg);
            }
        };
    }
}
