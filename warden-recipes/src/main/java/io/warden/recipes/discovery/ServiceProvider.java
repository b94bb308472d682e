package io.warden.recipes.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Picks an instance of one service for each call, from a {@link ServiceCache} of its own, with a
 * {@link ProviderStrategy}. Disabled instances are never picked, nor instances noted down with
 * {@link #noteError}: after {@code errorsBeforeDown} errors (default 2) an instance is skipped for
 * {@code downTimeoutMs} (default 30 000) after its last error. Made by
 * {@link ServiceDiscovery#serviceProvider(String)}; safe to use from any thread once started.
 */
public final class ServiceProvider implements AutoCloseable {
    private final ServiceCache cache;
    private final ProviderStrategy strategy;
    private final DownInstances down;

    private ServiceProvider(ServiceCache cache, ProviderStrategy strategy, DownInstances down) {
        this.cache = cache;
        this.strategy = strategy;
        this.down = down;
    }

    /** Starts the provider's cache; picks find nothing until it has loaded ({@link #awaitInitialized}). */
    public ServiceProvider start() {
        cache.start();
        return this;
    }

    /** Waits for the cache's first load; false when it takes longer than {@code timeout}. */
    public boolean awaitInitialized(Duration timeout) throws InterruptedException {
        return cache.awaitInitialized(timeout);
    }

    /** One instance picked by the strategy, or null when no instance can be picked. */
    public ServiceInstance getInstance() {
        return pick(null);
    }

    /** The instance for {@code key} (for consistent hashing; other strategies ignore it), or null. */
    public ServiceInstance getInstance(String key) {
        return pick(Objects.requireNonNull(key, "key"));
    }

    /** Every instance the cache holds, disabled and down ones included. */
    public List<ServiceInstance> allInstances() {
        return cache.instances();
    }

    /** Reports a failed call to {@code instance}; enough of them mark it down for a while. */
    public void noteError(ServiceInstance instance) {
        down.noteError(Objects.requireNonNull(instance, "instance"));
    }

    @Override
    public void close() {
        cache.close();
    }

    private ServiceInstance pick(String key) {
        List<ServiceInstance> candidates = candidates(cache.instances(), down);
        return candidates.isEmpty() ? null : strategy.pick(candidates, key);
    }

    /** The instances that may be picked: enabled and not down, in their order. */
    static List<ServiceInstance> candidates(List<ServiceInstance> instances, DownInstances down) {
        List<ServiceInstance> candidates = new ArrayList<>(instances.size());
        for (ServiceInstance instance : instances) {
            if (instance.enabled() && !down.isDown(instance)) {
                candidates.add(instance);
            }
        }
        return List.copyOf(candidates);
    }

    /** The settings of a provider; every one has a default. */
    public static final class Builder {
        private final ServiceDiscovery discovery;
        private final String name;
        private ProviderStrategy strategy = ProviderStrategy.roundRobin();
        private long downTimeoutMs = DownInstances.DOWN_TIMEOUT_MS_DEFAULT;
        private int errorsBeforeDown = DownInstances.ERRORS_BEFORE_DOWN_DEFAULT;
        private LongSupplier clockMs = DownInstances.monotonicClockMs();

        Builder(ServiceDiscovery discovery, String name) {
            this.discovery = discovery;
            this.name = name;
        }

        /** How instances are picked; default round robin. */
        public Builder strategy(ProviderStrategy value) {
            this.strategy = Objects.requireNonNull(value, "strategy");
            return this;
        }

        /** How long an instance stays down after its last error; default 30 000. */
        public Builder downTimeoutMs(long value) {
            this.downTimeoutMs = value;
            return this;
        }

        /** Errors (each within downTimeoutMs of the one before) that mark an instance down; default 2. */
        public Builder errorsBeforeDown(int value) {
            this.errorsBeforeDown = value;
            return this;
        }

        /** The monotonic clock the down time is measured with; for tests. */
        Builder clockMs(LongSupplier value) {
            this.clockMs = Objects.requireNonNull(value, "clockMs");
            return this;
        }

        /** A provider, not yet started; closed with its discovery if not before. */
        public ServiceProvider build() {
            DownInstances down = new DownInstances(downTimeoutMs, errorsBeforeDown, clockMs);
            return discovery.closeWithThis(new ServiceProvider(discovery.newCache(name), strategy, down));
        }
    }
}
