package io.warden.cli.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps idle sessions alive: every half second, a connection that has sent nothing for a third of
 * its negotiated session timeout gets a ping, as ZooKeeper's own client does.
 */
final class Pinger implements AutoCloseable {
    private static final long CHECK_INTERVAL_MS = 500;

    private final List<BenchConnection> connections = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-pinger");
        thread.setDaemon(true);
        return thread;
    });

    Pinger() {
        executor.scheduleWithFixedDelay(this::pingIdle, CHECK_INTERVAL_MS, CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    void add(BenchConnection connection) {
        connections.add(connection);
    }

    private void pingIdle() {
        long now = System.nanoTime();
        for (BenchConnection connection : connections) {
            long idleMs = TimeUnit.NANOSECONDS.toMillis(now - connection.lastSendNanos());
            if (connection.isOpen() && idleMs > connection.negotiatedTimeoutMs() / 3) {
                connection.ping();
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
