package io.warden.recipes.barrier;

import io.warden.client.BlockingClient;
import io.warden.client.CreateMode;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.common.ZnodePaths;
import io.warden.recipes.Deadline;
import io.warden.recipes.Wakeup;
import io.warden.recipes.Waits;
import io.warden.wire.ErrorCode;
import java.time.Duration;
import java.util.Objects;

/**
 * A barrier that holds processes back while its node exists: {@link #set()} creates the node,
 * {@link #remove()} deletes it, and {@link #waitOnBarrier} returns once it is gone. The semantics
 * and the node of Curator's {@code DistributedBarrier}, so the two can share a barrier.
 *
 * <p>The node is persistent: the barrier stays set when the process that set it goes away. Missing
 * parents are created as containers. A waiter sees the barrier down as soon as the node is
 * deleted, even if it is set again right after; a barrier that was never set does not hold anyone.
 * {@link #set()} and {@link #remove()} are idempotent, so they try again after a connection loss.
 * Waiting must not happen on the client's event thread.
 */
public final class Barrier {
    /** Attempts at {@link #set()} or {@link #remove()} when the connection keeps dropping. */
    static final int ATTEMPTS_MAX = 10;

    private final WardenClient client;
    private final BlockingClient blocking;
    private final String path;

    public Barrier(WardenClient client, String path) {
        String problem = ZnodePaths.problem(path);
        if (problem != null || path.equals("/")) {
            throw new IllegalArgumentException("invalid barrier path " + path + ": "
                    + (problem != null ? problem : "the root cannot be a barrier"));
        }
        this.client = Objects.requireNonNull(client, "client");
        this.blocking = client.blocking();
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** Sets the barrier (creates its node); setting a set barrier changes nothing. */
    public void set() throws InterruptedException {
        WardenException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
            try {
                blocking.create(path, new byte[0], CreateMode.PERSISTENT);
                return;
            } catch (WardenException e) {
                last = e;
                if (e.code() == ErrorCode.NODEEXISTS) {
                    return;
                }
                if (e.code() == ErrorCode.NONODE) {
                    blocking.ensureContainers(ZnodePaths.parent(path));
                } else if (e.code() != ErrorCode.CONNECTIONLOSS) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** Removes the barrier (deletes its node), letting every waiter through; removing it twice is fine. */
    public void remove() throws InterruptedException {
        WardenException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
            try {
                blocking.delete(path, -1);
                return;
            } catch (WardenException e) {
                last = e;
                if (e.code() == ErrorCode.NONODE) {
                    return;
                }
                if (e.code() != ErrorCode.CONNECTIONLOSS) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** True while the barrier is set. */
    public boolean isSet() throws InterruptedException {
        return blocking.exists(path) != null;
    }

    /** Waits as long as it takes for the barrier to be removed. */
    public void waitOnBarrier() throws InterruptedException {
        waitOnBarrier(Deadline.never());
    }

    /**
     * Waits at most {@code timeout} while the barrier is set: true once it is removed (or when it was
     * never set), false at the timeout.
     */
    public boolean waitOnBarrier(Duration timeout) throws InterruptedException {
        return waitOnBarrier(Deadline.after(timeout));
    }

    private boolean waitOnBarrier(Deadline deadline) throws InterruptedException {
        try (Wakeup wakeup = new Wakeup(client)) {
            while (true) {
                try {
                    if (blocking.exists(path, wakeup) == null) {
                        return true;
                    }
                } catch (WardenException e) {
                    if (!Waits.isTransient(e.code())) {
                        throw e;
                    }
                    // Wait for the connection (the wakeup hears of it) instead of spinning; a closed client ends it.
                    Waits.requireOpen(client);
                }
                if (!wakeup.await(deadline)) {
                    return false;
                }
            }
        }
    }
}
