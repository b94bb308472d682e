package io.warden.daemon.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectWriter;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.stream.ChunkedStream;

import io.warden.storage.DataFiles;
import io.warden.wire.Id;

/**
 * ZooKeeper 3.9's {@code snapshot} ({@code snap}) command: GET, with an {@code Authorization}
 * header whose identities hold ALL on the root node, enabled and not over its rate. The server
 * writes a snapshot now, through its snapshot thread (the driver only reads the tree out in
 * chunks, as for any snapshot), and the answer is that file, streamed from disk in chunks
 * ({@code application/octet-stream}), with ZooKeeper's headers {@code last_zxid} ({@code 0x}
 * and hex) and {@code snapshot_size}. With {@code streaming=false} the answer is the JSON
 * {@code {"command":"snapshot","error":null}} with the same headers (the file stays on the server).
 */
final class SnapshotCommand {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCommand.class);
    static final String NAME = "snapshot";
    /** The bytes read from the file per chunk written to the connection. */
    static final int CHUNK_BYTES = 64 * 1024;
    static final String LAST_ZXID_HEADER = "last_zxid";
    static final String SNAPSHOT_SIZE_HEADER = "snapshot_size";

    private final AdminStorage storage;
    private final StateCommandGate gate;
    private final StateCommandSettings settings;
    private final Semaphore callsInFlight;
    private final Consumer<Object> toDriver;
    private final ObjectWriter json;

    SnapshotCommand(AdminStorage storage, StateCommandSettings settings, OncePerInterval rate,
            Semaphore callsInFlight, Consumer<Object> toDriver, ObjectWriter json) {
        this.storage = storage;
        this.settings = settings;
        this.gate = new StateCommandGate(NAME, settings.snapshotEnabled(),
                storage == null ? "snapshot is not available on this server" : null, rate);
        this.callsInFlight = callsInFlight;
        this.toDriver = toDriver;
        this.json = json;
    }

    /**
     * Answers one snapshot request; reading is off until the answer is written. {@code asRequested}
     * is the name in the URL, which authentication errors echo, as ZooKeeper's do.
     */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String asRequested, boolean keepAlive) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        AdminAnswer refusal = AdminAuth.refusal(header, ctx.channel().remoteAddress(), asRequested);
        if (refusal != null) {
            reply(ctx, refusal, keepAlive);
            return;
        }
        if (!request.method().equals(HttpMethod.GET)) {
            // ZooKeeper 3.9.3 checks the header first, then fails with a 500 (a NullPointerException)
            reply(ctx, AdminAnswer.error(405, NAME, "Command does not accept " + request.method() + ": " + NAME),
                    keepAlive);
            return;
        }
        List<Id> identities = AdminAuth.identities(header, ctx.channel().remoteAddress());
        List<String> streaming = new QueryStringDecoder(request.uri()).parameters().get("streaming");
        boolean stream = streaming == null || streaming.isEmpty() || Boolean.parseBoolean(streaming.get(0));
        if (!callsInFlight.tryAcquire()) {
            reply(ctx, AdminAnswer.error(503, NAME, "too many commands are waiting for the server; try again"),
                    keepAlive);
            return;
        }
        SnapshotCall call = new SnapshotCall(asRequested, identities, gate);
        RequestDeadline deadline = ctx.channel().attr(RequestDeadline.KEY).get();
        if (deadline != null) {
            deadline.holdOpen(true);
        }
        try {
            toDriver.accept(call);
        } catch (RuntimeException e) {
            callsInFlight.release();
            throw e;
        }
        call.outcome().orTimeout(settings.waitMs(), TimeUnit.MILLISECONDS).whenCompleteAsync((outcome, error) -> {
            callsInFlight.release();
            if (deadline != null) {
                deadline.holdOpen(false);
            }
            if (error != null) {
                LOG.warn("the snapshot command got no answer: {}", error.toString());
                reply(ctx, AdminAnswer.error(503, NAME, "the server did not write the snapshot in time"), false);
            } else if (outcome.answer() != null) {
                reply(ctx, outcome.answer(), keepAlive);
            } else {
                send(ctx, outcome.zxid(), stream, keepAlive);
            }
        }, ctx.executor());
    }

    /** Sends the snapshot file at {@code zxid}: streamed, or only its headers with the JSON. */
    private void send(ChannelHandlerContext ctx, long zxid, boolean stream, boolean keepAlive) {
        String name = DataFiles.snapshotName(zxid);
        long size;
        InputStream in;
        try {
            size = storage.snapshots().size(name);
            in = stream ? storage.snapshots().openRead(name) : null;
        } catch (IOException e) {
            LOG.warn("cannot read the snapshot {} just written", storage.snapshots().describe(name), e);
            reply(ctx, AdminAnswer.error(500, NAME, "cannot read the snapshot: " + e.getMessage()), keepAlive);
            return;
        }
        Map<String, String> headers = Map.of(LAST_ZXID_HEADER, "0x" + Long.toHexString(zxid),
                SNAPSHOT_SIZE_HEADER, Long.toString(size));
        if (!stream) {
            AdminReplies.json(ctx, json, AdminAnswer.of(NAME, Map.of()), headers, keepAlive);
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        headers.forEach((key, value) -> head.headers().set(key, value));
        HttpUtil.setContentLength(head, size);
        HttpUtil.setKeepAlive(head, keepAlive);
        ctx.write(head);
        AdminReplies.afterWrite(ctx.writeAndFlush(new HttpChunkedInput(new ChunkedStream(in, CHUNK_BYTES))),
                keepAlive);
    }

    private void reply(ChannelHandlerContext ctx, AdminAnswer answer, boolean keepAlive) {
        AdminReplies.json(ctx, json, answer, Map.of(), keepAlive);
    }
}
