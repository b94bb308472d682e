package io.warden.wire.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.wire.JuteInput;
import io.warden.wire.WireFormatException;
import io.warden.wire.testing.Hex;
import io.warden.wire.testing.Seeds;
import io.warden.wire.testing.Zk;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Clients up to 3.3 send, and expect, the handshake records without the trailing readOnly byte. */
class ConnectOldClientTest {
    private static final byte[] PASSWD = new byte[16];

    @Test
    void oldClientRequestIs44BytesAndReadsAsOld() throws Exception {
        ConnectRequest old = new ConnectRequest(0, 0, 30000, 0, PASSWD, false, true);
        byte[] bytes = old.toBytes();
        assertThat(bytes).hasSize(44);
        ConnectRequest read = ConnectRequest.read(new JuteInput(bytes));
        assertThat(read).isEqualTo(old);
        assertThat(read.oldClient()).isTrue();
        assertThat(read.readOnly()).isFalse();
    }

    @Test
    void newClientRequestIs45Bytes() {
        assertThat(new ConnectRequest(0, 0, 30000, 0, PASSWD, true, false).toBytes()).hasSize(45);
    }

    @Test
    void oldClientResponseIs36BytesAndReadsAsOld() throws Exception {
        ConnectResponse old = new ConnectResponse(0, 4000, 0x100000c246d0000L, PASSWD, false, true);
        byte[] bytes = old.toBytes();
        assertThat(bytes).hasSize(36);
        assertThat(ConnectResponse.read(new JuteInput(bytes))).isEqualTo(old);
        assertThat(new ConnectResponse(0, 4000, 1L, PASSWD, false, false).toBytes()).hasSize(37);
    }

    @Test
    void oldClientOmitsReadOnlyEvenWhenSet() {
        byte[] withFlag = new ConnectResponse(0, 4000, 1L, PASSWD, true, true).toBytes();
        byte[] without = new ConnectResponse(0, 4000, 1L, PASSWD, false, true).toBytes();
        assertThat(withFlag).isEqualTo(without).hasSize(36);
    }

    @Test
    void oldClientBytesAreZooKeepersWithoutTheLastByte() {
        Seeds.repeat("old client handshake", 300, g -> {
            byte[] passwd = g.bytes();
            long zxid = g.anyLong();
            int timeOut = g.anyInt();
            long sessionId = g.anyLong();
            byte[] theirs = Zk.bytes(new org.apache.zookeeper.proto.ConnectRequest(0, zxid, timeOut, sessionId,
                    passwd, false));
            ConnectRequest ours = new ConnectRequest(0, zxid, timeOut, sessionId, passwd, false, true);
            byte[] withoutReadOnly = Arrays.copyOf(theirs, theirs.length - 1);
            assertThat(Hex.of(ours.toBytes())).isEqualTo(Hex.of(withoutReadOnly));
            assertThat(ConnectRequest.read(new JuteInput(withoutReadOnly))).isEqualTo(ours);

            byte[] theirResponse = Zk.bytes(new org.apache.zookeeper.proto.ConnectResponse(0, timeOut, sessionId,
                    passwd, false));
            ConnectResponse response = new ConnectResponse(0, timeOut, sessionId, passwd, false, true);
            byte[] responseWithout = Arrays.copyOf(theirResponse, theirResponse.length - 1);
            assertThat(Hex.of(response.toBytes())).isEqualTo(Hex.of(responseWithout));
            assertThat(ConnectResponse.read(new JuteInput(responseWithout))).isEqualTo(response);
        });
    }

    @Test
    void anyNonZeroReadOnlyByteIsTrue() throws Exception {
        byte[] bytes = new ConnectRequest(0, 0, 30000, 0, PASSWD, false, false).toBytes();
        bytes[bytes.length - 1] = (byte) 0x80;
        assertThat(ConnectRequest.read(new JuteInput(bytes)).readOnly()).isTrue();
    }

    @Test
    void trailingBytesAfterReadOnlyAreIgnored() throws Exception {
        ConnectRequest request = new ConnectRequest(0, 5, 30000, 7, PASSWD, true, false);
        byte[] bytes = Arrays.copyOf(request.toBytes(), 45 + 3);
        assertThat(ConnectRequest.read(new JuteInput(bytes))).isEqualTo(request);
    }

    @Test
    void shorterThanOldClientIsMalformed() {
        byte[] bytes = new ConnectRequest(0, 0, 30000, 0, PASSWD, false, true).toBytes();
        for (int length = 0; length < bytes.length; length++) {
            JuteInput in = new JuteInput(bytes, 0, length);
            assertThatThrownBy(() -> ConnectRequest.read(in)).as("prefix of %d bytes", length)
                    .isInstanceOf(WireFormatException.class);
        }
        byte[] response = new ConnectResponse(0, 0, 0, PASSWD, false, true).toBytes();
        for (int length = 0; length < response.length; length++) {
            JuteInput in = new JuteInput(response, 0, length);
            assertThatThrownBy(() -> ConnectResponse.read(in)).as("prefix of %d bytes", length)
                    .isInstanceOf(WireFormatException.class);
        }
    }
}
