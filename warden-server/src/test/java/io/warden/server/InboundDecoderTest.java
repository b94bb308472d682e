package io.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.warden.wire.ErrorCode;
import io.warden.wire.Frames;
import io.warden.wire.JuteOutput;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.RequestHeader;
import io.warden.wire.proto.CheckVersionRequest;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.EmptyBody;
import io.warden.wire.proto.GetDataRequest;
import org.junit.jupiter.api.Test;

/** Turning a client's frames into core inputs (§1, §4.1, §8). */
class InboundDecoderTest {
    private static final long CONN = 9;

    private static int asInt(String word) {
        return ByteBuffer.wrap(word.getBytes(StandardCharsets.US_ASCII)).getInt();
    }

    private static byte[] payload(RequestHeader header, Record body) {
        JuteOutput out = new JuteOutput(64);
        header.writeTo(out);
        if (body != null) {
            body.writeTo(out);
        }
        return out.toByteArray();
    }

    @Test
    void everyCommandWordIsRecognised() {
        for (String word : FourLetterWords.COMMANDS) {
            assertThat(InboundDecoder.fourLetterWord(asInt(word))).isEqualTo(word);
            assertThat(asInt(word)).as("%s read as a length is over jute.maxbuffer", word)
                    .isGreaterThan(Frames.JUTE_MAXBUFFER_DEFAULT);
        }
    }

    @Test
    void ordinaryLengthsAndUnknownWordsAreNotCommands() {
        assertThat(InboundDecoder.fourLetterWord(45)).isNull();
        assertThat(InboundDecoder.fourLetterWord(44)).isNull();
        assertThat(InboundDecoder.fourLetterWord(0)).isNull();
        assertThat(InboundDecoder.fourLetterWord(asInt("RUOK"))).isNull();
        assertThat(InboundDecoder.fourLetterWord(asInt("abcd"))).isNull();
        assertThat(InboundDecoder.fourLetterWord(0xFFF4FFFD)).isNull();
    }

    @Test
    void handshakeDecodesWithAndWithoutTheReadOnlyByte() {
        ConnectRequest request = new ConnectRequest(0, 3, 30000, 0, new byte[16], false, false);
        assertThat(InboundDecoder.decodeHandshake(CONN, request.toBytes()))
                .isEqualTo(new ServerInput.ConnectReceived(CONN, request));
        byte[] old = Arrays.copyOf(request.toBytes(), 44);
        ServerInput.ConnectReceived decoded = (ServerInput.ConnectReceived) InboundDecoder.decodeHandshake(CONN, old);
        assertThat(decoded.request().oldClient()).isTrue();
        assertThat(decoded.request().timeOut()).isEqualTo(30000);
    }

    @Test
    void truncatedHandshakeIsNull() {
        assertThat(InboundDecoder.decodeHandshake(CONN, new byte[10])).isNull();
    }

    @Test
    void aTransferLeadershipDecodesAndOneWhoseBodyIsShortClosesItsConnection() {
        RequestHeader header = new RequestHeader(5, OpCode.WARDEN_TRANSFER_LEADERSHIP);
        byte[] whole = payload(header, new io.warden.wire.proto.TransferLeadershipRequest(2));
        assertThat(InboundDecoder.decodeRequest(CONN, whole)).isEqualTo(new ServerInput.RequestReceived(CONN, header,
                new io.warden.wire.proto.TransferLeadershipRequest(2)));
        for (int cut = 1; cut <= 8; cut++) {
            byte[] shortBody = java.util.Arrays.copyOf(whole, whole.length - cut);
            assertThat(InboundDecoder.decodeRequest(CONN, shortBody)).as("%d bytes missing", cut).isNull();
        }
    }

    @Test
    void validRequestDecodesToItsRecord() {
        GetDataRequest body = new GetDataRequest("/a", true);
        assertThat(InboundDecoder.decodeRequest(CONN, payload(new RequestHeader(4, OpCode.GET_DATA), body)))
                .isEqualTo(new ServerInput.RequestReceived(CONN, new RequestHeader(4, OpCode.GET_DATA), body));
    }

    @Test
    void headerOnlyRequestsDecodeWithAnEmptyBody() {
        assertThat(InboundDecoder.decodeRequest(CONN, payload(new RequestHeader(-2, OpCode.PING), null)))
                .isEqualTo(new ServerInput.RequestReceived(CONN, new RequestHeader(-2, OpCode.PING),
                        EmptyBody.INSTANCE));
    }

    @Test
    void unknownOpCodeIsUnimplemented() {
        for (int opCode : new int[] {999, 10, 0, -1, 23, 108}) {
            RequestHeader header = new RequestHeader(5, opCode);
            assertThat(InboundDecoder.decodeRequest(CONN, payload(header, new GetDataRequest("/a", false))))
                    .as("opcode %d", opCode)
                    .isEqualTo(new ServerInput.BadRequest(CONN, header, ErrorCode.UNIMPLEMENTED));
        }
    }

    @Test
    void createSessionAfterTheHandshakeIsPassedOnForTheCoreToRefuse() {
        RequestHeader header = new RequestHeader(5, OpCode.CREATE_SESSION);
        assertThat(InboundDecoder.decodeRequest(CONN, payload(header, null)))
                .isEqualTo(new ServerInput.RequestReceived(CONN, header, EmptyBody.INSTANCE));
    }

    @Test
    void checkOutsideMultiIsUnimplemented() {
        RequestHeader header = new RequestHeader(5, OpCode.CHECK);
        assertThat(InboundDecoder.decodeRequest(CONN, payload(header, new CheckVersionRequest("/a", 1))))
                .isEqualTo(new ServerInput.BadRequest(CONN, header, ErrorCode.UNIMPLEMENTED));
    }

    @Test
    void truncatedBodyIsMarshallingError() {
        RequestHeader header = new RequestHeader(6, OpCode.CREATE);
        byte[] full = payload(header, new CreateRequest("/abc", new byte[] {1, 2}, io.warden.wire.Acl.OPEN_ACL_UNSAFE, 0));
        for (int cut = 8; cut < full.length; cut += 3) {
            assertThat(InboundDecoder.decodeRequest(CONN, Arrays.copyOf(full, cut))).as("cut at %d", cut)
                    .isEqualTo(new ServerInput.BadRequest(CONN, header, ErrorCode.MARSHALLINGERROR));
        }
    }

    @Test
    void truncatedHeaderIsNull() {
        byte[] header = payload(new RequestHeader(6, OpCode.GET_DATA), null);
        for (int cut = 0; cut < header.length; cut++) {
            assertThat(InboundDecoder.decodeRequest(CONN, Arrays.copyOf(header, cut))).as("cut at %d", cut).isNull();
        }
    }
}
