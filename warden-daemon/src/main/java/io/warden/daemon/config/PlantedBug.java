package io.warden.daemon.config;

/**
 * A bug planted in the server on purpose, so that the fault harness can show it catches a real
 * bug in a running ensemble: the Java system property {@code warden.plantedBug}, read from the
 * system properties only (in {@code zoo.cfg} it is an unknown key, ignored). Never for production.
 */
public enum PlantedBug {
    /** No bug planted: the property is not set, or empty. */
    NONE(""),
    /**
     * A follower or observer answers a client's {@code sync} at once from its own state instead of
     * forwarding it to the leader, so that, cut off from its leader without knowing it yet, it
     * serves a stale read after sync.
     */
    FOLLOWER_LOCAL_SYNC("follower-local-sync");

    /** The system property that plants a bug. */
    public static final String PROPERTY = "warden.plantedBug";

    private final String propertyValue;

    PlantedBug(String propertyValue) {
        this.propertyValue = propertyValue;
    }

    /** The value of {@link #PROPERTY} that plants this bug. */
    public String propertyValue() {
        return propertyValue;
    }

    /** The bug {@code value} of the property names; {@link #NONE} when it is not set or empty. */
    static PlantedBug from(RawValue value) throws ConfigException {
        if (value == null || value.text().isEmpty()) {
            return NONE;
        }
        if (value.text().equals(FOLLOWER_LOCAL_SYNC.propertyValue)) {
            return FOLLOWER_LOCAL_SYNC;
        }
        throw value.expected(FOLLOWER_LOCAL_SYNC.propertyValue
                + " (a bug planted for the fault harness, never for production) or nothing");
    }
}
