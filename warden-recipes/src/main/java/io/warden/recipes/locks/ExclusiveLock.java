package io.warden.recipes.locks;

import io.warden.client.WardenClient;
import io.warden.recipes.Deadline;
import java.time.Duration;
import java.util.List;

/**
 * A mutual-exclusion lock: one thread of one process at a time. Contenders queue fairly in the
 * order they asked. The nodes are those of Curator's {@code InterProcessMutex} on the same path
 * ({@code _c_<uuid>-lock-<sequence>}), so a Curator application and a Warden one exclude each
 * other.
 */
public final class ExclusiveLock implements DistributedLock {
    /** Curator's lock name. */
    static final String LOCK_NAME = "lock-";

    private final String path;
    private final LockContest contest;
    private final ThreadHolds holds = new ThreadHolds();
    private final byte[] nodeData;

    public ExclusiveLock(WardenClient client, String path) {
        this(client, path, new byte[0]);
    }

    /** {@code nodeData} is stored in this process's lock nodes, to tell who holds or waits. */
    public ExclusiveLock(WardenClient client, String path, byte[] nodeData) {
        this.path = path;
        this.contest = new LockContest(client, path, LOCK_NAME, new String[] {LOCK_NAME}, LockContest.firstN(1));
        this.nodeData = nodeData.clone();
    }

    @Override
    public void acquire() throws InterruptedException {
        acquire(Deadline.never());
    }

    @Override
    public boolean acquire(Duration timeout) throws InterruptedException {
        return acquire(Deadline.after(timeout));
    }

    private boolean acquire(Deadline deadline) throws InterruptedException {
        if (holds.reenter()) {
            return true;
        }
        LockContest.Won won = contest.enter(deadline, nodeData);
        if (won == null) {
            return false;
        }
        holds.first(won);
        return true;
    }

    @Override
    public void release() throws InterruptedException {
        LockContest.Won last = holds.release("the lock " + path);
        if (last != null) {
            contest.leave(last.path());
        }
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return holds.heldByCurrentThread();
    }

    @Override
    public long fencingToken() {
        return holds.token("the lock " + path);
    }

    /** The names of the lock's nodes, holder first, then the waiters in order. */
    public List<String> participantNodes() throws InterruptedException {
        return contest.contenders();
    }

    @Override
    public String toString() {
        return "ExclusiveLock[" + path + "]";
    }
}
