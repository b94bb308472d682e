package io.warden.daemon.admin;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection that sends nothing for the idle timeout, or that takes longer than the
 * request timeout from the first byte of a request to its end (a client trickling bytes to hold a
 * connection). The clock starts at the {@link #start} handler, before the HTTP decoder, and stops
 * at the {@link #stop} handler, after it.
 */
final class RequestDeadline {
    private final long requestTimeoutMs;
    private ScheduledFuture<?> deadline;

    RequestDeadline(long requestTimeoutMs) {
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /** Goes before the HTTP decoder: starts the clock on the first bytes of a request; closes idle connections. */
    ChannelHandler start() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf bytes && bytes.isReadable() && deadline == null) {
                    deadline = ctx.executor().schedule(() -> {
                        ctx.close();
                    }, requestTimeoutMs, TimeUnit.MILLISECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof IdleStateEvent) {
                    ctx.close();
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

    /** Goes after the HTTP decoder: stops the clock when a whole request has arrived. */
    ChannelHandler stop() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof LastHttpContent && deadline != null) {
                    deadline.cancel(false);
                    deadline = null;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }
}
