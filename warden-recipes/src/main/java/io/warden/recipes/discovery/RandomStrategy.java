package io.warden.recipes.discovery;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Picks any candidate with equal chances. */
final class RandomStrategy implements ProviderStrategy {
    private final Random random;

    /** Draws from {@code random}, or from the thread's own generator when it is null. */
    RandomStrategy(Random random) {
        this.random = random;
    }

    @Override
    public ServiceInstance pick(List<ServiceInstance> candidates, String key) {
        Random source = random != null ? random : ThreadLocalRandom.current();
        return candidates.get(source.nextInt(candidates.size()));
    }

    @Override
    public String toString() {
        return "random";
    }
}
