package io.warden.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.wire.proto.EmptyBody;
import io.warden.wire.testing.Seeds;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestsTest {
    private static final Set<Integer> CLIENT_OPCODES = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 18,
            19, 20, 21, 22, 100, 101, 102, 103, 104, 105, 106, 107, -11, -10);
    private static final int[] NO_BODY = {OpCode.PING, OpCode.CLOSE_SESSION, OpCode.WHO_AM_I, OpCode.CREATE_SESSION};

    @Test
    void clientOpCodesAreThoseOfTheReference() {
        Set<Integer> accepted = IntStream.rangeClosed(-1000, 1000).filter(Requests::isClientOpCode).boxed()
                .collect(Collectors.toSet());
        assertThat(accepted).isEqualTo(CLIENT_OPCODES);
        assertThat(Requests.isClientOpCode(OpCode.WARDEN_TRANSFER_LEADERSHIP)).as("Warden's extension, far from them")
                .isTrue();
        assertThat(Requests.isClientOpCode(Integer.MIN_VALUE)).isFalse();
        assertThat(Requests.isClientOpCode(Integer.MAX_VALUE)).isFalse();
    }

    @Test
    void everyBodyReadsBackAsItsRecord() {
        Seeds.repeat("readBody", 300, g -> {
            for (Map.Entry<Integer, Record> body : RequestSamples.bodies(g).entrySet()) {
                JuteInput in = new JuteInput(body.getValue().toBytes());
                assertThat(Requests.readBody(body.getKey(), in)).as("opcode %d", body.getKey())
                        .isEqualTo(body.getValue());
                assertThat(in.remaining()).isZero();
            }
        });
    }

    @Test
    void everyClientOpCodeHasABodyReader() {
        Set<Integer> withRecords = RequestSamples.bodies(new io.warden.wire.testing.Gen(1)).keySet();
        for (int opCode : java.util.stream.Stream.concat(CLIENT_OPCODES.stream(),
                java.util.stream.Stream.of(OpCode.WARDEN_TRANSFER_LEADERSHIP)).toList()) {
            boolean empty = Arrays.stream(NO_BODY).anyMatch(op -> op == opCode);
            assertThat(empty || withRecords.contains(opCode)).as("opcode %d", opCode).isTrue();
        }
    }

    @Test
    void trailingBytesAreIgnored() {
        Seeds.repeat("trailing bytes", 300, g -> {
            for (Map.Entry<Integer, Record> body : RequestSamples.bodies(g).entrySet()) {
                byte[] bytes = body.getValue().toBytes();
                byte[] padded = Arrays.copyOf(bytes, bytes.length + 1 + g.nextInt(20));
                for (int i = bytes.length; i < padded.length; i++) {
                    padded[i] = (byte) g.nextInt(256);
                }
                assertThat(Requests.readBody(body.getKey(), new JuteInput(padded))).isEqualTo(body.getValue());
            }
        });
    }

    @Test
    void opsWithoutBodyReadAsEmptyBody() throws Exception {
        for (int opCode : NO_BODY) {
            assertThat(Requests.readBody(opCode, new JuteInput(new byte[0]))).isSameAs(EmptyBody.INSTANCE);
            assertThat(Requests.readBody(opCode, new JuteInput(new byte[] {1, 2, 3}))).isSameAs(EmptyBody.INSTANCE);
        }
    }

    @Test
    void opcodesWithoutARequestRecordAreRejected() {
        for (int opCode : new int[] {0, 10, 23, 99, 108, -1, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> Requests.readBody(opCode, new JuteInput(new byte[64])))
                    .isInstanceOf(WireFormatException.class);
        }
    }
}
