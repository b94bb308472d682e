package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TreeDigestsTest {
    @Test
    void replicasAtOneZxidMustAgreeAndMayDifferAtOthers() {
        TreeDigests digests = new TreeDigests();
        digests.observe(1, 5, 0xabc);
        assertThatCode(() -> digests.observe(2, 5, 0xabc)).doesNotThrowAnyException();
        assertThatCode(() -> digests.observe(2, 6, 0xdef)).doesNotThrowAnyException();
        assertThatThrownBy(() -> digests.observe(3, 5, 0xabd)).isInstanceOf(CheckFailure.class)
                .hasMessageContaining("server 3").hasMessageContaining("0x5");
    }
}
