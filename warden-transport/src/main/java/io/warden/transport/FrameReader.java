package io.warden.transport;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.warden.server.InboundDecoder;

/**
 * Splits one connection's bytes into frames of {@code int32 length} + payload, or reads the
 * four-letter word its first four bytes may spell, and decides when the connection is read:
 * <ul>
 * <li>a frame longer than {@code jute.maxbuffer} (the first frame, a handshake, also longer than
 * {@link TransportLimits#HANDSHAKE_FRAME_BYTES_MAX}), or negative, closes the connection;</li>
 * <li>a connection whose first frame is not complete {@code handshakeTimeoutMs} after it opened is
 * closed, and so is one that stays inside a frame longer than {@code frameTimeoutMs}: each frame
 * is timed from when the reader first holds part of it, except while the server itself holds the
 * connection back (its frames wait for the driver, or for the budget);</li>
 * <li>each frame reserves its length in the server's {@link ReadBudget} when its header arrives,
 * and the connection is not read while its next frame does not fit;</li>
 * <li>the connection is not read while {@link TransportLimits#IN_TRANSIT_FRAMES_MAX} of its frames
 * wait for the driver, nor while the server core paused it.</li>
 * </ul>
 * Everything but {@link #taken} and {@link #pauseForCore} runs on the connection's event loop.
 */
final class FrameReader extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(FrameReader.class);

    /** A whole frame, and the budget bytes it holds until the driver handled it. */
    record Frame(byte[] payload, long reserved) {
    }

    /** A four-letter word read in place of the first length. */
    record FourLetterWord(String command) {
    }

    private final TransportLimits limits;
    private final ReadBudget budget;
    private final AtomicInteger inTransit = new AtomicInteger();
    private ChannelHandlerContext ctx;
    private ByteBuf buffered;
    private boolean handshakeDone;
    private boolean wordRead;
    private boolean corePaused;
    private boolean waitingForBudget;
    private boolean closed;
    /** Budget bytes reserved for the frame at the head of {@link #buffered}, 0 when none yet. */
    private long reservedForHead;
    private ScheduledFuture<?> handshakeDeadline;
    private ScheduledFuture<?> frameDeadline;

    FrameReader(TransportLimits limits, ReadBudget budget) {
        this.limits = limits;
        this.budget = budget;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        handshakeDeadline = context.executor().schedule(() -> {
            if (!handshakeDone && !closed) {
                close("no handshake within " + limits.handshakeTimeoutMs() + " ms");
            }
        }, limits.handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (!(message instanceof ByteBuf bytes)) {
            context.fireChannelRead(message);
            return;
        }
        if (closed || wordRead) {
            bytes.release();
            return;
        }
        append(bytes);
        decode();
    }

    private void append(ByteBuf bytes) {
        if (buffered == null) {
            buffered = bytes;
        } else if (buffered.isReadOnly() || buffered.refCnt() > 1
                || buffered.maxWritableBytes() < bytes.readableBytes()) {
            ByteBuf merged = ctx.alloc().buffer(buffered.readableBytes() + bytes.readableBytes());
            merged.writeBytes(buffered).writeBytes(bytes);
            buffered.release();
            bytes.release();
            buffered = merged;
        } else {
            buffered.writeBytes(bytes);
            bytes.release();
        }
    }

    /** Hands on every whole frame the gates allow, then decides whether to read more. */
    private void decode() {
        while (!closed && ctx.channel().isOpen() && buffered != null && buffered.readableBytes() >= 4
                && !waitingForBudget && inTransit.get() < TransportLimits.IN_TRANSIT_FRAMES_MAX) {
            int length = buffered.getInt(buffered.readerIndex());
            if (!handshakeDone) {
                String command = InboundDecoder.fourLetterWord(length);
                if (command != null) {
                    handshakeDone = true;
                    wordRead = true;
                    cancel(handshakeDeadline);
                    discardBuffered();
                    ctx.fireChannelRead(new FourLetterWord(command));
                    break;
                }
            }
            int bound = handshakeDone ? limits.maxFrameBytes()
                    : Math.min(limits.maxFrameBytes(), TransportLimits.HANDSHAKE_FRAME_BYTES_MAX);
            if (length < 0 || length > bound) {
                close("a frame of " + length + " bytes (at most " + bound + ")");
                return;
            }
            long frameBytes = 4L + length;
            if (reservedForHead == 0) {
                if (!budget.tryReserve(frameBytes)) {
                    waitingForBudget = true;
                    budget.await(frameBytes, () -> onEventLoop(this::budgetFreed));
                    break;
                }
                reservedForHead = frameBytes;
            }
            if (buffered.readableBytes() < frameBytes) {
                break;
            }
            buffered.skipBytes(4);
            byte[] payload = new byte[length];
            buffered.readBytes(payload);
            long reserved = reservedForHead;
            reservedForHead = 0;
            if (!handshakeDone) {
                handshakeDone = true;
                cancel(handshakeDeadline);
            }
            stopFrameTimer(); // the next frame gets a timer of its own
            inTransit.incrementAndGet();
            ctx.fireChannelRead(new Frame(payload, reserved));
        }
        if (buffered != null && !buffered.isReadable()) {
            discardBuffered();
        } else if (buffered != null) {
            buffered.discardSomeReadBytes();
        }
        updateReading();
    }

    /**
     * Reads while no gate is shut. A frame is timed while part of it is held, unless the server
     * itself holds the connection back; a connection the core paused (the client has too much
     * outstanding, or does not read its replies) is still timed, so that it cannot keep its part
     * of the budget for ever.
     */
    private void updateReading() {
        if (closed) {
            return;
        }
        boolean heldByServer = waitingForBudget || inTransit.get() >= TransportLimits.IN_TRANSIT_FRAMES_MAX;
        boolean read = !corePaused && !heldByServer && !wordRead;
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
        boolean insideFrame = buffered != null && buffered.isReadable();
        if (handshakeDone && insideFrame && !heldByServer) {
            if (frameDeadline == null) {
                frameDeadline = ctx.executor().schedule(() -> {
                    frameDeadline = null;
                    close("a frame not completed within " + limits.frameTimeoutMs() + " ms");
                }, limits.frameTimeoutMs(), TimeUnit.MILLISECONDS);
            }
        } else {
            stopFrameTimer();
        }
    }

    private void stopFrameTimer() {
        if (frameDeadline != null) {
            cancel(frameDeadline);
            frameDeadline = null;
        }
    }

    private void budgetFreed() {
        waitingForBudget = false;
        decode();
    }

    /** The driver handled one of this connection's frames: its bytes go back, and it may be read on. */
    void taken(long reserved) {
        budget.release(reserved);
        if (inTransit.getAndDecrement() == TransportLimits.IN_TRANSIT_FRAMES_MAX) {
            onEventLoop(this::decode);
        }
    }

    /** The server core stops (or resumes) reading this connection. */
    void pauseForCore(boolean paused) {
        onEventLoop(() -> {
            corePaused = paused;
            decode();
        });
    }

    /** Runs on the connection's event loop; nothing to do once the port shut its loops down. */
    private void onEventLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("the client port is shut down; {} is not read any more", ctx.channel().remoteAddress());
        }
    }

    private void close(String why) {
        LOG.debug("closing {}: {}", ctx.channel().remoteAddress(), why);
        release();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        release();
        context.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        release();
    }

    /** Gives back what this connection held: its buffer, its budget bytes, its timers. */
    private void release() {
        if (closed) {
            return;
        }
        closed = true;
        cancel(handshakeDeadline);
        cancel(frameDeadline);
        discardBuffered();
        budget.release(reservedForHead);
        reservedForHead = 0;
    }

    private void discardBuffered() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
