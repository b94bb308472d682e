package io.warden.daemon;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.warden.server.OperationalMetrics;
import io.warden.server.ValueSummary;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text of a Prometheus scrape, under the names ZooKeeper's Prometheus provider exports: each
 * numeric {@code mntr} value {@code zk_NAME} as the gauge {@code NAME} (ZooKeeper's provider drops
 * the {@code zk_} prefix that {@code mntr} adds), each {@code mntr} summary as a Prometheus summary
 * of the same base name, and Warden's own {@code warden_*} values and summaries.
 *
 * <p>Values come from what the driver thread published ({@link OperationalMetrics#published}) and
 * from the summaries other threads record into; nothing here reads the driver's state. Not
 * thread-safe: one scrape at a time (the endpoint runs one).
 */
final class PrometheusScrape {
    private static final String MNTR_PREFIX = "zk_";
    /** The parts of a summary as mntr prints it: {@code zk_avg_X}, ..., {@code zk_p999_X}. */
    private static final Pattern SUMMARY_PART = Pattern.compile("(avg|min|max|cnt|sum|p50|p95|p99|p999)_(.+)");
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private final OperationalMetrics metrics;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Set<String> registered = new HashSet<>();

    PrometheusScrape(OperationalMetrics metrics) {
        this.metrics = metrics;
        feed("fsynctime", metrics.fsyncTimeMs);
        feed("snapshottime", metrics.snapshotTimeMs);
        feed("sync_processor_batch_size", metrics.batchSize);
        feed("warden_commit_latency_ms", metrics.commitLatencyMs);
        feed("warden_batch_size", metrics.batchSize);
        feed("warden_fsync_time_ms", metrics.fsyncTimeMs);
        feed("warden_snapshot_time_ms", metrics.snapshotTimeMs);
    }

    private void feed(String name, ValueSummary source) {
        source.addListener(summary(name)::record);
    }

    private DistributionSummary summary(String name) {
        registered.add(name);
        return DistributionSummary.builder(name).publishPercentiles(QUANTILES).register(registry);
    }

    /** The scrape in Prometheus text format, registering meters for values published since the last. */
    synchronized String scrape() {
        Map<String, Object> published = metrics.published();
        Set<String> summaryNames = new HashSet<>();
        for (String key : published.keySet()) {
            if (key.startsWith(MNTR_PREFIX + "cnt_")) {
                summaryNames.add(key.substring((MNTR_PREFIX + "cnt_").length()));
            } else if (key.startsWith("warden_cnt_")) {
                summaryNames.add("warden_" + key.substring("warden_cnt_".length()));
            }
        }
        for (Map.Entry<String, Object> entry : published.entrySet()) {
            String name = exportedName(entry.getKey(), summaryNames);
            if (name == null || registered.contains(name) || numeric(entry.getValue()) == null) {
                continue;
            }
            String key = entry.getKey();
            registered.add(name);
            Gauge.builder(name, metrics, m -> valueOf(m.published().get(key))).register(registry);
        }
        for (String name : summaryNames) {
            if (!registered.contains(name)) {
                summary(name);
            }
        }
        return registry.scrape();
    }

    /** The name a mntr key is exported under, or null when it is part of a summary exported whole. */
    private static String exportedName(String key, Set<String> summaryNames) {
        String bare;
        String prefix;
        if (key.startsWith(MNTR_PREFIX)) {
            bare = key.substring(MNTR_PREFIX.length());
            prefix = "";
        } else if (key.startsWith("warden_")) {
            bare = key.substring("warden_".length());
            prefix = "warden_";
        } else {
            return null;
        }
        var part = SUMMARY_PART.matcher(bare);
        if (part.matches() && summaryNames.contains(prefix + part.group(2))) {
            return null;
        }
        return prefix + bare;
    }

    private static Double numeric(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static double valueOf(Object value) {
        Double number = numeric(value);
        return number == null ? Double.NaN : number;
    }
}
