package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.warden.wire.OpCode;

class OpMixTest {
    private static int writesIn(OpMix mix, int requests) {
        int writes = 0;
        for (int i = 0; i < requests; i++) {
            writes += mix.next() == OpCode.SET_DATA ? 1 : 0;
        }
        return writes;
    }

    @Test
    void writeAndReadSendOneKindOnly() {
        assertThat(writesIn(new OpMix(Scenario.WRITE, 0), 100)).isEqualTo(100);
        assertThat(writesIn(new OpMix(Scenario.READ, 0), 100)).isZero();
    }

    @Test
    void mixedIsOneWriteInEveryTenRequestsWhateverTheOffset() {
        for (int offset = 0; offset < 20; offset++) {
            OpMix mix = new OpMix(Scenario.MIXED, offset);
            for (int block = 0; block < 5; block++) {
                assertThat(writesIn(mix, 10)).as("offset %d block %d", offset, block).isEqualTo(1);
            }
        }
    }

    @Test
    void offsetsStaggerTheWrites() {
        OpMix first = new OpMix(Scenario.MIXED, 0);
        OpMix second = new OpMix(Scenario.MIXED, 1);
        int together = 0;
        for (int i = 0; i < 100; i++) {
            int a = first.next();
            int b = second.next();
            together += a == OpCode.SET_DATA && b == OpCode.SET_DATA ? 1 : 0;
        }
        assertThat(together).isZero();
    }

    @Test
    void watchFanoutHasNoMix() {
        assertThatThrownBy(() -> new OpMix(Scenario.WATCH_FANOUT, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
