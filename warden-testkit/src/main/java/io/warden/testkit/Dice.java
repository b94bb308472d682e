package io.warden.testkit;

import io.warden.common.RandomSource;
import java.util.List;

/** The simulator's randomness: one seeded stream with the few shapes of choice the simulator needs. */
final class Dice {
    private static final int CHANCE_SCALE = 1 << 24;

    private final RandomSource random;

    private Dice(RandomSource random) {
        this.random = random;
    }

    static Dice seeded(long seed) {
        return new Dice(RandomSource.seeded(seed));
    }

    /** Stream number {@code stream} of {@code seed}: independent streams for independent parts of a run. */
    static Dice stream(long seed, long stream) {
        return seeded(mix(seed + stream * 0x9E37_79B9_7F4A_7C15L));
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        return random.nextLong();
    }

    /** A value in {@code [0, boundExclusive)}. */
    int below(int boundExclusive) {
        return random.nextInt(boundExclusive);
    }

    /** A value in {@code [low, highInclusive]}. */
    int between(int low, int highInclusive) {
        if (highInclusive <= low) {
            return low;
        }
        return low + random.nextInt(highInclusive - low + 1);
    }

    /** True with probability {@code probability}. */
    boolean chance(double probability) {
        if (probability <= 0) {
            return false;
        }
        if (probability >= 1) {
            return true;
        }
        return random.nextInt(CHANCE_SCALE) < (int) (probability * CHANCE_SCALE);
    }

    /** A probability drawn evenly from {@code [low, high]}, in steps of a millionth. */
    double probability(double low, double high) {
        return low + (high - low) * random.nextInt(1_000_001) / 1_000_000.0;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
