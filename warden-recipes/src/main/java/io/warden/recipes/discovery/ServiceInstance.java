package io.warden.recipes.discovery;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One instance of a service, as registered under {@code basePath/<name>/<id>}: where it listens and
 * what else it wants its clients to know. Immutable; made with {@link #builder(String)}, changed
 * with {@link #toBuilder()}.
 *
 * <p>The node holds the JSON of curator-x-discovery's {@code ServiceInstance}, so that Curator
 * applications and Warden ones see each other's instances. {@link #metadata()} is Curator's
 * {@code payload}: a JSON object whose values are plain JSON values (kept in the form Jackson reads
 * them back: whole numbers as Integer, Long or BigInteger, other numbers as Double, objects as maps,
 * arrays as lists). {@link #payloadClass()} is the Java class a Curator reader should build from the
 * payload; without one Curator reads it as a {@code Map}.
 */
public final class ServiceInstance {
    /** The payload key Jackson uses for the payload's class; not allowed as a metadata key. */
    public static final String CLASS_KEY = "@class";

    /** The order of instance lists: by id, then by registration time (a sequential id may repeat). */
    static final Comparator<ServiceInstance> ORDER = Comparator.comparing(ServiceInstance::id)
            .thenComparingLong(ServiceInstance::registrationTimeUtcMs);

    private final String name;
    private final String id;
    private final String address;
    private final Integer port;
    private final Integer sslPort;
    private final Map<String, Object> metadata;
    private final long registrationTimeUtcMs;
    private final ServiceType serviceType;
    private final String uriSpec;
    private final boolean enabled;
    private final String payloadClass;

    private ServiceInstance(Builder builder) {
        this.name = builder.name;
        this.id = builder.id;
        this.address = builder.address;
        this.port = builder.port;
        this.sslPort = builder.sslPort;
        this.metadata = builder.metadata;
        this.registrationTimeUtcMs = builder.registrationTimeUtcMs;
        this.serviceType = builder.serviceType;
        this.uriSpec = builder.uriSpec;
        this.enabled = builder.enabled;
        this.payloadClass = builder.payloadClass;
    }

    /** A builder for an instance of service {@code name}, with a random id and the other defaults. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this instance's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public String name() {
        return name;
    }

    public String id() {
        return id;
    }

    /** The host name or IP address, or null. */
    public String address() {
        return address;
    }

    /** The plain port, or null. */
    public Integer port() {
        return port;
    }

    /** The TLS port, or null. */
    public Integer sslPort() {
        return sslPort;
    }

    /** The payload as plain JSON values, unmodifiable; empty when there is none. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** When the instance was made, in milliseconds since the epoch (UTC). */
    public long registrationTimeUtcMs() {
        return registrationTimeUtcMs;
    }

    public ServiceType serviceType() {
        return serviceType;
    }

    /** The URI template, such as {@code {scheme}://{address}:{port}}, or null. */
    public String uriSpec() {
        return uriSpec;
    }

    /** False for an instance that stays registered but must not be picked by providers. */
    public boolean enabled() {
        return enabled;
    }

    /** The Java class Curator readers build the payload as, or null for a map. */
    public String payloadClass() {
        return payloadClass;
    }

    /** {@link #uri(Map)} with no extra variables. */
    public String uri() {
        return uri(Map.of());
    }

    /**
     * The URI template with its variables filled in, or null without a template. The variables are
     * those of Curator: {@code scheme} ({@code https} when there is an sslPort, else {@code http}),
     * {@code name}, {@code id}, {@code address}, {@code port}, {@code ssl-port},
     * {@code registration-time-utc}, {@code service-type} (in lower case), and {@code [} and {@code ]}
     * for braces; {@code extra} adds or overrides variables. Unknown or null ones expand to nothing.
     */
    public String uri(Map<String, ?> extra) {
        if (uriSpec == null) {
            return null;
        }
        Map<String, Object> values = new HashMap<>();
        values.put("scheme", sslPort != null ? "https" : "http");
        values.put("name", name);
        values.put("id", id);
        values.put("address", address);
        values.put("port", port);
        values.put("ssl-port", sslPort);
        values.put("registration-time-utc", registrationTimeUtcMs);
        values.put("service-type", serviceType.name().toLowerCase(Locale.ROOT));
        values.putAll(extra);
        return UriTemplate.expand(UriTemplate.parse(uriSpec), values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceInstance that && name.equals(that.name) && id.equals(that.id)
                && Objects.equals(address, that.address) && Objects.equals(port, that.port)
                && Objects.equals(sslPort, that.sslPort) && metadata.equals(that.metadata)
                && registrationTimeUtcMs == that.registrationTimeUtcMs && serviceType == that.serviceType
                && Objects.equals(uriSpec, that.uriSpec) && enabled == that.enabled
                && Objects.equals(payloadClass, that.payloadClass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, id, address, port, sslPort, metadata, registrationTimeUtcMs, serviceType, uriSpec,
                enabled, payloadClass);
    }

    @Override
    public String toString() {
        return "ServiceInstance[name=" + name + ", id=" + id + ", address=" + address + ", port=" + port
                + ", sslPort=" + sslPort + ", metadata=" + metadata + ", registrationTimeUtcMs="
                + registrationTimeUtcMs + ", serviceType=" + serviceType + ", uriSpec=" + uriSpec + ", enabled="
                + enabled + (payloadClass == null ? "" : ", payloadClass=" + payloadClass) + "]";
    }

    /**
     * The values of an instance. Defaults: a random UUID as id, no address, ports, metadata, URI
     * template or payload class, the current time as registration time, {@link ServiceType#DYNAMIC},
     * enabled.
     */
    public static final class Builder {
        private String name;
        private String id;
        private String address;
        private Integer port;
        private Integer sslPort;
        private Map<String, Object> metadata = Map.of();
        private long registrationTimeUtcMs;
        private ServiceType serviceType = ServiceType.DYNAMIC;
        private String uriSpec;
        private boolean enabled = true;
        private String payloadClass;

        private Builder(String name) {
            name(name);
            this.id = UUID.randomUUID().toString();
            this.registrationTimeUtcMs = System.currentTimeMillis();
        }

        private Builder(ServiceInstance instance) {
            this.name = instance.name;
            this.id = instance.id;
            this.address = instance.address;
            this.port = instance.port;
            this.sslPort = instance.sslPort;
            this.metadata = instance.metadata;
            this.registrationTimeUtcMs = instance.registrationTimeUtcMs;
            this.serviceType = instance.serviceType;
            this.uriSpec = instance.uriSpec;
            this.enabled = instance.enabled;
            this.payloadClass = instance.payloadClass;
        }

        /** The service's name; not empty. */
        public Builder name(String value) {
            this.name = requireText(value, "name");
            return this;
        }

        /** The instance's id, unique within the service; not empty. */
        public Builder id(String value) {
            this.id = requireText(value, "id");
            return this;
        }

        public Builder address(String value) {
            this.address = value;
            return this;
        }

        public Builder port(Integer value) {
            this.port = value;
            return this;
        }

        public Builder sslPort(Integer value) {
            this.sslPort = value;
            return this;
        }

        /**
         * The payload: keys to values Jackson can write as JSON; they are kept as JSON reads them
         * back (a bean becomes a map). The key {@value ServiceInstance#CLASS_KEY} is reserved.
         */
        public Builder metadata(Map<String, ?> value) {
            Objects.requireNonNull(value, "metadata");
            if (value.containsKey(CLASS_KEY)) {
                throw new IllegalArgumentException("the metadata key " + CLASS_KEY
                        + " is reserved; set the payload class with payloadClass()");
            }
            this.metadata = JsonValues.normalize(value);
            return this;
        }

        public Builder registrationTimeUtcMs(long value) {
            this.registrationTimeUtcMs = value;
            return this;
        }

        public Builder serviceType(ServiceType value) {
            this.serviceType = Objects.requireNonNull(value, "serviceType");
            return this;
        }

        /** A URI template such as {@code {scheme}://{address}:{port}/api}, or null. */
        public Builder uriSpec(String value) {
            if (value != null) {
                List<UriTemplate.Part> parts = UriTemplate.parse(value);
                if (parts.isEmpty()) {
                    throw new IllegalArgumentException("the URI template must not be empty; use null for none");
                }
            }
            this.uriSpec = value;
            return this;
        }

        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /** The Java class (binary name) a Curator reader builds the payload as, or null for a map. */
        public Builder payloadClass(String value) {
            if (value != null && value.isEmpty()) {
                throw new IllegalArgumentException("payloadClass must not be empty; use null for none");
            }
            this.payloadClass = value;
            return this;
        }

        public ServiceInstance build() {
            return new ServiceInstance(this);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return value;
        }
    }
}
