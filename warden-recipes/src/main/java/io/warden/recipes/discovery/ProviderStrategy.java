package io.warden.recipes.discovery;

import java.util.List;
import java.util.Random;

/**
 * How a {@link ServiceProvider} picks one instance. The provider hands over only the candidates:
 * enabled instances that are not noted down, never an empty list, ordered by id. Implementations
 * must be thread-safe: providers are called from any thread.
 */
public interface ProviderStrategy {

    /**
     * One of {@code candidates}. {@code key} is the caller's key for {@link ServiceProvider#getInstance(String)}
     * and null for {@link ServiceProvider#getInstance()}; strategies other than consistent hashing ignore it.
     */
    ServiceInstance pick(List<ServiceInstance> candidates, String key);

    /** Any candidate, with equal chances. */
    static ProviderStrategy random() {
        return new RandomStrategy(null);
    }

    /** Any candidate, with equal chances drawn from {@code random} (seed it for reproducible picks). */
    static ProviderStrategy random(Random random) {
        return new RandomStrategy(random);
    }

    /** The candidates in turn, in id order. */
    static ProviderStrategy roundRobin() {
        return new RoundRobinStrategy();
    }

    /** The candidate picked least recently; candidates never picked come first, in id order. */
    static ProviderStrategy leastRecentlyUsed() {
        return new LeastRecentlyUsedStrategy();
    }

    /**
     * The owner of the key on a hash ring with {@value HashRing#VIRTUAL_NODES_DEFAULT} virtual nodes per
     * instance: a key stays with its instance while that instance is a candidate, and when one of N
     * instances comes or goes only about 1/N of the keys move. Needs a key.
     */
    static ProviderStrategy consistentHashing() {
        return new ConsistentHashStrategy(HashRing.VIRTUAL_NODES_DEFAULT);
    }

    /** Consistent hashing with {@code virtualNodes} points per instance on the ring (more: better balance). */
    static ProviderStrategy consistentHashing(int virtualNodes) {
        return new ConsistentHashStrategy(virtualNodes);
    }
}
