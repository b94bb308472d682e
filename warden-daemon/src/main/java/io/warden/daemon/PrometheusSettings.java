package io.warden.daemon;

import io.warden.daemon.config.ServerConfig;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the Prometheus scrape is served: on when {@code metricsProvider.className} names
 * ZooKeeper's Prometheus provider, on {@code metricsProvider.httpHost}:{@code
 * metricsProvider.httpPort} (ZooKeeper's defaults: 0.0.0.0 and 7000), path {@value #PATH}.
 */
record PrometheusSettings(String host, int port) {
    static final String PROVIDER = "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider";
    static final String PATH = "/metrics";
    static final int DEFAULT_PORT = 7000;
    static final String DEFAULT_HOST = "0.0.0.0";
    private static final String PORT_KEY = "metricsProvider.httpPort";
    private static final String HOST_KEY = "metricsProvider.httpHost";

    /** The settings, or empty when the configuration names another provider (the default). */
    static Optional<PrometheusSettings> of(ServerConfig config) throws IOException {
        if (!PROVIDER.equals(config.metricsProviderClassName())) {
            return Optional.empty();
        }
        String host = config.extraKeys().getOrDefault(HOST_KEY, DEFAULT_HOST).trim();
        if (host.isEmpty()) {
            throw new IOException("zoo.cfg: " + HOST_KEY + ": expected a host name or address, got ''");
        }
        String portText = config.extraKeys().getOrDefault(PORT_KEY, Integer.toString(DEFAULT_PORT)).trim();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65_535) {
            throw new IOException("zoo.cfg: " + PORT_KEY + ": expected a port from 0 to 65535, got '" + portText
                    + "'");
        }
        return Optional.of(new PrometheusSettings(host, port));
    }
}
