package io.warden.recipes;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread of a recipe's own, on which it runs blocking steps one at a time. Watchers and state
 * listeners (which run on the client's event thread and must not block) only ask for a step; asks
 * that arrive while one is already waiting collapse into it, so a burst of events costs one step.
 */
public final class SerialWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialWorker.class);
    /** How long close() waits for a running step to notice the interrupt. */
    static final long CLOSE_WAIT_MS = 5_000;

    private final ExecutorService executor;
    private final AtomicBoolean stepQueued = new AtomicBoolean();

    public SerialWorker(String threadName) {
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code step} soon, unless a run of it is already queued and not yet started. */
    public void ask(Step step) {
        if (!stepQueued.compareAndSet(false, true)) {
            return;
        }
        submit(() -> {
            stepQueued.set(false);
            step.run();
        });
    }

    /** Runs {@code task} after what is queued, every time. */
    public void submit(Step task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.warn("a recipe step failed; it runs again at the next event", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("step after close dropped");
        }
    }

    /** Stops taking steps; waits a bounded time for the running one. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A blocking step. */
    @FunctionalInterface
    public interface Step {
        void run() throws InterruptedException;
    }
}
