package io.warden.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.ConnectResponse;
import io.warden.wire.proto.GetChildrenResponse;
import io.warden.wire.proto.MultiResponse;
import io.warden.wire.proto.WhoAmIResponse;
import io.warden.wire.testing.Gen;
import io.warden.wire.testing.Hex;
import io.warden.wire.testing.Seeds;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Malformed bodies fail with {@link WireFormatException}, never with another exception, and lying
 * lengths never allocate more than the input holds.
 */
class MalformedInputTest {
    private static final int[] INTERESTING_INTS = {-1, -2, -5, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x7FFFFFF0,
        0x00100000, 0, 1, 255};

    private static void assertRejected(int opCode, String hex) {
        assertThatThrownBy(() -> Requests.readBody(opCode, new JuteInput(Hex.parse(hex))))
                .isInstanceOf(WireFormatException.class);
    }

    @Test
    void everyTruncatedBodyIsRejected() {
        Seeds.repeat("truncated bodies", 200, g -> {
            for (Map.Entry<Integer, Record> body : RequestSamples.bodies(g).entrySet()) {
                byte[] bytes = body.getValue().toBytes();
                for (int length = 0; length < bytes.length; length++) {
                    JuteInput in = new JuteInput(bytes, 0, length);
                    assertThatThrownBy(() -> Requests.readBody(body.getKey(), in))
                            .as("opcode %d, prefix of %d bytes", body.getKey(), length)
                            .isInstanceOf(WireFormatException.class);
                }
            }
        });
    }

    @Test
    void negativeLengthsOtherThanMinusOneAreRejected() {
        // path ustring of length -2
        assertRejected(OpCode.GET_DATA, "fffffffe 00");
        assertRejected(OpCode.SYNC, "80000000");
        // setData: path "/a", data buffer of length -2
        assertRejected(OpCode.SET_DATA, "00000002 2f61 fffffffe ffffffff");
        // create: path "/a", null data, ACL vector of count -2
        assertRejected(OpCode.CREATE, "00000002 2f61 ffffffff fffffffe 00000000");
        // setWatches: zxid, data watches vector of count -2
        assertRejected(OpCode.SET_WATCHES, "0000000000000001 fffffffe ffffffff ffffffff");
        // setWatches: one data watch whose ustring has length -7
        assertRejected(OpCode.SET_WATCHES, "0000000000000001 00000001 fffffff9 ffffffff ffffffff ffffffff");
        // auth: type, scheme "d", auth buffer of length MIN_VALUE
        assertRejected(OpCode.AUTH, "00000000 00000001 64 80000000");
        // deleteContainer: path buffer of length -2, and a null path
        assertRejected(OpCode.DELETE_CONTAINER, "fffffffe");
        assertRejected(OpCode.DELETE_CONTAINER, "ffffffff");
    }

    @Test
    void lengthsBeyondTheInputAreRejectedWithoutAllocating() {
        assertRejected(OpCode.GET_DATA, "7fffffff 00");
        assertRejected(OpCode.SET_DATA, "00000002 2f61 7ffffff0 00000000");
        assertRejected(OpCode.SET_WATCHES, "0000000000000001 7fffffff");
        assertRejected(OpCode.SET_WATCHES, "0000000000000001 000003e8 00000000 00000000 0000");
        assertRejected(OpCode.SET_ACL, "00000002 2f61 7fffffff 00000000");
        assertThatThrownBy(() -> WhoAmIResponse.read(new JuteInput(Hex.parse("7fffffff 00000000"))))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> GetChildrenResponse.read(new JuteInput(Hex.parse("00000005 00000000 00000000"))))
                .isInstanceOf(WireFormatException.class);
    }

    @Test
    void nullVectorsAndBuffersAreAccepted() throws Exception {
        Record read = Requests.readBody(OpCode.SET_WATCHES,
                new JuteInput(Hex.parse("0000000000000001 ffffffff 00000000 ffffffff")));
        assertThat(read).hasToString("SetWatches[relativeZxid=1, dataWatches=null, existWatches=[], childWatches=null]");
    }

    @Test
    void mutatedBodiesFailOnlyWithWireFormatException() {
        Seeds.repeat("mutated bodies", 300, g -> {
            for (Map.Entry<Integer, Record> body : RequestSamples.bodies(g).entrySet()) {
                byte[] mutated = mutate(g, body.getValue().toBytes());
                expectOnlyWireFormatException(() -> Requests.readBody(body.getKey(), new JuteInput(mutated)));
            }
        });
    }

    @Test
    void mutatedResponsesFailOnlyWithWireFormatException() {
        Seeds.repeat("mutated responses", 300, g -> {
            byte[] connect = mutate(g, new ConnectRequest(0, g.anyLong(), g.anyInt(), g.anyLong(), g.bytes(),
                    g.bool(), g.bool()).toBytes());
            expectOnlyWireFormatException(() -> ConnectRequest.read(new JuteInput(connect)));
            byte[] connected = mutate(g, new ConnectResponse(0, g.anyInt(), g.anyLong(), g.bytes(), g.bool(),
                    g.bool()).toBytes());
            expectOnlyWireFormatException(() -> ConnectResponse.read(new JuteInput(connected)));
            byte[] multi = mutate(g, new MultiResponse(java.util.List.of(new MultiResponse.GetDataResult(g.bytes(),
                    g.stat()), new MultiResponse.GetChildrenResult(g.strings()), new MultiResponse.ErrorResult(-101),
                    new MultiResponse.Create2Result(g.string(), g.stat()))).toBytes());
            expectOnlyWireFormatException(() -> MultiResponse.read(new JuteInput(multi)));
        });
    }

    /** Runs a decode; it may succeed or throw WireFormatException, nothing else. */
    private static void expectOnlyWireFormatException(Decode decode) {
        try {
            decode.run();
        } catch (WireFormatException expected) {
            // fine
        } catch (Throwable other) {
            throw new AssertionError("decoding threw " + other, other);
        }
    }

    @FunctionalInterface
    private interface Decode {
        Object run() throws Exception;
    }

    /** One to three random edits: a flipped bit, an int overwritten, a truncation, or inserted bytes. */
    private static byte[] mutate(Gen g, byte[] original) {
        byte[] bytes = original;
        for (int edits = 1 + g.nextInt(3); edits > 0; edits--) {
            switch (g.nextInt(4)) {
                case 0 -> {
                    if (bytes.length > 0) {
                        bytes[g.nextInt(bytes.length)] ^= (byte) (1 << g.nextInt(8));
                    }
                }
                case 1 -> {
                    if (bytes.length >= 4) {
                        int at = g.nextInt(bytes.length - 3);
                        int value = g.bool() ? INTERESTING_INTS[g.nextInt(INTERESTING_INTS.length)] : g.anyInt();
                        for (int i = 0; i < 4; i++) {
                            bytes[at + i] = (byte) (value >>> (24 - 8 * i));
                        }
                    }
                }
                case 2 -> bytes = Arrays.copyOf(bytes, g.nextInt(bytes.length + 1));
                default -> {
                    int at = g.nextInt(bytes.length + 1);
                    byte[] grown = new byte[bytes.length + 1 + g.nextInt(8)];
                    System.arraycopy(bytes, 0, grown, 0, at);
                    System.arraycopy(bytes, at, grown, grown.length - (bytes.length - at), bytes.length - at);
                    for (int i = at; i < at + grown.length - bytes.length; i++) {
                        grown[i] = (byte) g.nextInt(256);
                    }
                    bytes = grown;
                }
            }
        }
        return bytes;
    }
}
