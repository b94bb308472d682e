package io.warden.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measurements that threads other than the driver take (the disk thread's fsyncs and batches,
 * the snapshot thread's snapshots), and the {@code mntr} values the driver publishes for readers
 * on other threads (the Prometheus scrape). Nothing here is read or written by two threads
 * without a lock or an atomic: the driver's state is only ever read through {@link #published}.
 */
public final class OperationalMetrics {
    /** Milliseconds each sync of the transaction log took (ZooKeeper's {@code fsynctime}). */
    public final ValueSummary fsyncTimeMs = new ValueSummary();
    /** Milliseconds each snapshot took to write, from its first node to its file being durable. */
    public final ValueSummary snapshotTimeMs = new ValueSummary();
    /** Milliseconds from a batch of log records leaving the disk queue to its records being durable. */
    public final ValueSummary commitLatencyMs = new ValueSummary();
    /** Records written per log sync (group commit). */
    public final ValueSummary batchSize = new ValueSummary();

    private final AtomicReference<Map<String, Object>> published = new AtomicReference<>(Map.of());
    /** Whether anyone reads {@link #published}: without a reader the driver does not build it. */
    private volatile boolean publishing;

    /** Asks the driver to publish the {@code mntr} values each tick (a metrics endpoint reads them). */
    public void startPublishing() {
        publishing = true;
    }

    boolean isPublishing() {
        return publishing;
    }

    /** Called by the driver thread with a fresh copy of the {@code mntr} values. */
    void publish(Map<String, Object> values) {
        published.set(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** The {@code mntr} values the driver published last (empty before its first tick), in mntr's order. */
    public Map<String, Object> published() {
        return published.get();
    }
}
