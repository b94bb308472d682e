package io.warden.wire.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.wire.Acl;
import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import io.warden.wire.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multi bodies that must not decode: wrong sub-op types, mixed kinds, bad creates, truncation. */
class MultiMalformedTest {
    private static final MultiHeader END = new MultiHeader(-1, true, -1);
    private static final int[] NEVER_IN_A_MULTI = {0, 3, 6, 7, 9, 10, 11, 12, 14, 16, 17, 18, 20, 22, 100, 101, 102,
        103, 104, 105, 106, 107, -1, -10, -11, 23, 99, Integer.MIN_VALUE, Integer.MAX_VALUE};

    private static byte[] body(Record... records) {
        JuteOutput out = new JuteOutput(64);
        for (Record record : records) {
            record.writeTo(out);
        }
        return out.toByteArray();
    }

    private static MultiHeader op(int type) {
        return new MultiHeader(type, false, -1);
    }

    private static void assertRejected(byte[] bytes, boolean readOnly) {
        assertThatThrownBy(() -> MultiRequest.read(new JuteInput(bytes), readOnly))
                .isInstanceOf(WireFormatException.class);
    }

    @Test
    void typesNoMultiCarriesAreRejected() {
        for (int type : NEVER_IN_A_MULTI) {
            byte[] bytes = body(op(type), new GetDataRequest("/a", false), END);
            assertRejected(bytes, false);
            assertRejected(bytes, true);
        }
    }

    @Test
    void readsAreRejectedInMultiAndWritesInMultiRead() {
        for (int type : new int[] {OpCode.GET_DATA, OpCode.GET_CHILDREN}) {
            assertRejected(body(op(type), new GetDataRequest("/a", false), END), false);
        }
        assertRejected(body(op(OpCode.CREATE), new CreateRequest("/a", null, Acl.OPEN_ACL_UNSAFE, 0), END), true);
        assertRejected(body(op(OpCode.CREATE_TTL), new CreateTtlRequest("/a", null, List.of(), 5, 10), END), true);
        assertRejected(body(op(OpCode.DELETE), new DeleteRequest("/a", -1), END), true);
        assertRejected(body(op(OpCode.SET_DATA), new SetDataRequest("/a", null, -1), END), true);
        assertRejected(body(op(OpCode.CHECK), new CheckVersionRequest("/a", -1), END), true);
    }

    @Test
    void mixingReadsAndWritesIsRejected() {
        byte[] writeThenRead = body(op(OpCode.DELETE), new DeleteRequest("/a", -1),
                op(OpCode.GET_DATA), new GetDataRequest("/a", false), END);
        byte[] readThenWrite = body(op(OpCode.GET_CHILDREN), new GetChildrenRequest("/a", false),
                op(OpCode.CHECK), new CheckVersionRequest("/a", -1), END);
        for (byte[] mixed : List.of(writeThenRead, readThenWrite)) {
            assertRejected(mixed, false);
            assertRejected(mixed, true);
        }
    }

    @Test
    void createWithFlagsOutsideCreateModeIsRejectedLikeZooKeeper() {
        for (int type : new int[] {OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER}) {
            for (int flags : new int[] {7, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
                assertRejected(body(op(type), new CreateRequest("/a", null, Acl.OPEN_ACL_UNSAFE, flags), END), false);
            }
        }
    }

    @Test
    void aNullAclIsLeftToTheServer() throws Exception {
        CreateRequest withoutAcl = new CreateRequest("/a", null, null, 0);
        MultiRequest read = MultiRequest.read(new JuteInput(body(op(OpCode.CREATE), withoutAcl, END)), false);
        assertThat(read.ops()).containsExactly(new MultiRequest.Op(OpCode.CREATE, withoutAcl));
    }

    @Test
    void createTtlFlagsAreLeftToTheServer() throws Exception {
        CreateTtlRequest odd = new CreateTtlRequest("/a", null, null, 7, -1);
        MultiRequest read = MultiRequest.read(new JuteInput(body(op(OpCode.CREATE_TTL), odd, END)), false);
        assertThat(read.ops()).containsExactly(new MultiRequest.Op(OpCode.CREATE_TTL, odd));
    }

    @Test
    void everyTruncationIsRejected() {
        Seeds.repeat("truncated multi", 200, g -> {
            boolean readOnly = g.bool();
            byte[] bytes = MultiSamples.request(g, readOnly).toBytes();
            for (int length = 0; length < bytes.length; length++) {
                JuteInput in = new JuteInput(bytes, 0, length);
                assertThatThrownBy(() -> MultiRequest.read(in, readOnly)).as("prefix of %d bytes", length)
                        .isInstanceOf(WireFormatException.class);
            }
            byte[] response = MultiSamples.response(g).toBytes();
            for (int length = 0; length < response.length; length++) {
                JuteInput in = new JuteInput(response, 0, length);
                assertThatThrownBy(() -> MultiResponse.read(in)).as("prefix of %d bytes", length)
                        .isInstanceOf(WireFormatException.class);
            }
        });
    }

    @Test
    void unknownResultTypesAreRejected() {
        for (int type : new int[] {0, 3, 6, 14, 19, 20, 21, 22, 99, -2, Integer.MIN_VALUE}) {
            byte[] bytes = body(new MultiHeader(type, false, 0), new ErrorResponse(0), END);
            assertThatThrownBy(() -> MultiResponse.read(new JuteInput(bytes))).isInstanceOf(WireFormatException.class);
        }
    }

    @Test
    void opCountIsBoundOnlyByTheInput() throws Exception {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            records.add(op(OpCode.CHECK));
            records.add(new CheckVersionRequest("/n" + i, i));
        }
        records.add(END);
        MultiRequest read = MultiRequest.read(new JuteInput(body(records.toArray(Record[]::new))), false);
        assertThat(read.ops()).hasSize(20_000);
    }

    @Test
    void opsMustMatchTheirType() {
        assertThatThrownBy(() -> new MultiRequest.Op(OpCode.DELETE, new CreateRequest("/a", null, null, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultiRequest.Op(OpCode.CREATE_TTL, new CreateRequest("/a", null, null, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultiRequest.Op(OpCode.EXISTS, new ExistsRequest("/a", false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultiRequest.Op(OpCode.CREATE, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultiRequest(List.of(
                new MultiRequest.Op(OpCode.CHECK, new CheckVersionRequest("/a", 1)),
                new MultiRequest.Op(OpCode.GET_DATA, new GetDataRequest("/a", false)))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
