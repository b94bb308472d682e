package io.warden.recipes.locks;

import java.time.Duration;

/**
 * A lock shared by every process that uses the same path. Holds are per thread and re-entrant: a
 * thread that holds the lock may acquire it again and must release it as often.
 *
 * <p>A lock lives as long as the session of the client that took it. When the connection is
 * {@code SUSPENDED} the hold is in doubt; when the session is {@code LOST} or {@code EXPIRED} the
 * lock is gone and another process may hold it. Guard what the lock protects with the
 * {@link #fencingToken()}: a resource that refuses tokens lower than the highest it has seen cannot
 * be written by a holder whose lock was lost without it knowing.
 */
public interface DistributedLock {

    /** Waits as long as it takes. */
    void acquire() throws InterruptedException;

    /** Waits at most {@code timeout}; true when the lock is now held by this thread. */
    boolean acquire(Duration timeout) throws InterruptedException;

    /** Releases one hold of this thread; the last release deletes the lock node. */
    void release() throws InterruptedException;

    boolean isHeldByCurrentThread();

    /**
     * A number that grows with every new holder of this lock: the zxid that created the holder's
     * lock node. Valid while the current thread holds the lock.
     *
     * @throws IllegalMonitorStateException when this thread does not hold the lock
     */
    long fencingToken();
}
