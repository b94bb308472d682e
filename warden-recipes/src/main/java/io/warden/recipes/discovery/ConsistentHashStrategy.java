package io.warden.recipes.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the owner of the caller's key on a {@link HashRing} of the candidates' ids. The ring is built
 * again only when the candidates change.
 */
final class ConsistentHashStrategy implements ProviderStrategy {
    private final int virtualNodes;
    private volatile Built built;

    /** A ring and the ids it was built from. */
    private record Built(List<String> ids, HashRing ring) {
    }

    ConsistentHashStrategy(int virtualNodes) {
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("virtualNodes must be at least 1, not " + virtualNodes);
        }
        this.virtualNodes = virtualNodes;
    }

    @Override
    public ServiceInstance pick(List<ServiceInstance> candidates, String key) {
        if (key == null) {
            throw new IllegalArgumentException("consistent hashing picks by key: call getInstance(key)");
        }
        List<String> ids = new ArrayList<>(candidates.size());
        for (ServiceInstance candidate : candidates) {
            ids.add(candidate.id());
        }
        Built current = built;
        if (current == null || !current.ids().equals(ids)) {
            current = new Built(List.copyOf(ids), new HashRing(ids, virtualNodes));
            built = current;
        }
        return candidates.get(current.ring().ownerOf(key));
    }

    @Override
    public String toString() {
        return "consistent hashing (" + virtualNodes + " virtual nodes)";
    }
}
