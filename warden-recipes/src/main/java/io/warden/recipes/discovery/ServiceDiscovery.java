package io.warden.recipes.discovery;

import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.wire.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service discovery under a base path, in the layout and JSON of curator-x-discovery 5.x: each
 * instance is a node {@code basePath/<name>/<id>} holding its {@link ServiceInstance} as JSON, so a
 * Curator {@code ServiceDiscovery} (with {@code JsonInstanceSerializer}) on the same base path and
 * this one see each other's instances.
 *
 * <pre>{@code
 * try (ServiceDiscovery discovery = new ServiceDiscovery(client, "/services")) {
 *     discovery.register(ServiceInstance.builder("api").address("10.0.0.1").port(8080).build());
 *     try (ServiceProvider provider = discovery.serviceProvider("api")
 *             .strategy(ProviderStrategy.consistentHashing()).build().start()) {
 *         provider.awaitInitialized(Duration.ofSeconds(10));
 *         ServiceInstance chosen = provider.getInstance(userId);
 *     }
 * }
 * }</pre>
 *
 * <p>Registering keeps the instance's node as its {@link ServiceType} says: a {@code DYNAMIC}
 * instance is an ephemeral node that is created again in every new session (so it comes back after
 * the session expires) and whenever it is deleted; {@code STATIC} and {@code PERMANENT} ones are
 * persistent nodes that stay after {@link #close()}. Registering and updating wait (at most
 * {@code registrationTimeoutMs}) for the server, so they must not be called on the client's event
 * thread. Queries read the server each time and may be called anywhere; for a list that follows
 * changes, use a {@link ServiceCache} or a {@link ServiceProvider}.
 */
public final class ServiceDiscovery implements AutoCloseable {
    /** How long register and updateService wait for the node by default. */
    public static final long REGISTRATION_TIMEOUT_MS_DEFAULT = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceDiscovery.class);

    private final WardenClient client;
    private final String basePath;
    private final long registrationTimeoutMs;
    private final InstanceQueries queries;
    private final Object lock = new Object();
    private final Map<String, Registered> registered = new LinkedHashMap<>();
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private boolean closed;

    /** An instance registered here and the node kept for it. */
    private record Registered(ServiceInstance instance, Registration registration) {
    }

    public ServiceDiscovery(WardenClient client, String basePath) {
        this(client, basePath, REGISTRATION_TIMEOUT_MS_DEFAULT);
    }

    /** {@code registrationTimeoutMs}: how long register and updateService wait for the server. */
    public ServiceDiscovery(WardenClient client, String basePath, long registrationTimeoutMs) {
        if (registrationTimeoutMs <= 0) {
            throw new IllegalArgumentException("registrationTimeoutMs must be positive, not " + registrationTimeoutMs);
        }
        this.client = client;
        this.basePath = DiscoveryPaths.base(basePath);
        this.registrationTimeoutMs = registrationTimeoutMs;
        this.queries = new InstanceQueries(client.blocking(), basePath);
    }

    public String basePath() {
        return basePath;
    }

    /**
     * Registers {@code instance} and returns once its node exists; IllegalStateException when that
     * takes longer than the registration timeout (another session's node at the same path, which is
     * waited out, or no connection). Registering an instance of the same name and id again replaces
     * it.
     */
    public void register(ServiceInstance instance) throws InterruptedException {
        requireOffEventThread("register");
        String path = DiscoveryPaths.instance(basePath, instance.name(), instance.id());
        String key = key(instance);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the service discovery of " + basePath + " is closed");
            }
            Registered existing = registered.get(key);
            if (existing != null && existing.instance().serviceType() == instance.serviceType()) {
                existing.registration().update(InstanceCodec.encode(instance));
                registered.put(key, new Registered(instance, existing.registration()));
                return;
            }
            if (existing != null) {
                registered.remove(key);
                existing.registration().close(true);
            }
            Registration registration = Registration.start(client, path, instance, registrationTimeoutMs);
            registered.put(key, new Registered(instance, registration));
        }
    }

    /**
     * Replaces the data of an instance registered here (same name and id). A dynamic instance's node
     * is written now when the client is connected, and every re-creation carries the new data.
     */
    public void updateService(ServiceInstance instance) throws InterruptedException {
        requireOffEventThread("updateService");
        String key = key(instance);
        synchronized (lock) {
            Registered existing = registered.get(key);
            if (existing == null) {
                throw new IllegalArgumentException(instance.name() + "/" + instance.id()
                        + " is not registered by this service discovery");
            }
            if (existing.instance().serviceType() != instance.serviceType()) {
                throw new IllegalArgumentException("the service type of " + key + " cannot change from "
                        + existing.instance().serviceType() + " to " + instance.serviceType() + "; register it again");
            }
            existing.registration().update(InstanceCodec.encode(instance));
            registered.put(key, new Registered(instance, existing.registration()));
        }
    }

    /**
     * Removes the instance with this name and id: one registered here stops being kept and its node
     * is deleted; for any other, the node {@code basePath/<name>/<id>} is deleted if it exists (the
     * process that registered a dynamic one creates it again).
     */
    public void unregister(ServiceInstance instance) throws InterruptedException {
        String key = key(instance);
        Registered existing;
        synchronized (lock) {
            existing = registered.remove(key);
            if (existing != null) {
                existing.registration().close(true);
                return;
            }
        }
        try {
            client.blocking().delete(DiscoveryPaths.instance(basePath, instance.name(), instance.id()), -1);
        } catch (WardenException e) {
            if (e.code() != ErrorCode.NONODE) {
                throw e;
            }
        }
    }

    /** The instances registered by this service discovery, in the order they were first registered. */
    public List<ServiceInstance> registeredInstances() {
        synchronized (lock) {
            List<ServiceInstance> instances = new ArrayList<>();
            for (Registered each : registered.values()) {
                instances.add(each.instance());
            }
            return instances;
        }
    }

    /** The names of the services under the base path, sorted. */
    public List<String> queryForNames() throws InterruptedException {
        return queries.names();
    }

    /** The instances of service {@code name} on the server, by id; empty when there are none. */
    public List<ServiceInstance> queryForInstances(String name) throws InterruptedException {
        return queries.instances(name);
    }

    /** The instance of service {@code name} with this id on the server, or null. */
    public ServiceInstance queryForInstance(String name, String id) throws InterruptedException {
        return queries.instance(name, id);
    }

    /** A cache of the instances of service {@code name}, not yet started; closed with this if not before. */
    public ServiceCache serviceCache(String name) {
        return closeWithThis(newCache(name));
    }

    /** The settings of a provider of service {@code name}. */
    public ServiceProvider.Builder serviceProvider(String name) {
        DiscoveryPaths.service(basePath, name);
        return new ServiceProvider.Builder(this, name);
    }

    /**
     * Closes the caches and providers made here and stops keeping the instances registered here:
     * dynamic ones are deleted, static and permanent ones stay.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                LOG.debug("closing {} failed: {}", opened.get(i), e.toString());
            }
        }
        opened.clear();
        synchronized (lock) {
            for (Registered each : registered.values()) {
                try {
                    each.registration().close(false);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.debug("releasing {} failed: {}", each.instance(), e.toString());
                }
            }
            registered.clear();
        }
    }

    ServiceCache newCache(String name) {
        return new ServiceCache(client, basePath, name);
    }

    <T extends AutoCloseable> T closeWithThis(T resource) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the service discovery of " + basePath + " is closed");
            }
            opened.add(resource);
        }
        return resource;
    }

    private void requireOffEventThread(String what) {
        if (client.isEventThread()) {
            throw new IllegalStateException(what + " waits for the server and cannot run on the client's event"
                    + " thread; call it from another thread");
        }
    }

    private static String key(ServiceInstance instance) {
        return instance.name() + "/" + instance.id();
    }
}
