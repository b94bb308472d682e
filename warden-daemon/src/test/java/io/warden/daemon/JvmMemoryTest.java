package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmMemoryTest {
    static final long MIB = 1L << 20;

    @Test
    void theDirectLimitIsTheOptionsValueOrTheHeapsMaximumWhenItIsNotSet() {
        assertThat(JvmMemory.directLimit("134217728", 256 * MIB)).isEqualTo(128 * MIB);
        assertThat(JvmMemory.directLimit("0", 256 * MIB)).as("the JVM's default").isEqualTo(256 * MIB);
        assertThat(JvmMemory.directLimit(null, 256 * MIB)).isEqualTo(256 * MIB);
        assertThat(JvmMemory.directLimit("lots", 256 * MIB)).isEqualTo(256 * MIB);
    }

    @Test
    void thisJvmsLimitsAreRead() {
        JvmMemory memory = JvmMemory.ofThisJvm();
        assertThat(memory.heapMaxBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(memory.directMaxBytes()).isPositive();
    }
}
