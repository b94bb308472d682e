package io.warden.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The simulated clients: every so often they send a few writes, mostly to the established leader,
 * sometimes to any running server, and now and then retry writes that were rejected.
 */
final class Workload {
    private static final double LEADER_SHARE = 0.85;
    private static final double RETRY_SHARE = 0.5;
    private static final int WRITES_PER_REQUEST_MAX = 3;

    private final Cluster cluster;
    private final Dice dice;
    private final int intervalMs;
    private boolean active;

    Workload(Cluster cluster, Dice dice, int intervalMs) {
        this.cluster = cluster;
        this.dice = dice;
        this.intervalMs = intervalMs;
    }

    void start() {
        active = true;
        scheduleNext();
    }

    void stop() {
        active = false;
    }

    private void scheduleNext() {
        cluster.scheduleIn(dice.between(1, 2 * intervalMs), "write", this::request);
    }

    private void request() {
        if (!active) {
            return;
        }
        scheduleNext();
        List<Long> running = cluster.runningIds();
        if (running.isEmpty()) {
            return;
        }
        OptionalLong leader = cluster.leader();
        long target = leader.isPresent() && dice.chance(LEADER_SHARE) ? leader.getAsLong() : dice.pick(running);
        int count = dice.between(1, WRITES_PER_REQUEST_MAX);
        List<Long> writes = new ArrayList<>(dice.chance(RETRY_SHARE) ? cluster.takeRejected(count) : List.of());
        writes.addAll(cluster.newWriteIds(count - writes.size()));
        cluster.proposeWrites(target, writes);
    }
}
