package io.warden.transport.peer;

import java.util.random.RandomGenerator;

/**
 * The waits between dials of one peer connection: a ceiling that starts at the minimum and
 * doubles after each wait up to the maximum, each wait drawn between half the ceiling (at least
 * the minimum) and the ceiling, so that servers that lost each other at once do not dial in step.
 * A connection that is established starts the ceiling over.
 */
final class ReconnectBackoff {
    private final long minMs;
    private final long maxMs;
    private final RandomGenerator random;
    private long ceilingMs;

    ReconnectBackoff(long minMs, long maxMs, RandomGenerator random) {
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.random = random;
        this.ceilingMs = minMs;
    }

    synchronized long nextDelayMs() {
        long lowMs = Math.max(minMs, ceilingMs / 2);
        long delayMs = lowMs == ceilingMs ? lowMs : random.nextLong(lowMs, ceilingMs + 1);
        ceilingMs = Math.min(maxMs, ceilingMs * 2);
        return delayMs;
    }

    synchronized void reset() {
        ceilingMs = minMs;
    }
}
