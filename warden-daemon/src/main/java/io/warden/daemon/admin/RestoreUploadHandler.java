package io.warden.daemon.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectWriter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

import io.warden.storage.CorruptDataException;
import io.warden.storage.FileStore;
import io.warden.storage.UploadedSnapshot;
import io.warden.wire.Id;

/**
 * ZooKeeper 3.9's {@code restore} ({@code rest}) command: POST with a snapshot as the body. It
 * sits before the request aggregator, which bounds ordinary bodies to a few KiB, and takes over
 * every restore request, in steps, each bounded:
 * <ol>
 * <li>the {@code Authorization} header (401 without one, or one that proves no identity);</li>
 * <li>the driver authorizes the identities (ALL on the root node, 403) and passes the gate
 *     (restore only on a standalone server, enabled, rate limit: 503, 429), before any of the body
 *     is taken;</li>
 * <li>the body goes straight to a temporary file in the snapshot directory, never whole into
 *     memory, bounded by {@code warden.admin.restore.maxBytes} (413); a temporary file a crash
 *     leaves behind is removed at the next start, as every temporary file;</li>
 * <li>a worker thread reads and checks the file whole ({@link UploadedSnapshot#check}: frame,
 *     checksum, every field, that the nodes form a tree with the recorded digest; 500 naming the
 *     damage, and nothing changed);</li>
 * <li>the driver makes it the server's state ({@link RestoreInstall}) and the answer is
 *     ZooKeeper's {@code {"last_zxid": <zxid>, "command": "restore", "error": null}}.</li>
 * </ol>
 * A restore answer always closes the connection: whatever of the body was not read stays unread.
 */
final class RestoreUploadHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreUploadHandler.class);
    static final String NAME = "restore";
    /** In the names of uploads, so that two never share a file. */
    private static final AtomicLong UPLOADS = new AtomicLong();
    /** Recovery removes files with this suffix from the snapshot directory (they are unfinished writes). */
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private enum Phase { IDLE, ADMITTING, RECEIVING, CHECKING, DONE }

    private final String commandUrl;
    private final AdminStorage storage;
    private final StateCommandSettings settings;
    private final StateCommandGate gate;
    private final Semaphore callsInFlight;
    private final Consumer<Object> toDriver;
    private final Executor checker;
    private final ObjectWriter json;
    private Phase phase = Phase.IDLE;
    /** Body bytes that arrived while the driver decided, in order. */
    private final List<HttpContent> early = new ArrayList<>();
    private boolean expectsContinue;
    private String uploadName;
    private FileStore.AppendFile upload;
    private long receivedBytes;

    RestoreUploadHandler(String commandUrl, AdminStorage storage, StateCommandSettings settings, OncePerInterval rate,
            Semaphore callsInFlight, Consumer<Object> toDriver, Executor checker, ObjectWriter json) {
        this.commandUrl = commandUrl;
        this.storage = storage;
        this.settings = settings;
        String unavailable = storage == null ? "restore is not available on this server"
                : storage.standalone() ? null : "restore is not available on an ensemble member: restoring one"
                        + " member would make its state differ from the others'; restore a standalone server";
        this.gate = new StateCommandGate(NAME, settings.restoreEnabled(), unavailable, rate);
        this.callsInFlight = callsInFlight;
        this.toDriver = toDriver;
        this.checker = checker;
        this.json = json;
    }

    /** The name a restore request asks for ({@code restore} or {@code rest}), or null for any other request. */
    private String restoreName(HttpRequest request) {
        if (!request.method().equals(HttpMethod.POST) || request.decoderResult().isFailure()) {
            return null;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        for (String name : new String[] {"restore", "rest"}) {
            if (path.equals(commandUrl + "/" + name)) {
                return name;
            }
        }
        return null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (phase == Phase.IDLE) {
            String name = msg instanceof HttpRequest request ? restoreName(request) : null;
            if (name != null) {
                ReferenceCountUtil.release(msg);
                begin(ctx, (HttpRequest) msg, name);
            } else {
                ctx.fireChannelRead(msg);
            }
            return;
        }
        if (!(msg instanceof HttpContent content)) {
            ReferenceCountUtil.release(msg); // a request pipelined after a restore: the connection closes
            return;
        }
        switch (phase) {
            case ADMITTING -> early.add(content);
            case RECEIVING -> {
                try {
                    receive(ctx, content);
                } finally {
                    content.release();
                }
            }
            case CHECKING, DONE -> content.release();
            default -> throw new IllegalStateException("content in phase " + phase);
        }
    }

    /** {@code asRequested}: the name in the URL, which authentication errors echo, as ZooKeeper's do. */
    private void begin(ChannelHandlerContext ctx, HttpRequest request, String asRequested) {
        phase = Phase.DONE;
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null) {
            reply(ctx, AdminAnswer.error(401, asRequested, AdminAuth.MISSING));
            return;
        }
        List<Id> identities = AdminAuth.identities(header, ctx.channel().remoteAddress());
        if (identities == null) {
            reply(ctx, AdminAnswer.error(401, asRequested, AdminAuth.NOT_AUTHENTICATED));
            return;
        }
        if (HttpUtil.getContentLength(request, -1L) > settings.restoreBytesMax()) {
            reply(ctx, tooLarge());
            return;
        }
        if (!callsInFlight.tryAcquire()) {
            reply(ctx, AdminAnswer.error(503, NAME, "too many commands are waiting for the server; try again"));
            return;
        }
        phase = Phase.ADMITTING;
        expectsContinue = HttpUtil.is100ContinueExpected(request);
        ctx.channel().config().setAutoRead(false);
        RestoreCall call = new RestoreCall(asRequested, identities, gate);
        try {
            toDriver.accept(call);
        } catch (RuntimeException e) {
            callsInFlight.release();
            throw e;
        }
        call.decided().orTimeout(settings.waitMs(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((refusal, error) -> {
                    callsInFlight.release();
                    admitted(ctx, refusal, error);
                }, ctx.executor());
    }

    private void admitted(ChannelHandlerContext ctx, AdminAnswer refusal, Throwable error) {
        if (error != null || refusal != null) {
            reply(ctx, refusal != null ? refusal : AdminAnswer.error(503, NAME, "the server did not answer in time"));
            return;
        }
        if (!ctx.channel().isActive()) {
            finish(Phase.DONE);
            return;
        }
        try {
            uploadName = "restore-upload-" + UPLOADS.incrementAndGet() + TEMPORARY_SUFFIX;
            upload = storage.snapshots().create(uploadName);
        } catch (IOException e) {
            reply(ctx, AdminAnswer.error(500, NAME, "cannot store the uploaded snapshot: " + e.getMessage()));
            return;
        }
        phase = Phase.RECEIVING;
        RequestDeadline deadline = ctx.channel().attr(RequestDeadline.KEY).get();
        if (deadline != null) {
            deadline.endRequestDeadline(); // the body is bounded by its size and the idle timeout
        }
        List<HttpContent> arrived = new ArrayList<>(early);
        early.clear();
        for (HttpContent content : arrived) {
            try {
                if (phase == Phase.RECEIVING) {
                    receive(ctx, content);
                }
            } finally {
                content.release();
            }
        }
        if (phase == Phase.RECEIVING) {
            if (expectsContinue) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
            }
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void receive(ChannelHandlerContext ctx, HttpContent content) {
        ByteBuf bytes = content.content();
        receivedBytes += bytes.readableBytes();
        if (receivedBytes > settings.restoreBytesMax()) {
            reply(ctx, tooLarge());
            return;
        }
        try {
            byte[] chunk = new byte[bytes.readableBytes()];
            bytes.getBytes(bytes.readerIndex(), chunk);
            upload.write(chunk, 0, chunk.length);
            if (content instanceof LastHttpContent) {
                upload.close();
                upload = null;
                check(ctx);
            }
        } catch (IOException e) {
            reply(ctx, AdminAnswer.error(500, NAME, "cannot store the uploaded snapshot: " + e.getMessage()));
        }
    }

    private AdminAnswer tooLarge() {
        return AdminAnswer.error(413, NAME, "the snapshot is larger than warden.admin.restore.maxBytes ("
                + settings.restoreBytesMax() + " bytes)");
    }

    /** The whole body is on disk: checked on the worker, then installed by the driver. */
    private void check(ChannelHandlerContext ctx) {
        phase = Phase.CHECKING;
        ctx.channel().config().setAutoRead(false);
        RequestDeadline deadline = ctx.channel().attr(RequestDeadline.KEY).get();
        if (deadline != null) {
            deadline.holdOpen(true);
        }
        String name = uploadName;
        checker.execute(() -> {
            UploadedSnapshot snapshot;
            try {
                snapshot = UploadedSnapshot.check(storage.snapshots(), name, storage.treeOptions(),
                        storage.fieldBytesMax());
            } catch (CorruptDataException e) {
                answerLater(ctx, AdminAnswer.error(500, NAME, "not a usable Warden snapshot, nothing restored: "
                        + e.getMessage()));
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("checking an uploaded snapshot failed", e);
                answerLater(ctx, AdminAnswer.error(500, NAME, "the snapshot could not be read, nothing restored: "
                        + e.getMessage()));
                return;
            } finally {
                deleteUpload(name);
            }
            install(ctx, snapshot);
        });
    }

    private void install(ChannelHandlerContext ctx, UploadedSnapshot snapshot) {
        if (!callsInFlight.tryAcquire()) {
            answerLater(ctx, AdminAnswer.error(503, NAME, "too many commands are waiting for the server; try again"));
            return;
        }
        RestoreInstall install = new RestoreInstall(snapshot);
        try {
            toDriver.accept(install);
        } catch (RuntimeException e) {
            callsInFlight.release();
            answerLater(ctx, AdminAnswer.error(500, NAME, "the server did not take the snapshot: " + e.getMessage()));
            return;
        }
        install.answer().orTimeout(settings.waitMs(), TimeUnit.MILLISECONDS).whenCompleteAsync((answer, error) -> {
            callsInFlight.release();
            reply(ctx, answer != null ? answer
                    : AdminAnswer.error(503, NAME, "the server did not finish the restore in time"));
        }, ctx.executor());
    }

    private void answerLater(ChannelHandlerContext ctx, AdminAnswer answer) {
        ctx.executor().execute(() -> reply(ctx, answer));
    }

    /** Answers and closes the connection; drops whatever of the upload there is. */
    private void reply(ChannelHandlerContext ctx, AdminAnswer answer) {
        finish(Phase.DONE);
        if (ctx.channel().isActive()) {
            AdminReplies.json(ctx, json, answer, Map.of(), false);
        }
    }

    private void finish(Phase next) {
        phase = next;
        for (HttpContent content : early) {
            content.release();
        }
        early.clear();
        if (upload != null) {
            try {
                upload.close();
            } catch (IOException e) {
                LOG.debug("closing an abandoned upload failed", e);
            }
            upload = null;
            deleteUpload(uploadName);
        }
    }

    private void deleteUpload(String name) {
        try {
            storage.snapshots().delete(name);
        } catch (IOException e) {
            LOG.warn("cannot delete the uploaded snapshot {}; the next start removes it", name, e);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (phase != Phase.CHECKING) {
            finish(Phase.DONE);
        }
        ctx.fireChannelInactive();
    }
}
