package io.warden.common;

import java.util.SplittableRandom;

/** Randomness passed into code that must stay reproducible: seed it and the run replays. */
public interface RandomSource {
    long nextLong();

    /** A value in {@code [0, boundExclusive)}. */
    int nextInt(int boundExclusive);

    static RandomSource seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new RandomSource() {
            @Override
            public long nextLong() {
                return random.nextLong();
            }

            @Override
            public int nextInt(int boundExclusive) {
                return random.nextInt(boundExclusive);
            }
        };
    }
}
