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
import io.warden.recipes.Waits;
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
                ProtectedCreate.deleteOwn(client, node.path());
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
        while (true) {
            Waits.requireOpen(client);
            if (!entry.acquire(Duration.ofNanos(deadline.remainingNanos()))) {
                return null;
            }
            Attempt attempt;
            try {
                attempt = waitForLease(deadline);
            } finally {
                entry.release();
            }
            if (attempt.lease != null || !attempt.startOver) {
                return attempt.lease;
            }
        }
    }

    /** The outcome of one pass under the entry lock: a lease, nothing (deadline), or "start over". */
    private record Attempt(Lease lease, boolean startOver) {
    }

    /**
     * Holding the entry lock: creates a lease node and waits until it is among the first
     * {@code maxLeases}. If the session ends meanwhile, the lease node and the entry lock's node both
     * went with it, so the whole acquire starts over (as Curator's semaphore does); carrying on with
     * a new lease node alone would let two acquirers wait on each other forever.
     */
    private Attempt waitForLease(Deadline deadline) throws InterruptedException {
        BlockingClient blocking = client.blocking();
        Created ours = null;
        boolean granted = false;
        try (Wakeup wakeup = new Wakeup(client)) {
            ours = ProtectedCreate.create(client, leasesPath, LEASE_NAME, new byte[0], CreateMode.EPHEMERAL_SEQUENTIAL);
            while (true) {
                Waits.requireOpen(client);
                try {
                    List<String> leases = blocking.getChildren(leasesPath, wakeup).names();
                    if (!leases.contains(ZnodePaths.name(ours.path()))
                            || ours.stat().ephemeralOwner() != client.sessionId()) {
                        return new Attempt(null, true);
                    }
                    if (leases.size() <= maxLeases && client.isConnected()) {
                        granted = true;
                        return new Attempt(new Lease(ours), false);
                    }
                } catch (WardenException e) {
                    if (!Waits.isTransient(e.code())) {
                        throw e;
                    }
                }
                if (!wakeup.await(deadline)) {
                    return new Attempt(null, false);
                }
            }
        } finally {
            if (!granted && ours != null) {
                ProtectedCreate.deleteOwn(client, ours.path());
            }
        }
    }
}
