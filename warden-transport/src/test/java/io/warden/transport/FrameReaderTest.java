package io.warden.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Framing and the read gates of one connection, on Netty's embedded channel with frozen time:
 * size bounds, the handshake and frame timeouts, the in-transit bound and the shared budget.
 */
class FrameReaderTest {
    private static final int MAX_FRAME = 1000;
    private static final long HANDSHAKE_TIMEOUT_MS = 5_000;
    private static final long FRAME_TIMEOUT_MS = 7_000;
    private static final TransportLimits LIMITS = new TransportLimits(MAX_FRAME, HANDSHAKE_TIMEOUT_MS,
            FRAME_TIMEOUT_MS, 10, 1 << 20);

    private final List<Object> received = new ArrayList<>();
    private FrameReader reader;

    private EmbeddedChannel open(ReadBudget budget) {
        reader = new FrameReader(LIMITS, budget);
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(reader, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                received.add(msg);
            }
        });
        channel.pipeline().fireChannelActive();
        return channel;
    }

    private EmbeddedChannel open() {
        return open(new ReadBudget(1 << 20));
    }

    private static byte[] frame(int length) {
        return ByteBuffer.allocate(4 + length).putInt(length).array();
    }

    private static void send(EmbeddedChannel channel, byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    private static void advance(EmbeddedChannel channel, long ms) {
        channel.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    private List<FrameReader.Frame> frames() {
        List<FrameReader.Frame> frames = new ArrayList<>();
        for (Object o : received) {
            if (o instanceof FrameReader.Frame f) {
                frames.add(f);
            }
        }
        return frames;
    }

    @Test
    void framesSplitAcrossReadsArriveWhole() {
        EmbeddedChannel channel = open();
        byte[] first = ByteBuffer.allocate(4 + 3).putInt(3).put(new byte[] {1, 2, 3}).array();
        byte[] second = ByteBuffer.allocate(4 + 2).putInt(2).put(new byte[] {4, 5}).array();
        byte[] both = ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
        send(channel, java.util.Arrays.copyOfRange(both, 0, 2));
        send(channel, java.util.Arrays.copyOfRange(both, 2, 9));
        send(channel, java.util.Arrays.copyOfRange(both, 9, both.length));
        assertThat(frames()).extracting(f -> java.util.Arrays.toString(f.payload()))
                .containsExactly("[1, 2, 3]", "[4, 5]");
        assertThat(frames()).extracting(FrameReader.Frame::reserved).containsExactly(7L, 6L);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aFirstFrameLongerThanAHandshakeClosesTheConnection() {
        EmbeddedChannel channel = open();
        send(channel, ByteBuffer.allocate(4).putInt(TransportLimits.HANDSHAKE_FRAME_BYTES_MAX + 1).array());
        assertThat(channel.isOpen()).isFalse();
        assertThat(received).isEmpty();
    }

    @Test
    void framesLongerThanJuteMaxbufferOrNegativeCloseTheConnection() {
        for (int length : new int[] {MAX_FRAME + 1, -1, Integer.MIN_VALUE}) {
            received.clear();
            EmbeddedChannel channel = open();
            send(channel, frame(10));
            assertThat(frames()).hasSize(1);
            send(channel, ByteBuffer.allocate(4).putInt(length).array());
            assertThat(channel.isOpen()).as("length %d", length).isFalse();
        }
    }

    @Test
    void aFourLetterWordIsReadAndNothingAfterIt() {
        EmbeddedChannel channel = open();
        send(channel, "ruokruok".getBytes(StandardCharsets.US_ASCII));
        send(channel, frame(5));
        assertThat(received).containsExactly(new FrameReader.FourLetterWord("ruok"));
        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void aConnectionWithoutAWholeFirstFrameInTimeIsClosed() {
        EmbeddedChannel silent = open();
        advance(silent, HANDSHAKE_TIMEOUT_MS - 1);
        assertThat(silent.isOpen()).isTrue();
        advance(silent, 1);
        assertThat(silent.isOpen()).as("nothing sent").isFalse();

        EmbeddedChannel halfway = open();
        send(halfway, java.util.Arrays.copyOf(frame(40), 20));
        advance(halfway, HANDSHAKE_TIMEOUT_MS);
        assertThat(halfway.isOpen()).as("half a handshake").isFalse();

        EmbeddedChannel polite = open();
        send(polite, frame(40));
        advance(polite, HANDSHAKE_TIMEOUT_MS * 3);
        assertThat(polite.isOpen()).as("a whole handshake, then quiet between frames").isTrue();
    }

    @Test
    void aConnectionStuckInsideAFrameIsClosedEvenWhenTheCorePausedIt() {
        EmbeddedChannel channel = open();
        send(channel, frame(10));
        send(channel, java.util.Arrays.copyOf(frame(500), 100));
        advance(channel, FRAME_TIMEOUT_MS - 1);
        assertThat(channel.isOpen()).isTrue();
        send(channel, new byte[100]);
        advance(channel, 1);
        assertThat(channel.isOpen()).as("the whole frame must come in time, not just some bytes").isFalse();

        received.clear();
        EmbeddedChannel paused = open();
        send(paused, frame(10));
        send(paused, java.util.Arrays.copyOf(frame(500), 100));
        reader.pauseForCore(true);
        paused.runPendingTasks();
        advance(paused, FRAME_TIMEOUT_MS);
        assertThat(paused.isOpen()).as("a paused client may not keep half a frame for ever").isFalse();
    }

    @Test
    void aConnectionHeldBackByTheServerIsNotTimed() {
        EmbeddedChannel channel = open();
        ByteBuffer many = ByteBuffer.allocate(TransportLimits.IN_TRANSIT_FRAMES_MAX * 5 + 104);
        for (int i = 0; i < TransportLimits.IN_TRANSIT_FRAMES_MAX; i++) {
            many.putInt(1).put((byte) i);
        }
        many.put(java.util.Arrays.copyOf(frame(500), 104));
        send(channel, many.array());
        advance(channel, FRAME_TIMEOUT_MS * 3);
        assertThat(channel.isOpen()).as("its frames wait for the driver").isTrue();
        reader.taken(frames().get(0).reserved());
        channel.runPendingTasks();
        advance(channel, FRAME_TIMEOUT_MS);
        assertThat(channel.isOpen()).as("timed again once it is read").isFalse();
    }

    @Test
    void eachFrameHasATimerOfItsOwn() {
        EmbeddedChannel channel = open();
        send(channel, frame(10));
        byte[] stream = new byte[10 * 24];
        ByteBuffer frames = ByteBuffer.wrap(stream);
        for (int i = 0; i < 10; i++) {
            frames.putInt(20).put(new byte[20]);
        }
        for (int i = 0; i < 10; i++) {
            // every read ends inside the next frame
            send(channel, java.util.Arrays.copyOfRange(stream, i * 24 + (i == 0 ? 0 : 12), Math.min(stream.length,
                    (i + 1) * 24 + 12)));
            advance(channel, FRAME_TIMEOUT_MS - 1);
            assertThat(channel.isOpen()).as("after frame %d", i).isTrue();
        }
        assertThat(frames()).hasSize(11);
    }

    @Test
    void nothingIsHandedOnAfterTheConnectionWasClosed() {
        reader = new FrameReader(LIMITS, new ReadBudget(1 << 20));
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(reader, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                received.add(msg);
                ctx.close(); // as the client handler does with a frame that does not decode
            }
        });
        channel.pipeline().fireChannelActive();
        ByteBuffer two = ByteBuffer.allocate(2 * (4 + 3));
        two.putInt(3).put(new byte[3]).putInt(3).put(new byte[3]);
        send(channel, two.array());
        assertThat(received).hasSize(1);
    }

    @Test
    void aConnectionIsNotReadWhileTooManyOfItsFramesWaitForTheDriver() {
        EmbeddedChannel channel = open();
        ByteBuffer many = ByteBuffer.allocate(70 * 5);
        for (int i = 0; i < 70; i++) {
            many.putInt(1).put((byte) i);
        }
        send(channel, many.array());
        assertThat(frames()).hasSize(TransportLimits.IN_TRANSIT_FRAMES_MAX);
        assertThat(channel.config().isAutoRead()).isFalse();
        reader.taken(frames().get(0).reserved());
        channel.runPendingTasks();
        assertThat(frames()).hasSize(TransportLimits.IN_TRANSIT_FRAMES_MAX + 1);
        for (FrameReader.Frame f : new ArrayList<>(frames())) {
            reader.taken(f.reserved());
            channel.runPendingTasks();
        }
        assertThat(frames()).hasSize(70);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aFrameThatDoesNotFitTheBudgetWaitsUntilBytesAreGivenBack() {
        ReadBudget budget = new ReadBudget(100);
        EmbeddedChannel channel = open(budget);
        send(channel, frame(56));
        assertThat(budget.used()).isEqualTo(60);
        send(channel, frame(56));
        assertThat(frames()).as("the second does not fit").hasSize(1);
        assertThat(channel.config().isAutoRead()).isFalse();
        reader.taken(frames().get(0).reserved());
        channel.runPendingTasks();
        assertThat(frames()).hasSize(2);
        assertThat(budget.used()).isEqualTo(60);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aClosedConnectionGivesBackWhatItReserved() {
        ReadBudget budget = new ReadBudget(1 << 20);
        EmbeddedChannel channel = open(budget);
        send(channel, frame(10));
        reader.taken(frames().get(0).reserved());
        send(channel, java.util.Arrays.copyOf(frame(900), 300));
        assertThat(budget.used()).isEqualTo(904);
        channel.close();
        assertThat(budget.used()).isZero();
    }
}
