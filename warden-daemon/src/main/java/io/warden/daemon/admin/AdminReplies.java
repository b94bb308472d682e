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
 * Writing the answers of the commands that change state: a JSON answer, with extra headers when
 * there are any, after which the connection reads again (keep-alive) or is closed.
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
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
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
