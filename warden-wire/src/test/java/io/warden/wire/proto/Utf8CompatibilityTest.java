package io.warden.wire.proto;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.wire.JuteInput;
import io.warden.wire.testing.Hex;
import io.warden.wire.testing.Zk;
import org.junit.jupiter.api.Test;

/**
 * Outside the BMP, ZooKeeper's writer encodes each UTF-16 unit on its own (CESU-8 style) while we
 * write standard UTF-8. Both readers decode with standard UTF-8, so each side reads the other the way
 * ZooKeeper itself would.
 */
class Utf8CompatibilityTest {
    private static final String EMOJI_PATH = "/a\uD83D\uDE00b";

    @Test
    void weWriteStandardUtf8() {
        assertThat(Hex.of(new SyncResponse(EMOJI_PATH).toBytes())).isEqualTo("00000007" + "2f61" + "f09f9880" + "62");
    }

    @Test
    void zooKeeperWritesSurrogatesSeparately() {
        byte[] theirs = Zk.bytes(new org.apache.zookeeper.proto.SyncResponse(EMOJI_PATH));
        assertThat(Hex.of(theirs)).isEqualTo("00000009" + "2f61" + "eda0bd" + "edb880" + "62");
    }

    @Test
    void zooKeeperReadsOurBytes() throws Exception {
        byte[] ours = new SyncResponse(EMOJI_PATH).toBytes();
        assertThat(Zk.decode(ours, new org.apache.zookeeper.proto.SyncResponse()).getPath()).isEqualTo(EMOJI_PATH);
    }

    @Test
    void weReadZooKeepersBytesAsZooKeeperDoes() throws Exception {
        byte[] theirs = Zk.bytes(new org.apache.zookeeper.proto.SyncResponse(EMOJI_PATH));
        String zooKeepersReading = Zk.decode(theirs, new org.apache.zookeeper.proto.SyncResponse()).getPath();
        assertThat(SyncResponse.read(new JuteInput(theirs)).path()).isEqualTo(zooKeepersReading);
    }

    @Test
    void nulIsOneZeroByte() {
        assertThat(Hex.of(new SyncRequest("/\u0000").toBytes()))
                .isEqualTo(Hex.of(Zk.bytes(new org.apache.zookeeper.proto.SyncRequest("/\u0000"))))
                .isEqualTo("000000022f00");
    }
}
