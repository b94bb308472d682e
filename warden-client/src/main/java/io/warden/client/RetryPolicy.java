package io.warden.client;

import io.warden.common.RandomSource;

/**
 * When an idempotent operation that failed with CONNECTIONLOSS, SESSIONEXPIRED, REQUESTTIMEOUT or
 * THROTTLEDOP is tried again. Operations that are not idempotent (creates, conditional writes) are
 * never retried by the client: only the application knows whether the first attempt took effect.
 * Each attempt may itself wait up to {@code connectionTimeoutMs} for a connection, so the longest
 * an operation can take is about the retries times that, plus the delays; a policy can bound the
 * whole with the elapsed time it is given.
 */
@FunctionalInterface
public interface RetryPolicy {

    /**
     * The delay before retry number {@code retry} (1 for the first retry), or a negative value to
     * give up. {@code elapsedMs} is the time since the first attempt.
     */
    long delayBeforeRetryMs(int retry, long elapsedMs, RandomSource random);

    /** Never retry. */
    static RetryPolicy none() {
        return (retry, elapsedMs, random) -> -1;
    }

    /**
     * Up to {@code retriesMax} retries, the n-th after a random delay between half and all of
     * {@code baseDelayMs × 2^(n-1)}, capped at {@code maxDelayMs}.
     */
    static RetryPolicy exponentialBackoff(long baseDelayMs, long maxDelayMs, int retriesMax) {
        if (baseDelayMs < 1 || maxDelayMs < baseDelayMs || retriesMax < 0) {
            throw new IllegalArgumentException("exponentialBackoff needs 1 <= baseDelayMs <= maxDelayMs and"
                    + " retriesMax >= 0, not " + baseDelayMs + ", " + maxDelayMs + ", " + retriesMax);
        }
        return (retry, elapsedMs, random) -> {
            if (retry > retriesMax) {
                return -1;
            }
            long ceiling = Math.min(maxDelayMs, baseDelayMs << Math.min(retry - 1, 30));
            long floor = ceiling / 2;
            return floor + random.nextInt((int) Math.min(Integer.MAX_VALUE, ceiling - floor + 1));
        };
    }
}
