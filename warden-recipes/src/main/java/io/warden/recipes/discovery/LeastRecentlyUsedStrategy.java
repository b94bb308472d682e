package io.warden.recipes.discovery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the candidate whose last pick is the oldest; one never picked comes before all others, the
 * first in id order among equals. Picks are counted, not timed. Instances that stop being candidates
 * are forgotten (if they come back they count as never picked), so the memory stays as large as the
 * list of candidates.
 */
final class LeastRecentlyUsedStrategy implements ProviderStrategy {
    private final Map<String, Long> lastPicks = new HashMap<>();
    private long picks;

    @Override
    public synchronized ServiceInstance pick(List<ServiceInstance> candidates, String key) {
        ServiceInstance chosen = null;
        long oldest = Long.MAX_VALUE;
        Set<String> present = new HashSet<>();
        for (ServiceInstance candidate : candidates) {
            present.add(candidate.id());
            long last = lastPicks.getOrDefault(candidate.id(), -1L);
            if (last < oldest) {
                oldest = last;
                chosen = candidate;
            }
        }
        lastPicks.keySet().retainAll(present);
        lastPicks.put(chosen.id(), picks++);
        return chosen;
    }

    @Override
    public String toString() {
        return "least recently used";
    }
}
