package io.warden.recipes.leader;

import io.warden.client.ConnectionState;
import io.warden.client.ConnectionStateListener;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.recipes.locks.ExclusiveLock;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Leadership} in one participant at a time: participants queue for an
 * {@link ExclusiveLock} on the path (the layout of Curator's {@code LeaderSelector}, so the two
 * take turns), and the holder leads until its work returns. With {@link #autoRequeue} the
 * participant queues again afterwards. When the connection is {@code SUSPENDED}, or the session is
 * lost, the leading thread is interrupted: a leader that may have lost its lock must stop.
 */
public final class LeaderSelector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderSelector.class);
    private static final AtomicInteger SELECTORS = new AtomicInteger();
    /** How long close() waits for the leading work to return after its interrupt. */
    static final long CLOSE_WAIT_MS = 10_000;

    private final WardenClient client;
    private final String path;
    private final ExclusiveLock lock;
    private final Leadership leadership;
    private final ConnectionStateListener stateListener = this::onStateChange;
    private final Thread thread;
    private volatile boolean autoRequeue;
    private volatile boolean leading;
    private volatile boolean closed;
    private final AtomicInteger terms = new AtomicInteger();

    public LeaderSelector(WardenClient client, String path, String participantId, Leadership leadership) {
        this.client = client;
        this.path = path;
        this.lock = new ExclusiveLock(client, path, participantId.getBytes(StandardCharsets.UTF_8));
        this.leadership = leadership;
        this.thread = new Thread(this::run, "warden-leader-selector-" + SELECTORS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    /** Queue again after each term of leadership, until closed. */
    public LeaderSelector autoRequeue() {
        this.autoRequeue = true;
        return this;
    }

    public synchronized LeaderSelector start() {
        if (thread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("the selector of " + path + " is already started");
        }
        client.addConnectionStateListener(stateListener);
        thread.start();
        return this;
    }

    public boolean hasLeadership() {
        return leading;
    }

    /** How many terms of leadership this participant has begun. */
    public int terms() {
        return terms.get();
    }

    @Override
    public void close() {
        closed = true;
        client.removeConnectionStateListener(stateListener);
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onStateChange(ConnectionState state, long sessionId) {
        if (leading && (state == ConnectionState.SUSPENDED || state.isSessionGone())) {
            LOG.info("interrupting the leader of {}: the connection is {}", path, state);
            thread.interrupt();
        }
    }

    private void run() {
        do {
            try {
                lock.acquire();
                try {
                    leading = true;
                    terms.incrementAndGet();
                    leadership.lead(lock.fencingToken());
                } finally {
                    leading = false;
                    Thread.interrupted();
                    lock.release();
                }
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (WardenException e) {
                if (closed) {
                    return;
                }
                LOG.warn("the leader election at {} failed: {}; queueing again", path, e.toString());
            } catch (Exception | AssertionError e) {
                LOG.error("the leadership work at {} failed", path, e);
            }
        } while (autoRequeue && !closed);
    }
}
