package io.warden.wire.testing;

/**
 * Runs a randomised check many times from a fixed seed. A failure names the seed of the failing
 * iteration; {@code -Dwarden.seed=<seed>} makes that seed the first one tried.
 */
public final class Seeds {
    public static final long DEFAULT_SEED = 0x5EED_3930_0001L;

    private Seeds() {
    }

    /** One iteration of a check. */
    @FunctionalInterface
    public interface Body {
        void run(Gen gen) throws Exception;
    }

    public static void repeat(String name, int iterations, Body body) {
        long base = Long.getLong("warden.seed", DEFAULT_SEED);
        for (int i = 0; i < iterations; i++) {
            long seed = base + i;
            try {
                body.run(new Gen(seed));
            } catch (Throwable failure) {
                String message = name + " failed at iteration " + i + " with seed " + seed
                        + " (replay with -Dwarden.seed=" + seed + ")";
                System.err.println(message);
                throw new AssertionError(message, failure);
            }
        }
    }
}
