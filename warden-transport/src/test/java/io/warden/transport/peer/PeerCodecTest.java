package io.warden.transport.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.warden.zab.Entry;
import io.warden.zab.PeerMessage;
import io.warden.zab.ServerState;
import io.warden.zab.SnapshotImage;

/** The binary format of peer messages: every record round-trips, and bad bytes only ever fail cleanly. */
class PeerCodecTest {
    private static final long FUZZ_SEED = 0x5EED_2024_0001L;
    private static final int FUZZ_ROUNDS = 20_000;

    /** At least one of every record, with edge values. */
    static List<PeerMessage> samples() {
        return List.of(
                new PeerMessage.Vote(3, ServerState.LOOKING, 2, 5, 0x5_0000_0007L),
                new PeerMessage.Vote(Long.MAX_VALUE, ServerState.FOLLOWING, 1, 0, 0),
                new PeerMessage.Vote(-1, ServerState.LEADING, Long.MIN_VALUE, -7, -1),
                new PeerMessage.Vote(0, ServerState.OBSERVING, 4, 1, 1),
                new PeerMessage.FollowerInfo(11, 0, 4),
                new PeerMessage.LeaderInfo(11, 0, 5, 12),
                new PeerMessage.AckEpoch(12, 1, 5, 4, 0x4_0000_0010L, true),
                new PeerMessage.AckEpoch(12, 1, 5, 4, 0x4_0000_0010L, false),
                new PeerMessage.Trunc(12, 2, 0x4_0000_0009L),
                new PeerMessage.Snap(12, 3, 0x4_0000_0009L, SnapshotImage.of(new byte[0])),
                new PeerMessage.Snap(12, 3, 0x4_0000_0009L, SnapshotImage.of(new byte[] {1, 2, 3, (byte) 0xFF, 0})),
                new PeerMessage.Proposals(12, 4, List.of()),
                new PeerMessage.Proposals(12, 4, List.of(new Entry(0x5_0000_0001L, new byte[] {9, 8}),
                        new Entry(0x5_0000_0002L, new byte[0]), new Entry(0x5_0000_0003L, new byte[300]))),
                new PeerMessage.Commit(12, 5, 0x5_0000_0003L),
                new PeerMessage.NewLeader(12, 6, 5, 0x5_0000_0003L),
                new PeerMessage.AckNewLeader(12, 2, 0x5_0000_0003L),
                new PeerMessage.UpToDate(12, 7),
                new PeerMessage.Ack(12, 3, 0x5_0000_0003L),
                new PeerMessage.Ping(12, 8),
                new PeerMessage.PingReply(12, 4),
                new PeerMessage.StepDown(12, 9, 2, 5, 0x5_0000_0003L),
                new PeerMessage.Reconnect(Long.MIN_VALUE),
                new PeerMessage.Relay(new byte[0]),
                new PeerMessage.Relay(new byte[] {7, 0, (byte) 0x80, 1}));
    }

    @Test
    void theSamplesCoverEveryRecordOfPeerMessage() {
        Set<Class<?>> records = new HashSet<>();
        Deque<Class<?>> sealed = new ArrayDeque<>(List.of(PeerMessage.class));
        while (!sealed.isEmpty()) {
            for (Class<?> permitted : sealed.pop().getPermittedSubclasses()) {
                if (permitted.isSealed()) {
                    sealed.push(permitted);
                } else {
                    records.add(permitted);
                }
            }
        }
        Set<Class<?>> sampled = new HashSet<>();
        samples().forEach(m -> sampled.add(m.getClass()));
        assertThat(sampled).as("a new PeerMessage record needs a tag, a sample and a test").isEqualTo(records);
    }

    @Test
    void everyRecordRoundTrips() throws PeerFormatException {
        for (PeerMessage message : samples()) {
            byte[] body = PeerCodec.encode(message);
            assertThat(decodeAny(body)).as("%s", message).usingRecursiveComparison().withStrictTypeChecking()
                    .isEqualTo(message instanceof PeerMessage.Snap snap ? new PeerCodec.SnapshotStart(snap.link(),
                            snap.seq(), snap.zxid(), snap.state().sizeBytes()) : message);
            assertThat(PeerCodec.bodyBytes(message)).as("counted size of %s", message).isEqualTo(body.length);
            byte[] frame = PeerCodec.encodeFrame(message);
            assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(body.length);
            assertThat(Arrays.copyOfRange(frame, 4, frame.length)).isEqualTo(body);
        }
    }

    @Test
    void theLayoutIsATagThenTheFieldsBigEndian() {
        byte[] vote = PeerCodec.encode(new PeerMessage.Vote(1, ServerState.LEADING, 2, 3, 0x0102_0304_0506_0708L));
        ByteBuffer expected = ByteBuffer.allocate(1 + 8 + 1 + 8 + 8 + 8).put(PeerCodec.TAG_VOTE).putLong(1)
                .put((byte) 2).putLong(2).putLong(3).putLong(0x0102_0304_0506_0708L);
        assertThat(vote).isEqualTo(expected.array());

        byte[] snap = PeerCodec.encode(new PeerMessage.Snap(7, 8, 9, SnapshotImage.of(new byte[] {42})));
        ByteBuffer expectedSnap = ByteBuffer.allocate(1 + 8 * 4).put(PeerCodec.TAG_SNAP).putLong(7).putLong(8)
                .putLong(9).putLong(1);
        assertThat(snap).as("a snapshot's header: the image follows in chunk frames").isEqualTo(expectedSnap.array());
    }

    @Test
    void everyProperPrefixIsTruncatedAndEveryExtraByteIsTrailing() {
        for (PeerMessage message : samples()) {
            byte[] body = PeerCodec.encode(message);
            String record = message.getClass().getSimpleName();
            for (int length = 0; length < body.length; length++) {
                byte[] prefix = Arrays.copyOf(body, length);
                assertThatThrownBy(() -> decodeAny(prefix)).as("%d of %d bytes of %s", length, body.length,
                        message).isInstanceOf(PeerFormatException.class)
                        .hasMessageContaining(length == 0 ? "empty" : length == 1 ? "truncated" : record + ".");
            }
            byte[] longer = Arrays.copyOf(body, body.length + 1);
            assertThatThrownBy(() -> decodeAny(longer)).isInstanceOf(PeerFormatException.class)
                    .hasMessage(record + ": 1 trailing bytes after the last field");
        }
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> PeerCodec.decode(new byte[] {99})).isInstanceOf(PeerFormatException.class)
                .hasMessage("unknown type tag 99");
        assertThatThrownBy(() -> PeerCodec.decode(new byte[] {0})).hasMessage("unknown type tag 0");
        assertThatThrownBy(() -> PeerCodec.decode(new byte[] {(byte) 0xFF})).hasMessage("unknown type tag 255");

        byte[] vote = PeerCodec.encode(new PeerMessage.Vote(1, ServerState.LOOKING, 2, 3, 4));
        vote[9] = 4;
        assertThatThrownBy(() -> PeerCodec.decode(vote)).isInstanceOf(PeerFormatException.class)
                .hasMessageStartingWith("Vote.state: ordinal 4 is not a server state");
        vote[9] = (byte) 0x80;
        assertThatThrownBy(() -> PeerCodec.decode(vote)).hasMessageStartingWith("Vote.state: ordinal 128");

        byte[] ackEpoch = PeerCodec.encode(new PeerMessage.AckEpoch(1, 2, 3, 4, 5, true));
        ackEpoch[ackEpoch.length - 1] = 2;
        assertThatThrownBy(() -> PeerCodec.decode(ackEpoch)).isInstanceOf(PeerFormatException.class)
                .hasMessage("AckEpoch.promise: boolean byte 2 is neither 0 nor 1");

        byte[] snap = PeerCodec.encode(new PeerMessage.Snap(1, 2, 3, SnapshotImage.of(new byte[4])));
        ByteBuffer.wrap(snap).putLong(25, -1);
        assertThatThrownBy(() -> PeerCodec.decodeSnapshotStart(snap)).hasMessage("Snap.sizeBytes: -1 is negative");
        assertThatThrownBy(() -> PeerCodec.decode(snap)).as("a snapshot is not one message")
                .isInstanceOf(PeerFormatException.class);

        byte[] proposals = PeerCodec.encode(new PeerMessage.Proposals(1, 2, List.of(new Entry(3, new byte[2]))));
        ByteBuffer.wrap(proposals).putInt(17, Integer.MAX_VALUE);
        assertThatThrownBy(() -> PeerCodec.decode(proposals))
                .hasMessageStartingWith("Proposals.entries: " + Integer.MAX_VALUE + " items");
        ByteBuffer.wrap(proposals).putInt(17, Integer.MIN_VALUE);
        assertThatThrownBy(() -> PeerCodec.decode(proposals))
                .hasMessage("Proposals.entries: negative count " + Integer.MIN_VALUE);
        ByteBuffer.wrap(proposals).putInt(17, 1).putInt(29, 3);
        assertThatThrownBy(() -> PeerCodec.decode(proposals))
                .hasMessageStartingWith("Proposals.entries[0].payload: truncated");
    }

    @Test
    void encodingRefusesMissingFields() {
        assertThatThrownBy(() -> PeerCodec.encode(new PeerMessage.Vote(1, null, 2, 3, 4)))
                .isInstanceOf(NullPointerException.class).hasMessage("Vote.state");
        assertThatThrownBy(() -> PeerCodec.encode(new PeerMessage.Snap(1, 2, 3, null)))
                .isInstanceOf(NullPointerException.class).hasMessage("Snap.state");
    }

    /** A body as the frame reader reads it: a snapshot's header, or a message. */
    private static Object decodeAny(byte[] body) throws PeerFormatException {
        return body.length > 0 && body[0] == PeerCodec.TAG_SNAP ? PeerCodec.decodeSnapshotStart(body)
                : PeerCodec.decode(body);
    }

    /**
     * Random bytes and mutations of valid encodings either decode or fail with
     * PeerFormatException; what decodes encodes back to the very same bytes (the format has one
     * encoding per message).
     */
    @Test
    void fuzzedBodiesOnlyDecodeOrFailCleanly() {
        Random random = new Random(FUZZ_SEED);
        List<PeerMessage> samples = samples();
        int decoded = 0;
        for (int round = 0; round < FUZZ_ROUNDS; round++) {
            byte[] input = round % 2 == 0 ? randomBody(random) : mutate(PeerCodec.encode(
                    samples.get(random.nextInt(samples.size()))), random);
            PeerMessage message;
            try {
                message = PeerCodec.decode(input);
            } catch (PeerFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                continue;
            } catch (RuntimeException | Error e) {
                fail("decode threw " + e + " (seed " + FUZZ_SEED + ", round " + round + ", input "
                        + HexFormat.of().formatHex(input) + ")", e);
                return;
            }
            decoded++;
            assertThat(PeerCodec.encode(message)).as("re-encoding (seed %d, round %d, input %s)", FUZZ_SEED, round,
                    HexFormat.of().formatHex(input)).isEqualTo(input);
        }
        assertThat(decoded).as("some fuzzed inputs decode (seed %d)", FUZZ_SEED).isPositive();
    }

    private static byte[] randomBody(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = (byte) (1 + random.nextInt(PeerCodec.TAG_RECONNECT)); // a known tag, to reach the fields
        }
        return bytes;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        switch (random.nextInt(5)) {
            case 0 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 2 -> {
                bytes = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(8));
                bytes[bytes.length - 1] = (byte) random.nextInt(256);
            }
            case 3 -> {
                if (bytes.length >= 5) {
                    int at = random.nextInt(bytes.length - 3);
                    int[] lengths = {-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, random.nextInt()};
                    ByteBuffer.wrap(bytes).putInt(at, lengths[random.nextInt(lengths.length)]);
                }
            }
            default -> {
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    int at = random.nextInt(bytes.length);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
        }
        return bytes;
    }
}
