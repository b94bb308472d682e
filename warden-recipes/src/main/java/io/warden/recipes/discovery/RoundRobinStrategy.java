package io.warden.recipes.discovery;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Picks the candidates in turn: the n-th pick takes candidate n modulo their number. */
final class RoundRobinStrategy implements ProviderStrategy {
    private final AtomicLong picks = new AtomicLong();

    @Override
    public ServiceInstance pick(List<ServiceInstance> candidates, String key) {
        return candidates.get((int) Math.floorMod(picks.getAndIncrement(), (long) candidates.size()));
    }

    @Override
    public String toString() {
        return "round robin";
    }
}
