package io.warden.recipes.discovery;

import java.util.List;

/**
 * Told when the instances of a {@link ServiceCache} change: once when the cache has loaded, then
 * after every change. Runs on the client's event thread: it must not block (no blocking client
 * calls that wait for watch events, no long work).
 */
@FunctionalInterface
public interface ServiceCacheListener {
    /** {@code instances} is the cache's new content, as {@link ServiceCache#instances()} returns it. */
    void instancesChanged(List<ServiceInstance> instances);
}
