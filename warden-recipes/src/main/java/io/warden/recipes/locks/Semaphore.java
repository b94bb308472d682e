package io.warden.recipes.locks;

import io.warden.client.BlockingClient;
import io.warden.client.CreateMode;
import io.warden.client.Created;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.common.ZnodePaths;
import io.warden.recipes.Deadline;
import io.warden.recipes.ProtectedCreate;
import io.warden.recipes.Wakeup;
import io.warden.wire.ErrorCode;
import java.time.Duration;
import java.util.List;

/**
 * A counting semaphore: at most {@code maxLeases} leases held at once across every process using
 * the path. Lease nodes live under {@code path/leases} and entry is serialised by an
 * {@link ExclusiveLock} on {@code path/locks}: the layout of Curator's {@code InterProcessSemaphoreV2},
 * so the two share a semaphore when they agree on {@code maxLeases}.
 */
public final class Semaphore {
    static final String LEASE_NAME = "lease-";

    private final WardenClient client;
    private final String leasesPath;
    private final ExclusiveLock entry;
    private final int maxLeases;

    public Semaphore(WardenClient client, String path, int maxLeases) {
        if (maxLeases < 1) {
            throw new IllegalArgumentException("maxLeases must be at least 1, not " + maxLeases);
        }
        this.client = client;
        this.leasesPath = ZnodePaths.child(path, "leases");
        this.entry = new ExclusiveLock(client, ZnodePaths.child(path, "locks"));
        this.maxLeases = maxLeases;
    }

    /** A held lease; closing it gives it back. */
    public final class Lease implements AutoCloseable {
        private final Created node;
        private boolean closed;

        private Lease(Created node) {
            this.node = node;
        }

        /** The zxid that created the lease's node: it grows with every lease handed out. */
        public long fencingToken() {
            return node.stat().czxid();
        }

        public String nodePath() {
            return node.path();
        }

        @Override
        public synchronized void close() throws InterruptedException {
            if (!closed) {
                closed = true;
                ProtectedCreate.deleteOwnEphemeral(client.blocking(), node.path());
            }
        }
    }

    /** Waits as long as it takes for a lease. */
    public Lease acquire() throws InterruptedException {
        return acquire(Deadline.never());
    }

    /** Waits at most {@code timeout}; null when no lease came free in time. */
    public Lease acquire(Duration timeout) throws InterruptedException {
        return acquire(Deadline.after(timeout));
    }

    private Lease acquire(Deadline deadline) throws InterruptedException {
        if (!entry.acquire(Duration.ofNanos(deadline.remainingNanos()))) {
            return null;
        }
        BlockingClient blocking = client.blocking();
        Created ours = null;
        boolean granted = false;
        try (Wakeup wakeup = new Wakeup(client)) {
            ours = ProtectedCreate.create(blocking, leasesPath, LEASE_NAME, new byte[0], CreateMode.EPHEMERAL_SEQUENTIAL);
            while (true) {
                try {
                    List<String> leases = blocking.getChildren(leasesPath, wakeup).names();
                    if (!leases.contains(ZnodePaths.name(ours.path()))) {
                        ours = ProtectedCreate.create(blocking, leasesPath, LEASE_NAME, new byte[0],
                                CreateMode.EPHEMERAL_SEQUENTIAL);
                        continue;
                    }
                    if (leases.size() <= maxLeases) {
                        granted = true;
                        return new Lease(ours);
                    }
                } catch (WardenException e) {
                    if (e.code() != ErrorCode.CONNECTIONLOSS && e.code() != ErrorCode.SESSIONEXPIRED) {
                        throw e;
                    }
                    if (deadline.expired()) {
                        return null;
                    }
                    continue;
                }
                if (!wakeup.await(deadline)) {
                    return null;
                }
            }
        } finally {
            try {
                if (!granted && ours != null) {
                    ProtectedCreate.deleteOwnEphemeral(blocking, ours.path());
                }
            } finally {
                entry.release();
            }
        }
    }
}
