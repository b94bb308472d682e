package io.warden.daemon.admin;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import io.warden.daemon.console.WebConsole;

/**
 * One AdminServer connection's requests: routes each to the command list, a command or 404;
 * checks method and authentication; hands commands to the driver and answers when it replies or
 * the wait ends. One request at a time per connection: reading stops until the answer is written.
 * Nothing here reads a forwarded-for header or any header but {@code Authorization}.
 */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHttpHandler.class);
    /** Longest command name echoed back in an error. */
    static final int ECHOED_NAME_CHARS_MAX = 100;

    private final String commandUrl;
    private final AdminLimits limits;
    private final Semaphore callsInFlight;
    private final Consumer<Object> toDriver;
    private final ObjectWriter json;
    /** The web console, or null when this AdminServer serves none. */
    private final WebConsole console;
    private final SnapshotCommand snapshot;
    /** The ensemble commands' view of the configured members. */
    private final EnsembleCommands ensemble;

    AdminHttpHandler(String commandUrl, AdminLimits limits, Semaphore callsInFlight, Consumer<Object> toDriver,
            ObjectWriter json, EnsembleCommands ensemble, WebConsole console, SnapshotCommand snapshot) {
        this.ensemble = ensemble;
        this.console = console;
        this.snapshot = snapshot;
        this.commandUrl = commandUrl;
        this.limits = limits;
        this.callsInFlight = callsInFlight;
        this.toDriver = toDriver;
        this.json = json;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException
                            ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST;
            sendText(ctx, status, status.reasonPhrase() + "\n", false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        if (console != null && WebConsole.handles(path)) {
            ConsoleHttp.serve(console, ctx, request);
            return;
        }
        if (path.equals(commandUrl) || path.equals(commandUrl + "/")) {
            if (method.equals(HttpMethod.GET)) {
                sendText(ctx, HttpResponseStatus.OK, AdminCommands.listing(commandUrl), keepAlive);
            } else {
                sendText(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed\n", keepAlive);
            }
            return;
        }
        if (!path.startsWith(commandUrl + "/")) {
            sendText(ctx, HttpResponseStatus.NOT_FOUND, "Not Found\n", keepAlive);
            return;
        }
        String name = path.substring(commandUrl.length() + 1);
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.POST)) {
            sendText(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed\n", keepAlive);
            return;
        }
        String primary = AdminCommands.primaryName(name);
        if (primary == null) {
            String echoed = name.length() > ECHOED_NAME_CHARS_MAX ? name.substring(0, ECHOED_NAME_CHARS_MAX) : name;
            sendJson(ctx, AdminAnswer.error(AdminAnswer.OK, echoed, "Unknown command: " + echoed), keepAlive);
            return;
        }
        if (primary.equals(SnapshotCommand.NAME)) {
            ctx.channel().config().setAutoRead(false);
            snapshot.handle(ctx, request, name, keepAlive);
            return;
        }
        if (primary.equals(RestoreUploadHandler.NAME)) {
            // every POST to restore is taken by RestoreUploadHandler; ZooKeeper 3.9.3 checks the
            // header first, then fails GET with a 500
            AdminAnswer refusal = AdminAuth.refusal(request.headers().get(HttpHeaderNames.AUTHORIZATION),
                    ctx.channel().remoteAddress(), name);
            sendJson(ctx, refusal != null ? refusal
                    : AdminAnswer.error(405, primary, "Command does not accept " + method + ": " + primary), keepAlive);
            return;
        }
        if (method.equals(HttpMethod.POST)) {
            // ZooKeeper 3.9.3 fails with a 500 on POST to a GET-only command; Warden says why.
            sendJson(ctx, AdminAnswer.error(405, primary, "Command does not accept POST: " + primary), keepAlive);
            return;
        }
        dispatch(ctx, primary, keepAlive);
    }

    private void dispatch(ChannelHandlerContext ctx, String primary, boolean keepAlive) {
        if (!callsInFlight.tryAcquire()) {
            sendJson(ctx, AdminAnswer.error(503, primary, "too many commands are waiting for the server; try again"),
                    keepAlive);
            return;
        }
        AdminCall call = new AdminCall(primary, ensemble, callsInFlight::release);
        ctx.channel().config().setAutoRead(false);
        try {
            toDriver.accept(call);
        } catch (RuntimeException e) {
            callsInFlight.release();
            throw e;
        }
        call.future().orTimeout(limits.answerTimeoutMs(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .whenCompleteAsync((answer, error) -> {
                    if (error != null) {
                        LOG.warn("admin command {} got no answer: {}", primary, error.toString());
                        sendJson(ctx, AdminAnswer.error(503, primary, "the server did not answer in time"), keepAlive);
                    } else {
                        sendJson(ctx, answer, keepAlive);
                    }
                }, ctx.executor());
    }

    private void sendJson(ChannelHandlerContext ctx, AdminAnswer answer, boolean keepAlive) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer of " + answer.body().get("command"), e);
        }
        AdminReplies.send(ctx, HttpResponseStatus.valueOf(answer.status()), body, HttpHeaderValues.APPLICATION_JSON,
                Map.of(), keepAlive);
    }

    private static void sendText(ChannelHandlerContext ctx, HttpResponseStatus status, String text, boolean keepAlive) {
        AdminReplies.send(ctx, status, text.getBytes(StandardCharsets.UTF_8), "text/html;charset=utf-8", Map.of(),
                keepAlive);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("admin connection {} closed after an error", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
