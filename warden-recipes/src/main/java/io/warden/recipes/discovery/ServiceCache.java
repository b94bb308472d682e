package io.warden.recipes.discovery;

import io.warden.client.WardenClient;
import io.warden.common.ZnodePaths;
import io.warden.recipes.Waits;
import io.warden.recipes.cache.CacheEvent;
import io.warden.recipes.cache.TreeCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of one service, kept up to date: a {@link TreeCache} of {@code basePath/<name>} and
 * its children, so registrations and removals are seen as they happen and the whole list is read
 * again after every reconnect and new session. A node whose data is not an instance (written by
 * someone else) is left out with a warning. Made by {@link ServiceDiscovery#serviceCache(String)};
 * {@link #instances()} is safe from any thread.
 */
public final class ServiceCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceCache.class);

    private final WardenClient client;
    private final String name;
    private final String servicePath;
    private final TreeCache tree;
    private final List<ServiceCacheListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> initialized = new CompletableFuture<>();
    /** The tree cache finished its first load (event thread only). */
    private boolean loaded;
    private volatile List<ServiceInstance> instances = List.of();

    // Event thread only.
    private final Map<String, ServiceInstance> byPath = new HashMap<>();

    ServiceCache(WardenClient client, String basePath, String name) {
        this.client = client;
        this.name = name;
        this.servicePath = DiscoveryPaths.service(basePath, name);
        this.tree = new TreeCache(client, servicePath, 1);
        this.tree.addListener(this::onEvent);
    }

    /** Starts following the service; {@link #initialized()} completes when the first load is done. */
    public ServiceCache start() {
        tree.start();
        tree.initialized().whenComplete((ignored, failure) -> {
            if (failure != null) {
                initialized.completeExceptionally(failure);
            }
        });
        return this;
    }

    /** Completes when the first load is done (and fails when the cache could not start). */
    public CompletableFuture<Void> initialized() {
        return initialized;
    }

    /** Waits for the first load; false when it takes longer than {@code timeout}. */
    public boolean awaitInitialized(Duration timeout) throws InterruptedException {
        return Waits.awaitStart(client, initialized, timeout, "ServiceCache.awaitInitialized",
                "the cache of service " + name + " could not start");
    }

    /** The service's name. */
    public String name() {
        return name;
    }

    /** The instances as last seen, disabled ones included, by id; empty before the first load. */
    public List<ServiceInstance> instances() {
        return instances;
    }

    public void addListener(ServiceCacheListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ServiceCacheListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        tree.close();
        listeners.clear();
    }

    // ---- event thread -------------------------------------------------------------------------

    private void onEvent(CacheEvent event) {
        switch (event.type()) {
            case NODE_ADDED, NODE_UPDATED -> {
                if (isInstance(event.path())) {
                    ServiceInstance instance = InstanceQueries.decodeOrWarn(event.path(), event.data().data());
                    boolean changed = instance == null ? byPath.remove(event.path()) != null
                            : !instance.equals(byPath.put(event.path(), instance));
                    if (changed) {
                        publish();
                    }
                }
            }
            case NODE_REMOVED -> {
                if (isInstance(event.path()) && byPath.remove(event.path()) != null) {
                    publish();
                }
            }
            case INITIALIZED -> {
                loaded = true;
                publish();
                initialized.complete(null);
            }
            case CONNECTION_SUSPENDED, CONNECTION_RESTORED -> {
                // The tree re-reads by itself; its differences arrive as node events.
            }
        }
    }

    private boolean isInstance(String path) {
        return path != null && !path.equals(servicePath) && ZnodePaths.parent(path).equals(servicePath);
    }

    /** Replaces the list once the first load is done, and tells the listeners when it changed. */
    private void publish() {
        if (!loaded) {
            return; // the first load is published whole
        }
        List<ServiceInstance> next = new ArrayList<>(byPath.values());
        next.sort(ServiceInstance.ORDER);
        List<ServiceInstance> published = List.copyOf(next);
        if (published.equals(instances) && initialized.isDone()) {
            return;
        }
        instances = published;
        for (ServiceCacheListener listener : listeners) {
            try {
                listener.instancesChanged(published);
            } catch (RuntimeException e) {
                LOG.error("service cache listener {} threw", listener, e);
            }
        }
    }
}
