package io.warden.transport.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.warden.zab.PeerMessage;
import io.warden.zab.ServerState;

/**
 * Reading one accepted connection, on Netty's embedded channel with frozen time: the hello, its
 * deadline, the frame bounds, undecodable bodies, messages on the wrong port, a receiver that
 * throws, and a peer that dials again.
 */
class PeerFrameReaderTest {
    private static final long MY_ID = 1;
    private static final Set<Long> MEMBERS = Set.of(1L, 2L, 3L);
    private static final int FRAME_BYTES_MAX = 1_000;
    private static final long HANDSHAKE_TIMEOUT_MS = 5_000;
    private static final PeerLimits LIMITS = PeerLimits.DEFAULTS.withFrameBytesMax(FRAME_BYTES_MAX)
            .withHandshakeTimeoutMs(HANDSHAKE_TIMEOUT_MS);
    private static final PeerMessage.Ping POISON = new PeerMessage.Ping(-1, 0);

    private final List<Received> received = new ArrayList<>();

    private EmbeddedChannel open(PortKind kind, InboundChannels inbound) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        inbound.accepted(channel);
        channel.pipeline().addLast(new PeerFrameReader(kind, MY_ID, MEMBERS, LIMITS, inbound,
                SnapshotSink.inMemory(FRAME_BYTES_MAX)),
                new ReceiveHandler(kind, (from, message) -> {
                    if (message.equals(POISON)) {
                        throw new IllegalStateException("the receiver fails on this one");
                    }
                    received.add(new Received(from, message));
                }, new InboundBudget(LIMITS.inboundBytesMax()), false));
        channel.pipeline().fireChannelActive();
        return channel;
    }

    private EmbeddedChannel open(PortKind kind) {
        return open(kind, new InboundChannels(kind, id -> { }));
    }

    private static byte[] hello(int magic, int version, long id) {
        return ByteBuffer.allocate(Hello.BYTES).putInt(magic).putInt(version).putLong(id).array();
    }

    private static byte[] hello(long id) {
        return hello(Hello.MAGIC, Hello.VERSION, id);
    }

    private static byte[] lengthOnly(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    private static void feed(EmbeddedChannel channel, byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    @Test
    void aHelloAndFramesArrivingAByteAtATimeAreReadWhole() {
        EmbeddedChannel channel = open(PortKind.QUORUM);
        PeerMessage first = new PeerMessage.Ping(5, 0);
        PeerMessage second = new PeerMessage.Commit(5, 1, 77);
        byte[] bytes = concat(hello(2), PeerCodec.encodeFrame(first), PeerCodec.encodeFrame(second));
        for (byte b : bytes) {
            feed(channel, new byte[] {b});
        }
        assertThat(received).containsExactly(new Received(2, first), new Received(2, second));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aConnectionWithoutAHelloIsClosedAtTheDeadline() {
        EmbeddedChannel channel = open(PortKind.QUORUM);
        feed(channel, new byte[Hello.BYTES - 1]);
        channel.advanceTimeBy(HANDSHAKE_TIMEOUT_MS - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aConnectionThatSaidHelloHasNoDeadline() {
        EmbeddedChannel channel = open(PortKind.ELECTION);
        feed(channel, hello(3));
        channel.advanceTimeBy(10 * HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void badHellosCloseTheConnection() {
        List<byte[]> bad = List.of(hello(0x1234_5678, Hello.VERSION, 2), hello(Hello.MAGIC, Hello.VERSION + 1, 2),
                hello(Hello.MAGIC, 1, 2), // a member from before snapshots were streamed
                hello(MY_ID), hello(99), hello(-2));
        for (byte[] hello : bad) {
            EmbeddedChannel channel = open(PortKind.QUORUM);
            feed(channel, concat(hello, PeerCodec.encodeFrame(new PeerMessage.Ping(1, 0))));
            assertThat(channel.isOpen()).as("after hello %s", HexFormat.of().formatHex(hello)).isFalse();
        }
        assertThat(received).isEmpty();
    }

    @Test
    void frameLengthsOutsideOneToFrameBytesMaxCloseTheConnection() {
        for (int length : new int[] {0, -1, Integer.MIN_VALUE, FRAME_BYTES_MAX + 1, Integer.MAX_VALUE}) {
            EmbeddedChannel channel = open(PortKind.QUORUM);
            feed(channel, concat(hello(2), lengthOnly(length)));
            assertThat(channel.isOpen()).as("after a length of %d", length).isFalse();
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aFrameOfExactlyFrameBytesMaxIsRead() {
        int overhead = PeerCodec.encode(new PeerMessage.Relay(new byte[0])).length;
        PeerMessage.Relay relay = new PeerMessage.Relay(new byte[FRAME_BYTES_MAX - overhead]);
        byte[] frame = PeerCodec.encodeFrame(relay);
        assertThat(frame.length).isEqualTo(4 + FRAME_BYTES_MAX);
        EmbeddedChannel channel = open(PortKind.QUORUM);
        feed(channel, concat(hello(2), frame));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).message()).usingRecursiveComparison().isEqualTo(relay);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aBodyThatDoesNotDecodeClosesTheConnectionAfterTheFramesBeforeIt() {
        EmbeddedChannel channel = open(PortKind.QUORUM);
        PeerMessage good = new PeerMessage.Ack(4, 0, 9);
        byte[] garbage = {0, 0, 0, 3, (byte) 0xEE, 1, 2};
        feed(channel, concat(hello(2), PeerCodec.encodeFrame(good), garbage, PeerCodec.encodeFrame(good)));
        assertThat(received).containsExactly(new Received(2, good));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void messagesOnTheWrongPortCloseTheConnection() {
        EmbeddedChannel quorum = open(PortKind.QUORUM);
        feed(quorum, concat(hello(2), PeerCodec.encodeFrame(new PeerMessage.Vote(1, ServerState.LOOKING, 2, 0, 0))));
        assertThat(quorum.isOpen()).isFalse();
        EmbeddedChannel election = open(PortKind.ELECTION);
        feed(election, concat(hello(2), PeerCodec.encodeFrame(new PeerMessage.Ping(1, 0))));
        assertThat(election.isOpen()).isFalse();
        assertThat(received).isEmpty();
    }

    @Test
    void aReceiverThatThrowsClosesItsConnectionAndGetsNothingMoreFromIt() {
        EmbeddedChannel channel = open(PortKind.QUORUM);
        PeerMessage before = new PeerMessage.Ping(7, 0);
        PeerMessage after = new PeerMessage.Ping(7, 2);
        feed(channel, concat(hello(3), PeerCodec.encodeFrame(before), PeerCodec.encodeFrame(POISON),
                PeerCodec.encodeFrame(after)));
        assertThat(received).containsExactly(new Received(3, before));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aPeerThatDialsAgainLosesItsOlderConnection() {
        InboundChannels inbound = new InboundChannels(PortKind.QUORUM, id -> { });
        EmbeddedChannel older = open(PortKind.QUORUM, inbound);
        EmbeddedChannel other = open(PortKind.QUORUM, inbound);
        feed(older, hello(2));
        feed(other, hello(3));
        EmbeddedChannel newer = open(PortKind.QUORUM, inbound);
        feed(newer, hello(2));
        assertThat(older.isOpen()).isFalse();
        assertThat(newer.isOpen()).isTrue();
        assertThat(other.isOpen()).as("another peer's connection stays").isTrue();
        assertThat(inbound.size()).isEqualTo(2);
    }
}
