package io.warden.recipes.locks;

import io.warden.client.WardenClient;
import io.warden.common.ZnodePaths;
import io.warden.recipes.Deadline;
import io.warden.recipes.SequenceOrder;
import java.time.Duration;
import java.util.List;

/**
 * A read-write lock: many readers or one writer. Requests are served in the order they were made,
 * so a waiting writer is not starved by later readers. A thread holding the write lock may also
 * take the read lock. The node names are those of Curator's {@code InterProcessReadWriteLock}
 * ({@code __READ__} and {@code __WRIT__}), so the two interoperate on the same path.
 */
public final class ReadWriteLock {
    static final String READ_NAME = "__READ__";
    static final String WRITE_NAME = "__WRIT__";
    private static final String[] MARKERS = {READ_NAME, WRITE_NAME};

    private final Side write;
    private final Side read;

    public ReadWriteLock(WardenClient client, String path) {
        this.write = new Side(path, new LockContest(client, path, WRITE_NAME, MARKERS, LockContest.firstN(1)), null);
        this.read = new Side(path, new LockContest(client, path, READ_NAME, MARKERS, ReadWriteLock::readBlocker),
                write);
    }

    /** Readers proceed unless a writer asked before them; they wait for the first such writer. */
    private static String readBlocker(List<String> sorted, String ours) {
        for (String node : sorted) {
            if (node.equals(ours)) {
                return null;
            }
            if (node.contains(WRITE_NAME)) {
                return node;
            }
        }
        return null;
    }

    public DistributedLock readLock() {
        return read;
    }

    public DistributedLock writeLock() {
        return write;
    }

    /** One side of the lock. */
    private static final class Side implements DistributedLock {
        private final String path;
        private final LockContest contest;
        private final Side writeOrNull;
        private final ThreadHolds holds = new ThreadHolds();

        Side(String path, LockContest contest, Side writeOrNull) {
            this.path = path;
            this.contest = contest;
            this.writeOrNull = writeOrNull;
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
            LockContest.Won won;
            LockContest.Won writeNode = writeOrNull == null ? null : writeOrNull.holds.heldNode();
            if (writeNode != null) {
                // A writer taking the read lock: a node beside its write node, with the same sequence
                // (as Curator makes it), so that after the write lock goes no waiting writer gets ahead.
                String sequence = SequenceOrder.sortKey(ZnodePaths.name(writeNode.path()), WRITE_NAME);
                won = contest.enter(deadline, new byte[0], (sorted, ours) -> null, sequence);
            } else {
                won = contest.enter(deadline, new byte[0]);
            }
            if (won == null) {
                return false;
            }
            holds.first(won);
            return true;
        }

        @Override
        public void release() throws InterruptedException {
            LockContest.Won last = holds.release(what());
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
            return holds.token(what());
        }

        private String what() {
            return (writeOrNull == null ? "the write lock " : "the read lock ") + path;
        }
    }
}
