package io.warden.recipes.locks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which threads hold a lock, on which node, and how many times (locks are re-entrant per thread). */
final class ThreadHolds {
    private static final class Hold {
        final LockContest.Won node;
        int count = 1;

        Hold(LockContest.Won node) {
            this.node = node;
        }
    }

    private final Map<Thread, Hold> holds = new ConcurrentHashMap<>();

    /** True (and one more hold counted) when the current thread already holds the lock. */
    boolean reenter() {
        Hold hold = holds.get(Thread.currentThread());
        if (hold == null) {
            return false;
        }
        hold.count++;
        return true;
    }

    void first(LockContest.Won node) {
        holds.put(Thread.currentThread(), new Hold(node));
    }

    /** Counts one release; the node to delete when it was the last hold, else null. */
    LockContest.Won release(String what) {
        Hold hold = holds.get(Thread.currentThread());
        if (hold == null) {
            throw new IllegalMonitorStateException("this thread does not hold " + what);
        }
        if (--hold.count > 0) {
            return null;
        }
        holds.remove(Thread.currentThread());
        return hold.node;
    }

    boolean heldByCurrentThread() {
        return holds.containsKey(Thread.currentThread());
    }

    /** The current thread's node, or null when it holds nothing. */
    LockContest.Won heldNode() {
        Hold hold = holds.get(Thread.currentThread());
        return hold == null ? null : hold.node;
    }

    long token(String what) {
        Hold hold = holds.get(Thread.currentThread());
        if (hold == null) {
            throw new IllegalMonitorStateException("this thread does not hold " + what);
        }
        return hold.node.czxid();
    }
}
