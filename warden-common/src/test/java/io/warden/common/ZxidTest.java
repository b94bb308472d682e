package io.warden.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZxidTest {
    @Test
    void splitsIntoEpochAndCounter() {
        long zxid = Zxid.of(3, 0x1234);
        assertThat(zxid).isEqualTo(0x3_0000_1234L);
        assertThat(Zxid.epoch(zxid)).isEqualTo(3);
        assertThat(Zxid.counter(zxid)).isEqualTo(0x1234);
        assertThat(Zxid.toHex(zxid)).isEqualTo("0x300001234");
    }

    @Test
    void refusesACounterBeyondThirtyTwoBits() {
        assertThatThrownBy(() -> Zxid.of(1, Zxid.COUNTER_MAX + 1)).isInstanceOf(Checks.InvariantViolation.class);
    }

    @Test
    void sessionIdsCarryTheServerIdInTheTopByte() {
        long id = SessionIds.firstId(1, 0x0123_4567_89ABL);
        assertThat(id >>> 56).isEqualTo(1);
        assertThat(id).isNotEqualTo(SessionIds.CONTAINER_MARKER);
    }
}
