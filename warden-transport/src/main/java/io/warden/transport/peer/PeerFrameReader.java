package io.warden.transport.peer;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.warden.zab.PeerMessage;

/**
 * Reads one accepted connection: first the dialler's {@link Hello}, then frames of a 4-byte length
 * and a body, each decoded with {@link PeerCodec} and passed on as {@link Received}. The
 * connection, and nothing else, is closed (and the reason logged) when the hello is bad or has
 * not arrived within {@code handshakeTimeoutMs}, when a length is below 1 or above
 * {@code frameBytesMax}, when a body does not decode, or when a message came to the wrong port.
 * A body is read straight into an array of its announced length, never into a growing buffer.
 * A snapshot arrives as a header frame and chunk frames ({@link SnapshotStream}), which go to the
 * {@link SnapshotSink} as they come ({@link SnapshotAssembly}); nothing else may come between
 * them, and a connection that closes in the middle abandons what arrived.
 */
final class PeerFrameReader extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PeerFrameReader.class);

    private final PortKind kind;
    private final long myId;
    private final Set<Long> memberIds;
    private final PeerLimits limits;
    private final InboundChannels inbound;
    private final SnapshotSink snapshots;
    private SnapshotAssembly snapshot;
    /** The hello, then each frame's length, as their bytes arrive. */
    private final byte[] head = new byte[Hello.BYTES];
    private int headFilled;
    private boolean helloDone;
    private long peerId;
    private byte[] body;
    private int bodyFilled;
    private boolean failed;
    private ScheduledFuture<?> handshakeDeadline;

    PeerFrameReader(PortKind kind, long myId, Set<Long> memberIds, PeerLimits limits, InboundChannels inbound,
            SnapshotSink snapshots) {
        this.kind = kind;
        this.myId = myId;
        this.memberIds = memberIds;
        this.limits = limits;
        this.inbound = inbound;
        this.snapshots = snapshots;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshakeDeadline = ctx.executor().schedule(() -> {
            if (!helloDone && !failed) {
                reject(ctx, "no hello within " + limits.handshakeTimeoutMs() + " ms");
            }
        }, limits.handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(message);
            return;
        }
        try {
            while (bytes.isReadable() && !failed && ctx.channel().isOpen()) {
                if (!helloDone) {
                    if (fillHead(bytes, Hello.BYTES)) {
                        readHello(ctx);
                    }
                } else if (body == null) {
                    if (fillHead(bytes, PeerCodec.FRAME_HEADER_BYTES)) {
                        startBody(ctx);
                    }
                } else {
                    int count = Math.min(bytes.readableBytes(), body.length - bodyFilled);
                    bytes.readBytes(body, bodyFilled, count);
                    bodyFilled += count;
                    if (bodyFilled == body.length) {
                        byte[] whole = body;
                        body = null;
                        deliver(ctx, whole);
                    }
                }
            }
        } finally {
            bytes.release();
        }
    }

    /** Reads into {@link #head} until it holds {@code length} bytes; true once it does (and it is reset). */
    private boolean fillHead(ByteBuf bytes, int length) {
        int count = Math.min(bytes.readableBytes(), length - headFilled);
        bytes.readBytes(head, headFilled, count);
        headFilled += count;
        if (headFilled < length) {
            return false;
        }
        headFilled = 0;
        return true;
    }

    private void readHello(ChannelHandlerContext ctx) {
        int magic = intAt(0);
        int version = intAt(4);
        long id = ((long) intAt(8) << 32) | (intAt(12) & 0xFFFF_FFFFL);
        String problem = Hello.problem(magic, version, id, myId, memberIds);
        if (problem != null) {
            reject(ctx, "a bad hello: " + problem);
            return;
        }
        helloDone = true;
        peerId = id;
        cancelDeadline();
        inbound.helloAccepted(id, ctx.channel());
    }

    private void startBody(ChannelHandlerContext ctx) {
        int length = intAt(0);
        if (length < 1 || length > limits.frameBytesMax()) {
            reject(ctx, "a frame of " + length + " bytes (from 1 to frameBytesMax " + limits.frameBytesMax() + ")");
            return;
        }
        body = new byte[length];
        bodyFilled = 0;
    }

    private void deliver(ChannelHandlerContext ctx, byte[] frameBody) {
        if (PeerCodec.isSnapshotFrame(frameBody) || snapshot != null) {
            assemble(ctx, frameBody);
            return;
        }
        PeerMessage message;
        try {
            message = PeerCodec.decode(frameBody);
        } catch (PeerFormatException e) {
            reject(ctx, "a frame that does not decode: " + e.getMessage());
            return;
        }
        if (PortKind.of(message) != kind) {
            reject(ctx, "a " + message.getClass().getSimpleName() + ", which belongs on the " + PortKind.of(message)
                    + " port");
            return;
        }
        ctx.fireChannelRead(new Received(peerId, message));
    }

    private void assemble(ChannelHandlerContext ctx, byte[] frameBody) {
        try {
            if (kind != PortKind.QUORUM) {
                reject(ctx, "a snapshot, which belongs on the " + PortKind.QUORUM + " port");
            } else if (frameBody[0] == PeerCodec.TAG_SNAP) {
                if (snapshot != null) {
                    reject(ctx, "a snapshot header inside another snapshot");
                    return;
                }
                PeerCodec.SnapshotStart start = PeerCodec.decodeSnapshotStart(frameBody);
                if (start.sizeBytes() > limits.snapshotBytesMax()) {
                    reject(ctx, "a snapshot of " + start.sizeBytes() + " bytes (snapshotBytesMax "
                            + limits.snapshotBytesMax() + ")");
                    return;
                }
                snapshot = SnapshotAssembly.begin(peerId, start, snapshots);
                deliverIfComplete(ctx);
            } else if (frameBody[0] == PeerCodec.TAG_SNAP_CHUNK) {
                if (snapshot == null) {
                    reject(ctx, "a snapshot chunk without a snapshot header");
                    return;
                }
                snapshot.take(frameBody);
                deliverIfComplete(ctx);
            } else {
                reject(ctx, "a message before the snapshot it interrupts was complete");
            }
        } catch (PeerFormatException e) {
            reject(ctx, "a snapshot frame that does not decode: " + e.getMessage());
        } catch (IOException e) {
            reject(ctx, "a snapshot that could not be kept: " + e);
        }
    }

    private void deliverIfComplete(ChannelHandlerContext ctx) throws IOException {
        if (snapshot.isComplete()) {
            SnapshotAssembly complete = snapshot;
            snapshot = null;
            ctx.fireChannelRead(new Received(peerId, complete.finish()));
        }
    }

    private void abandonSnapshot() {
        if (snapshot != null) {
            snapshot.abandon();
            snapshot = null;
        }
    }

    private int intAt(int offset) {
        return ((head[offset] & 0xFF) << 24) | ((head[offset + 1] & 0xFF) << 16) | ((head[offset + 2] & 0xFF) << 8)
                | (head[offset + 3] & 0xFF);
    }

    private void reject(ChannelHandlerContext ctx, String why) {
        failed = true;
        body = null;
        abandonSnapshot();
        cancelDeadline();
        LOG.warn("closing the {} connection from {}: {}", kind, who(ctx), why);
        ctx.close();
    }

    private String who(ChannelHandlerContext ctx) {
        return helloDone ? "server " + peerId + " (" + ctx.channel().remoteAddress() + ")"
                : String.valueOf(ctx.channel().remoteAddress());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        body = null;
        abandonSnapshot();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    private void cancelDeadline() {
        if (handshakeDeadline != null) {
            handshakeDeadline.cancel(false);
            handshakeDeadline = null;
        }
    }
}
