package io.warden.daemon.admin;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Writing the AdminServer's answers (its commands' and the web console's): a whole response with
 * its content type and any extra headers, after which the connection reads again (keep-alive) or
 * is closed.
 */
final class AdminReplies {
    private AdminReplies() {
    }

    static void json(ChannelHandlerContext ctx, ObjectWriter json, AdminAnswer answer, Map<String, String> headers,
            boolean keepAlive) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer of " + answer.body().get("command"), e);
        }
        send(ctx, HttpResponseStatus.valueOf(answer.status()), body, HttpHeaderValues.APPLICATION_JSON, headers,
                keepAlive);
    }

    /** Writes a whole response; its content length is the body's even when {@code body} is not sent (HEAD). */
    static void send(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body, CharSequence contentType,
            Map<String, String> headers, boolean keepAlive) {
        send(ctx, status, body, true, contentType, headers, keepAlive);
    }

    static void send(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body, boolean withBody,
            CharSequence contentType, Map<String, String> headers, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                withBody ? Unpooled.wrappedBuffer(body) : Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.forEach((name, value) -> response.headers().set(name, value));
        HttpUtil.setContentLength(response, body.length);
        HttpUtil.setKeepAlive(response, keepAlive);
        afterWrite(ctx.writeAndFlush(response), keepAlive);
    }

    /** Reads the next request once the answer is written, or closes the connection. */
    static void afterWrite(ChannelFuture written, boolean keepAlive) {
        written.addListener(keepAlive ? (ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                f.channel().config().setAutoRead(true);
            } else {
                f.channel().close();
            }
        } : ChannelFutureListener.CLOSE);
    }
}
