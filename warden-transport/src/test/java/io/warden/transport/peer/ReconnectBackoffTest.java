package io.warden.transport.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The waits between dials: within the bounds, growing, jittered, and starting over after a connection. */
class ReconnectBackoffTest {
    private static final long SEED = 20_240_611L;
    private static final long MIN_MS = 50;
    private static final long MAX_MS = 2_000;

    @Test
    void waitsGrowFromTheMinimumToTheMaximumWithJitter() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN_MS, MAX_MS, new SplittableRandom(SEED));
        assertThat(backoff.nextDelayMs()).as("seed %d", SEED).isEqualTo(MIN_MS);
        long ceilingMs = MIN_MS;
        for (int i = 0; i < 40; i++) {
            ceilingMs = Math.min(MAX_MS, ceilingMs * 2);
            long delayMs = backoff.nextDelayMs();
            assertThat(delayMs).as("wait %d (seed %d)", i, SEED).isBetween(Math.max(MIN_MS, ceilingMs / 2), ceilingMs);
        }
    }

    @Test
    void waitsAtTheCeilingAreJittered() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN_MS, MAX_MS, new SplittableRandom(SEED));
        for (int i = 0; i < 10; i++) {
            backoff.nextDelayMs();
        }
        long first = backoff.nextDelayMs();
        boolean varied = false;
        for (int i = 0; i < 20 && !varied; i++) {
            varied = backoff.nextDelayMs() != first;
        }
        assertThat(varied).as("jitter (seed %d)", SEED).isTrue();
    }

    @Test
    void aConnectionStartsTheWaitsOver() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN_MS, MAX_MS, new SplittableRandom(SEED));
        for (int i = 0; i < 10; i++) {
            backoff.nextDelayMs();
        }
        backoff.reset();
        assertThat(backoff.nextDelayMs()).isEqualTo(MIN_MS);
    }
}
