package io.warden.recipes;

import io.warden.client.ConnectionState;
import io.warden.client.ConnectionStateListener;
import io.warden.client.WardenClient;
import io.warden.client.WatchEvent;
import io.warden.client.Watcher;
import java.util.concurrent.TimeUnit;

/**
 * What a recipe's waiting thread sleeps on: woken by any watch event given to it (it is a
 * {@link Watcher}) and by every connection state change, so that a waiter re-checks the tree both
 * when the node it watches changes and when the session it relies on is in trouble.
 */
public final class Wakeup implements Watcher, ConnectionStateListener, AutoCloseable {
    private final WardenClient client;
    private boolean signalled;

    /** Listens to {@code client}'s state until closed. Must not be used on the client's event thread. */
    public Wakeup(WardenClient client) {
        if (client.isEventThread()) {
            throw new IllegalStateException("a recipe cannot wait on the client's event thread: the events it"
                    + " waits for would queue behind it; call it from another thread");
        }
        this.client = client;
        client.addConnectionStateListener(this);
    }

    @Override
    public synchronized void onEvent(WatchEvent event) {
        signalled = true;
        notifyAll();
    }

    @Override
    public synchronized void stateChanged(ConnectionState state, long sessionId) {
        signalled = true;
        notifyAll();
    }

    /**
     * Waits until woken or the deadline passes; true when woken (the signal is consumed), false at
     * the deadline.
     */
    public synchronized boolean await(Deadline deadline) throws InterruptedException {
        while (!signalled) {
            long remaining = deadline.remainingNanos();
            if (remaining <= 0) {
                return false;
            }
            if (deadline.isNever()) {
                wait();
            } else {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
        }
        signalled = false;
        return true;
    }

    /** Stops listening, and forgets the watches set with this wakeup (they would fire into nothing). */
    @Override
    public void close() {
        client.removeConnectionStateListener(this);
        client.forgetWatcher(this);
    }
}
