package io.warden.daemon;

import io.warden.daemon.config.ServerConfig;
import io.warden.server.OperationalMetrics;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's metrics: the measurements its threads record ({@link OperationalMetrics}), and the
 * Prometheus endpoint when the configuration asks for one (off otherwise).
 */
final class DaemonMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonMetrics.class);

    final OperationalMetrics metrics = new OperationalMetrics();
    private final Optional<PrometheusSettings> prometheus;
    private PrometheusEndpoint endpoint;

    private DaemonMetrics(Optional<PrometheusSettings> prometheus) {
        this.prometheus = prometheus;
    }

    /** Reads the settings; a bad port or host is an error before anything starts. */
    static DaemonMetrics forConfig(ServerConfig config) throws IOException {
        return new DaemonMetrics(PrometheusSettings.of(config));
    }

    /** Has the disk and snapshot threads record their timings here; before they start. */
    void measure(DiskWriter<?> disk, Snapshotter snapshotter) {
        disk.measureInto(metrics);
        snapshotter.measureInto(metrics);
    }

    /** Binds the Prometheus port if configured. */
    void start() throws IOException {
        if (prometheus.isEmpty()) {
            return;
        }
        PrometheusSettings settings = prometheus.get();
        endpoint = PrometheusEndpoint.start(settings, new PrometheusScrape(metrics));
        metrics.startPublishing();
        LOG.info("Prometheus metrics on http://{}:{}{}", settings.host(), endpoint.port(), PrometheusSettings.PATH);
    }

    /** The Prometheus port, or -1 when it is off. */
    int prometheusPort() {
        return endpoint == null ? -1 : endpoint.port();
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
