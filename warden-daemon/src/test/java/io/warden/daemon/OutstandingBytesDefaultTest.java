package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutstandingBytesDefaultTest {
    static final long MIB = 1L << 20;

    @Test
    void aQuarterOfTheHeapWhenDirectMemoryIsAsLargeAsTheJvmDefaultMakesIt() {
        assertThat(OutstandingBytesDefault.of(4 * MIB, 2048 * MIB, 2048 * MIB)).isEqualTo(512 * MIB);
    }

    @Test
    void aQuarterOfASmallerDirectMemoryLimit() {
        // UnreadRepliesProcessTest's server: -Xmx256m -XX:MaxDirectMemorySize=128m
        assertThat(OutstandingBytesDefault.of(4 * MIB, 256 * MIB, 128 * MIB)).isEqualTo(32 * MIB);
    }

    @Test
    void neverAboveTheCapNorBelowOneConnectionsBound() {
        assertThat(OutstandingBytesDefault.of(4 * MIB, 64L << 30, 64L << 30)).isEqualTo(OutstandingBytesDefault.CAP);
        assertThat(OutstandingBytesDefault.of(4 * MIB, 8 * MIB, 8 * MIB)).isEqualTo(4 * MIB);
    }

    @Test
    void theDirectLimitIsTheOptionsValueOrTheHeapsMaximumWhenItIsNotSet() {
        assertThat(OutstandingBytesDefault.directLimit("134217728", 256 * MIB)).isEqualTo(128 * MIB);
        assertThat(OutstandingBytesDefault.directLimit("0", 256 * MIB)).as("the JVM's default").isEqualTo(256 * MIB);
        assertThat(OutstandingBytesDefault.directLimit(null, 256 * MIB)).isEqualTo(256 * MIB);
        assertThat(OutstandingBytesDefault.directLimit("lots", 256 * MIB)).isEqualTo(256 * MIB);
    }

    @Test
    void thisJvmsLimitIsRead() {
        assertThat(OutstandingBytesDefault.maxDirectMemoryBytes()).isPositive();
    }
}
