package io.warden.transport.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.warden.zab.PeerMessage;
import io.warden.zab.SnapshotImage;

/**
 * A snapshot on the wire: a header frame and chunk frames, written lazily by
 * {@link SnapshotStream} and put back together by the frame reader through a
 * {@link SnapshotSink}; and every way a peer can get the chunks wrong closes its connection and
 * abandons what arrived.
 */
class SnapshotStreamingTest {
    private static final long SEED = 0x5AA9_0001L;
    private static final int FRAME_BYTES_MAX = 1_000;
    private static final int CHUNK_BYTES = 300;
    private static final long SNAPSHOT_BYTES_MAX = 10_000;
    private static final PeerLimits LIMITS = PeerLimits.DEFAULTS.withFrameBytesMax(FRAME_BYTES_MAX)
            .withSnapshotBytesMax(SNAPSHOT_BYTES_MAX);

    private final List<Received> received = new ArrayList<>();
    private final RecordingSink sink = new RecordingSink();

    /** Keeps uploads in memory and remembers which were finished and which abandoned. */
    private static final class RecordingSink implements SnapshotSink {
        final List<String> events = new ArrayList<>();

        @Override
        public Upload begin(long from, long link, long zxid, long sizeBytes) {
            events.add("begin " + from + " " + zxid + " " + sizeBytes + (link == 7 ? "" : " on link " + link));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            return new Upload() {
                @Override
                public void write(byte[] source, int offset, int length) {
                    bytes.write(source, offset, length);
                }

                @Override
                public SnapshotImage finish() {
                    events.add("finish " + bytes.size());
                    return SnapshotImage.of(bytes.toByteArray());
                }

                @Override
                public void abandon() {
                    events.add("abandon " + bytes.size());
                }
            };
        }
    }

    private EmbeddedChannel open(PortKind kind) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        InboundChannels inbound = new InboundChannels(kind, id -> { });
        inbound.accepted(channel);
        channel.pipeline().addLast(new PeerFrameReader(kind, 1, Set.of(1L, 2L), LIMITS, inbound, sink),
                new ReceiveHandler(kind, (from, message) -> received.add(new Received(from, message)),
                        new InboundBudget(LIMITS.inboundBytesMax()), false));
        channel.pipeline().fireChannelActive();
        feed(channel, ByteBuffer.allocate(Hello.BYTES).putInt(Hello.MAGIC).putInt(Hello.VERSION).putLong(2).array());
        return channel;
    }

    private static void feed(EmbeddedChannel channel, byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    /** Everything a {@link SnapshotStream} writes for {@code snap}, as the socket would carry it. */
    private static byte[] streamed(PeerMessage.Snap snap) throws Exception {
        SnapshotStream stream = new SnapshotStream(snap, CHUNK_BYTES);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        while (!stream.isEndOfInput()) {
            ByteBuf chunk = stream.readChunk(ByteBufAllocator.DEFAULT);
            byte[] bytes = new byte[chunk.readableBytes()];
            chunk.readBytes(bytes);
            chunk.release();
            wire.write(bytes);
        }
        stream.close();
        assertThat(stream.progress()).isEqualTo(stream.length());
        return wire.toByteArray();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(SEED + length).nextBytes(bytes);
        return bytes;
    }

    /** A chunk frame holding {@code bytes}, as SnapshotStream writes one. */
    private static byte[] chunkFrame(byte[] bytes) {
        return ByteBuffer.allocate(5 + bytes.length).putInt(1 + bytes.length).put(PeerCodec.TAG_SNAP_CHUNK).put(bytes)
                .array();
    }

    private static byte[] header(long sizeBytes) {
        return ByteBuffer.allocate(4 + 33).putInt(33).put(PeerCodec.TAG_SNAP).putLong(7).putLong(3).putLong(0x900)
                .putLong(sizeBytes).array();
    }

    @Test
    void aSnapshotLargerThanAFrameArrivesWholeInChunksAndWhatFollowsItToo() throws Exception {
        for (int size : new int[] {0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 7 * FRAME_BYTES_MAX + 13}) {
            received.clear();
            sink.events.clear();
            byte[] image = randomBytes(size);
            PeerMessage.Snap snap = new PeerMessage.Snap(7, 3, 0x900, SnapshotImage.of(image));
            PeerMessage after = new PeerMessage.Commit(7, 4, 0x900);
            byte[] wire = concat(streamed(snap), PeerCodec.encodeFrame(after));
            EmbeddedChannel channel = open(PortKind.QUORUM);
            for (int at = 0; at < wire.length; at += 97) { // arbitrary TCP segments
                feed(channel, Arrays.copyOfRange(wire, at, Math.min(wire.length, at + 97)));
            }
            assertThat(channel.isOpen()).as("%d bytes", size).isTrue();
            assertThat(received).as("%d bytes", size).hasSize(2);
            PeerMessage.Snap got = (PeerMessage.Snap) received.get(0).message();
            assertThat(got.link()).isEqualTo(7);
            assertThat(got.seq()).isEqualTo(3);
            assertThat(got.zxid()).isEqualTo(0x900);
            assertThat(SnapshotImage.readAll(got.state())).as("%d bytes", size).isEqualTo(image);
            assertThat(received.get(1).message()).isEqualTo(after);
            assertThat(sink.events).containsExactly("begin 2 2304 " + size, "finish " + size);
        }
    }

    @Test
    void chunksOutOfPlaceCloseTheConnectionAndAbandonTheUpload() {
        byte[] four = {1, 2, 3, 4};
        List<byte[]> bad = List.of(
                chunkFrame(four), // a chunk without a header
                concat(header(3), chunkFrame(four)), // more than announced
                concat(header(8), chunkFrame(four), PeerCodec.encodeFrame(new PeerMessage.Ping(7, 4))), // a message inside
                concat(header(8), chunkFrame(four), header(8)), // a header inside
                header(SNAPSHOT_BYTES_MAX + 1), // past snapshotBytesMax
                header(-1)); // a negative size
        for (byte[] wire : bad) {
            EmbeddedChannel channel = open(PortKind.QUORUM);
            feed(channel, wire);
            assertThat(channel.isOpen()).as("after %s", Arrays.toString(wire)).isFalse();
        }
        assertThat(received).isEmpty();
        assertThat(sink.events).as("uploads begun are abandoned, none finished")
                .containsExactly("begin 2 2304 3", "abandon 0", "begin 2 2304 8", "abandon 4", "begin 2 2304 8",
                        "abandon 4");
    }

    @Test
    void aSnapshotOnTheElectionPortClosesTheConnection() {
        EmbeddedChannel channel = open(PortKind.ELECTION);
        feed(channel, header(4));
        assertThat(channel.isOpen()).isFalse();
        assertThat(sink.events).isEmpty();
    }

    @Test
    void aConnectionThatClosesHalfWayAbandonsTheUpload() {
        EmbeddedChannel channel = open(PortKind.QUORUM);
        feed(channel, concat(header(8), chunkFrame(new byte[] {1, 2, 3})));
        channel.close();
        assertThat(sink.events).containsExactly("begin 2 2304 8", "abandon 3");
        assertThat(received).isEmpty();
    }

    @Test
    void anImageShorterThanItsSizeFailsTheStream() throws Exception {
        SnapshotImage liar = new SnapshotImage() {
            @Override
            public long sizeBytes() {
                return 10;
            }

            @Override
            public java.io.InputStream open() {
                return new java.io.ByteArrayInputStream(new byte[4]);
            }
        };
        SnapshotStream stream = new SnapshotStream(new PeerMessage.Snap(1, 2, 3, liar), CHUNK_BYTES);
        stream.readChunk(ByteBufAllocator.DEFAULT).release(); // the header
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stream.readChunk(ByteBufAllocator.DEFAULT))
                .isInstanceOf(IOException.class).hasMessageContaining("ended after 4 of its 10 bytes");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.write(part, 0, part.length);
        }
        return all.toByteArray();
    }
}
