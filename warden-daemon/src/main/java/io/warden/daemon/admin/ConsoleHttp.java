package io.warden.daemon.admin;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

import io.warden.daemon.console.ConsoleRequest;
import io.warden.daemon.console.ConsoleResponse;
import io.warden.daemon.console.WebConsole;

/**
 * The glue between the AdminServer's Netty handler and the console: a Netty request becomes a
 * {@link ConsoleRequest} (copied, so the handler may release its buffer), and the console's answer
 * is written once it is ready, on the connection's event loop. The connection reads nothing more
 * until the answer is written, as for the AdminServer's commands.
 */
final class ConsoleHttp {
    private ConsoleHttp() {
    }

    /** Answers the request with the console; call on the connection's event loop. */
    static void serve(WebConsole console, ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = request.method().equals(HttpMethod.HEAD);
        ConsoleRequest consoleRequest = request(request, ctx.channel().remoteAddress());
        ctx.channel().config().setAutoRead(false);
        console.respond(consoleRequest, ctx.executor()).whenCompleteAsync((response, error) -> send(ctx,
                error == null ? response : ConsoleResponse.text(500, "the console failed to answer\n"), keepAlive,
                head), ctx.executor());
    }

    static ConsoleRequest request(FullHttpRequest request, SocketAddress remote) {
        QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        Map<String, String> query = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : decoder.parameters().entrySet()) {
            if (!entry.getValue().isEmpty()) {
                query.put(entry.getKey(), entry.getValue().get(0));
            }
        }
        String remoteAddress = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : "unknown";
        return new ConsoleRequest(request.method().name(), decoder.path(), query,
                request.headers().get(HttpHeaderNames.AUTHORIZATION),
                request.headers().get(HttpHeaderNames.CONTENT_TYPE), request.headers().get(WebConsole.CSRF_HEADER),
                request.headers().get(HttpHeaderNames.ORIGIN), request.headers().get(HttpHeaderNames.HOST),
                ByteBufUtil.getBytes(request.content()), remoteAddress);
    }

    private static void send(ChannelHandlerContext ctx, ConsoleResponse answer, boolean keepAlive, boolean head) {
        AdminReplies.send(ctx, HttpResponseStatus.valueOf(answer.status()), answer.body(), !head, answer.contentType(),
                answer.headers(), keepAlive);
    }
}
