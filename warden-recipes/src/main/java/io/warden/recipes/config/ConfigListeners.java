package io.warden.recipes.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of a {@link ConfigTree}, each for one key or for every key under a prefix. */
final class ConfigListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigListeners.class);

    private record Registration(String keyOrPrefix, boolean prefix, ConfigListener listener) {
        boolean wants(String key) {
            return prefix ? ConfigKeys.underPrefix(key, keyOrPrefix) : key.equals(keyOrPrefix);
        }
    }

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    void addForKey(String key, ConfigListener listener) {
        registrations.add(new Registration(key, false, listener));
    }

    void addForPrefix(String keyPrefix, ConfigListener listener) {
        registrations.add(new Registration(keyPrefix, true, listener));
    }

    /** Removes every registration of {@code listener}. */
    void remove(ConfigListener listener) {
        registrations.removeIf(registration -> registration.listener() == listener);
    }

    void clear() {
        registrations.clear();
    }

    /** Tells every interested listener; one that throws is logged and does not stop the others. */
    void fire(String key, String oldValue, String newValue) {
        for (Registration registration : registrations) {
            if (!registration.wants(key)) {
                continue;
            }
            try {
                registration.listener().changed(key, oldValue, newValue);
            } catch (RuntimeException e) {
                LOG.error("config listener {} threw on the change of {}", registration.listener(), key, e);
            }
        }
    }
}
