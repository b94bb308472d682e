package io.warden.transport.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The defaults, the changed copies and the checks of {@link PeerLimits}. */
class PeerLimitsTest {
    @Test
    void defaultsAreTheNamedConstants() {
        PeerLimits limits = PeerLimits.DEFAULTS;
        assertThat(limits.frameBytesMax()).isEqualTo(256 << 20);
        assertThat(limits.outboundBytesMax()).isEqualTo(64L << 20);
        assertThat(limits.reconnectBackoffMinMs()).isEqualTo(50);
        assertThat(limits.reconnectBackoffMaxMs()).isEqualTo(2_000);
        assertThat(limits.connectTimeoutMs()).isEqualTo(5_000);
        assertThat(limits.handshakeTimeoutMs()).isEqualTo(5_000);
        assertThat(limits.bindAttempts()).isEqualTo(3);
        assertThat(limits.bindRetryMs()).isEqualTo(1_000);
        assertThat(limits.inboundBytesMax()).isEqualTo(64L << 20);
    }

    @Test
    void changedCopiesChangeOneBoundEach() {
        PeerLimits changed = PeerLimits.DEFAULTS.withFrameBytesMax(1_000).withOutboundBytesMax(2_000)
                .withReconnectBackoffMs(5, 6).withConnectTimeoutMs(7).withHandshakeTimeoutMs(8).withBindRetries(9, 0).withSnapshotBytesMax(10).withSnapshotBacklogBytesMax(11)
                .withInboundBytesMax(12);
        assertThat(changed).isEqualTo(new PeerLimits(1_000, 2_000, 5, 6, 7, 8, 9, 0, 10, 11, 12));
        assertThat(PeerLimits.DEFAULTS.frameBytesMax()).as("the defaults stay").isEqualTo(256 << 20);
    }

    @Test
    void boundsMustBePositiveAndTheBackoffOrdered() {
        assertThatThrownBy(() -> PeerLimits.DEFAULTS.withFrameBytesMax(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frameBytesMax 0");
        assertThatThrownBy(() -> PeerLimits.DEFAULTS.withOutboundBytesMax(-1))
                .hasMessageContaining("outboundBytesMax -1");
        assertThatThrownBy(() -> PeerLimits.DEFAULTS.withInboundBytesMax(0)).hasMessageContaining("inboundBytesMax 0");
        assertThatThrownBy(() -> PeerLimits.DEFAULTS.withBindRetries(0, 10)).hasMessageContaining("bindAttempts 0");
        assertThatThrownBy(() -> PeerLimits.DEFAULTS.withReconnectBackoffMs(100, 99))
                .hasMessage("reconnectBackoffMaxMs 99 is below reconnectBackoffMinMs 100");
    }
}
