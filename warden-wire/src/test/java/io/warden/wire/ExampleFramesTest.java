package io.warden.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.ConnectResponse;
import io.warden.wire.proto.CreateResponse;
import io.warden.wire.proto.EmptyBody;
import io.warden.wire.proto.ErrorResponse;
import io.warden.wire.proto.WatcherEvent;
import io.warden.wire.testing.Hex;
import org.junit.jupiter.api.Test;

/** The frames of wire-protocol.md §2.3, §3.3 and §10, byte for byte. */
class ExampleFramesTest {
    private static final byte[] ZERO_PASSWD = new byte[16];

    private static void assertFrame(byte[] frame, String hex) {
        assertThat(Hex.of(frame)).isEqualTo(Hex.of(Hex.parse(hex)));
    }

    @Test
    void maxBufferDefault() {
        assertThat(Frames.JUTE_MAXBUFFER_DEFAULT).isEqualTo(1048575);
    }

    @Test
    void connectRequestForANewSession() throws Exception {
        String hex = "0000002d 00000000 0000000000000000 00007530 0000000000000000 00000010"
                + " 00000000000000000000000000000000 00";
        ConnectRequest request = new ConnectRequest(0, 0, 30000, 0, ZERO_PASSWD, false, false);
        assertFrame(Frames.connectRequest(request), hex);
        byte[] frame = Hex.parse(hex);
        assertThat(ConnectRequest.read(new JuteInput(frame, 4, frame.length - 4))).isEqualTo(request);
    }

    @Test
    void connectResponse() {
        byte[] passwd = Hex.parse("000102030405060708090a0b0c0d0e0f");
        assertFrame(Frames.connectResponse(new ConnectResponse(0, 30000, 0x0100000c246d0000L, passwd, false, false)),
                "00000025 00000000 00007530 0100000c246d0000 00000010 000102030405060708090a0b0c0d0e0f 00");
    }

    @Test
    void expiredSessionResponse() {
        assertFrame(Frames.connectResponse(new ConnectResponse(0, 0, 0, ZERO_PASSWD, false, false)),
                "00000025 00000000 00000000 0000000000000000 00000010 00000000000000000000000000000000 00");
    }

    @Test
    void expiredSessionResponseForAnOldClient() {
        assertFrame(Frames.connectResponse(new ConnectResponse(0, 0, 0, ZERO_PASSWD, false, true)),
                "00000024 00000000 00000000 0000000000000000 00000010 00000000000000000000000000000000");
    }

    @Test
    void ping() throws Exception {
        assertFrame(Frames.request(new RequestHeader(Xids.PING, OpCode.PING), null), "00000008 fffffffe 0000000b");
        assertFrame(Frames.reply(new ReplyHeader(Xids.PING, 0x1234, 0), null),
                "00000010 fffffffe 0000000000001234 00000000");
    }

    @Test
    void createReply() {
        assertFrame(Frames.reply(new ReplyHeader(1, 2, 0), new CreateResponse("/a")),
                "00000016 00000001 0000000000000002 00000000 00000002 2f61");
    }

    @Test
    void errorReplyIsHeaderOnly() {
        assertFrame(Frames.reply(new ReplyHeader(2, 3, ErrorCode.NODEEXISTS.code()), null),
                "00000010 00000002 0000000000000003 ffffff92");
        assertThat(Frames.reply(new ReplyHeader(2, 3, -110), EmptyBody.INSTANCE))
                .isEqualTo(Frames.reply(new ReplyHeader(2, 3, -110), null));
    }

    @Test
    void addWatchReply() {
        assertFrame(Frames.reply(new ReplyHeader(7, 0x1b, 0), new ErrorResponse(0)),
                "00000014 00000007 000000000000001b 00000000 00000000");
    }

    @Test
    void notification() {
        assertFrame(Frames.notification(5, new WatcherEvent(3, 3, "/a")),
                "0000001e ffffffff 0000000000000005 00000000 00000003 00000003 00000002 2f61");
    }

    @Test
    void closeSession() throws Exception {
        byte[] frame = Frames.request(new RequestHeader(9, OpCode.CLOSE_SESSION), EmptyBody.INSTANCE);
        assertFrame(frame, "00000008 00000009 fffffff5");
    }
}
