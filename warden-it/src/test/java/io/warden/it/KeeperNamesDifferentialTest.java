package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;

import io.warden.wire.ErrorCode;

/**
 * Every error code's name in messages ({@code KeeperErrorCode = <name>}), as the shell prints it
 * and the web console answers it, is the one ZooKeeper 3.9's {@code KeeperException} gives.
 */
class KeeperNamesDifferentialTest {
    @Test
    void everyCodeBothDefineIsNamedAsZooKeeperNamesIt() {
        int compared = 0;
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        for (ErrorCode code : ErrorCode.values()) {
            KeeperException.Code reference = KeeperException.Code.get(code.code());
            if (reference == null || code == ErrorCode.OK) {
                continue;
            }
            KeeperException exception;
            try {
                exception = KeeperException.create(reference);
            } catch (IllegalArgumentException deprecated) { // UNKNOWNSESSION: ZooKeeper makes no exception of it
                continue;
            }
            soft.assertThat("KeeperErrorCode = " + code.keeperName()).as("%s", code).isEqualTo(exception.getMessage());
            compared++;
        }
        soft.assertAll();
        assertThat(compared).isGreaterThan(25);
    }
}
