package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetainedLogBoundsTest {
    static final long MIB = 1L << 20;

    @Test
    void theDefaultLimitIsASixteenthOfTheHeapAndZooKeepersFourGibAtMost() {
        assertThat(RetainedLogBounds.snapSizeLimitBytes(-1, 256 * MIB)).isEqualTo(16 * MIB);
        assertThat(RetainedLogBounds.snapSizeLimitBytes(-1, 1024L << 30)).isEqualTo(4L << 30);
        assertThat(RetainedLogBounds.snapSizeLimitBytes(-1, 64L << 30)).isEqualTo(4L << 30);
    }

    @Test
    void aConfiguredLimitIsTakenAsItIs() {
        assertThat(RetainedLogBounds.snapSizeLimitBytes(1024, 256 * MIB)).isEqualTo(MIB);
        assertThat(RetainedLogBounds.snapSizeLimitBytes(8L << 20, 256 * MIB)).as("past the heap: the operator's choice")
                .isEqualTo(8L << 30);
        assertThat(RetainedLogBounds.snapSizeLimitBytes(Long.MAX_VALUE, 256 * MIB)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aLeaderHoldsTwoLimitsAtMost() {
        assertThat(RetainedLogBounds.retainedBytesMax(32 * MIB)).isEqualTo(64 * MIB);
        assertThat(RetainedLogBounds.retainedBytesMax(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }
}
