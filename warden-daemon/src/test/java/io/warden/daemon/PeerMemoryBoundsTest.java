package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.transport.peer.PeerLimits;
import org.junit.jupiter.api.Test;

class PeerMemoryBoundsTest {
    static final long MIB = 1L << 20;

    @Test
    void aLargeHeapKeepsTheTransportsDefaults() {
        PeerLimits limits = PeerMemoryBounds.of(PeerLimits.DEFAULTS, 2, new JvmMemory(16L << 30, 16L << 30));

        assertThat(limits).isEqualTo(PeerLimits.DEFAULTS);
    }

    @Test
    void aOneGibHeapSharesAnEighthAndAQuarterOfItAmongThePeers() {
        PeerLimits three = PeerMemoryBounds.of(PeerLimits.DEFAULTS, 2, new JvmMemory(1024 * MIB, 1024 * MIB));
        PeerLimits five = PeerMemoryBounds.of(PeerLimits.DEFAULTS, 4, new JvmMemory(1024 * MIB, 1024 * MIB));

        assertThat(three.outboundBytesMax()).isEqualTo(64 * MIB);
        assertThat(three.snapshotBacklogBytesMax()).as("not 1 GiB: the whole heap").isEqualTo(128 * MIB);
        assertThat(five.outboundBytesMax()).isEqualTo(32 * MIB);
        assertThat(five.snapshotBacklogBytesMax()).isEqualTo(64 * MIB);
        assertThat(five.frameBytesMax()).as("the rest is the base's").isEqualTo(PeerLimits.DEFAULTS.frameBytesMax());
    }

    @Test
    void aTinyHeapStillLeavesTheFloor() {
        PeerLimits limits = PeerMemoryBounds.of(PeerLimits.DEFAULTS, 8, new JvmMemory(16 * MIB, 16 * MIB));

        assertThat(limits.outboundBytesMax()).isEqualTo(PeerMemoryBounds.FLOOR_BYTES);
        assertThat(limits.snapshotBacklogBytesMax()).isEqualTo(PeerMemoryBounds.FLOOR_BYTES);
    }
}
