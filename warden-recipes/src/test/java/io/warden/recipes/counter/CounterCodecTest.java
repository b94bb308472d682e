package io.warden.recipes.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CounterCodecTest {

    @Test
    void valuesAreEightBytesBigEndian() {
        assertThat(HexFormat.of().formatHex(CounterCodec.encode(1))).isEqualTo("0000000000000001");
        assertThat(HexFormat.of().formatHex(CounterCodec.encode(0x0102030405060708L))).isEqualTo("0102030405060708");
        assertThat(HexFormat.of().formatHex(CounterCodec.encode(-1))).isEqualTo("ffffffffffffffff");
    }

    @Test
    void decodingReversesEncoding() {
        for (long value : new long[] {0, 1, -1, 200, Long.MAX_VALUE, Long.MIN_VALUE, 0x0102030405060708L}) {
            assertThat(CounterCodec.decode("/c", CounterCodec.encode(value))).isEqualTo(value);
        }
    }

    @Test
    void aNodeWithoutDataHoldsZero() {
        assertThat(CounterCodec.decode("/c", null)).isZero();
        assertThat(CounterCodec.decode("/c", new byte[0])).isZero();
    }

    @Test
    void otherLengthsAreNoCounterAndTheErrorNamesThePath() {
        assertThatThrownBy(() -> CounterCodec.decode("/app/hits", new byte[4]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/app/hits")
                .hasMessageContaining("4 bytes");
        assertThatThrownBy(() -> CounterCodec.decode("/c", new byte[9])).isInstanceOf(IllegalStateException.class);
    }
}
