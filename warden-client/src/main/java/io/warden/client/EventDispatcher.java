package io.warden.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's event thread: watch events, state changes and the completions of asynchronous
 * calls run here, one at a time, in the order the I/O thread produced them. Application code that
 * throws is logged and does not stop later events.
 */
final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final ExecutorService executor;
    private volatile Thread thread;

    EventDispatcher(String threadName) {
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread created = new Thread(task, threadName);
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    /**
     * Runs {@code task} after everything dispatched before it. After {@link #shutdown} the task runs
     * on the calling thread instead, so that no future is left incomplete.
     */
    void dispatch(Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("a watcher, listener or callback threw; later events are still delivered", e);
            }
        };
        try {
            executor.execute(guarded);
        } catch (RejectedExecutionException e) {
            guarded.run();
        }
    }

    boolean isEventThread() {
        return Thread.currentThread() == thread;
    }

    /** Delivers what is queued, then stops; waits for that unless called on the event thread itself. */
    void shutdown(long waitMs) throws InterruptedException {
        executor.shutdown();
        if (!isEventThread()) {
            executor.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
        }
    }
}
