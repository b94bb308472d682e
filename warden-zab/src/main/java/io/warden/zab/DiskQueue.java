package io.warden.zab;

import io.warden.common.Checks;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Numbers the records the core asks the host to persist and runs what waits for them: an action
 * registered with {@link #whenDurable} runs once every record issued before it is durable.
 */
final class DiskQueue {
    private record Waiting(long writeId, Runnable action) {
    }

    private long lastIssued;
    private long lastSynced;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    void persist(DiskWrite write, List<ZabOutput> out) {
        lastIssued++;
        out.add(new ZabOutput.Persist(lastIssued, write));
    }

    /** Runs {@code action} now if nothing is pending, else once everything issued so far is durable. */
    void whenDurable(Runnable action) {
        if (lastSynced >= lastIssued) {
            action.run();
        } else {
            waiting.add(new Waiting(lastIssued, action));
        }
    }

    void synced(long writeId) {
        Checks.check(writeId <= lastIssued, "disk reports write %d synced, only %d issued", writeId, lastIssued);
        if (writeId <= lastSynced) {
            return;
        }
        lastSynced = writeId;
        while (!waiting.isEmpty() && waiting.peekFirst().writeId() <= lastSynced) {
            waiting.pollFirst().action().run();
        }
    }
}
