package io.warden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.common.RandomSource;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void exponentialBackoffDoublesUpToTheCapAndStopsAfterTheLastRetry() {
        RetryPolicy policy = RetryPolicy.exponentialBackoff(100, 1_000, 6);
        RandomSource random = RandomSource.seeded(42);
        long[] ceilings = {100, 200, 400, 800, 1_000, 1_000};
        for (int retry = 1; retry <= 6; retry++) {
            long delayMs = policy.delayBeforeRetryMs(retry, 0, random);
            assertThat(delayMs).as("retry %d", retry).isBetween(ceilings[retry - 1] / 2, ceilings[retry - 1]);
        }
        assertThat(policy.delayBeforeRetryMs(7, 0, random)).isNegative();
    }

    @Test
    void noneNeverRetriesAndNonsenseSettingsAreRefused() {
        assertThat(RetryPolicy.none().delayBeforeRetryMs(1, 0, RandomSource.seeded(1))).isNegative();
        assertThatThrownBy(() -> RetryPolicy.exponentialBackoff(0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.exponentialBackoff(10, 5, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
