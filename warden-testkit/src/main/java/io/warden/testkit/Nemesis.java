package io.warden.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Injects the faults a run's {@link FaultMix} allows, at random moments: crashes (the leader
 * more often than its share; now, at the next unsynced write, or, on the real files, inside a
 * disk operation) with a restart later, slow disks, symmetric and asymmetric
 * partitions and an isolated leader, each healing later. Under every mix, even without faults,
 * an operator now and then asks the leader to hand leadership to a random voter.
 */
final class Nemesis {
    private static final double CRASH_LEADER_SHARE = 0.4;
    private static final double CRASH_ON_WRITE_SHARE = 0.5;
    private static final double TRANSFER_TO_LEADER_SHARE = 0.9;
    /** With the real files: the share of crashes that strike inside a disk operation. */
    private static final double CRASH_INSIDE_DISK_OPERATION_SHARE = 0.4;
    private static final int DISK_OPERATIONS_AHEAD_MAX = 30;
    private static final int DOWN_MIN_MS = 100;
    private static final int DOWN_MAX_MS = 10_000;
    private static final int CUT_MIN_MS = 500;
    private static final int CUT_MAX_MS = 8_000;
    private static final int SLOW_MIN_MS = 1_000;
    private static final int SLOW_MAX_MS = 8_000;

    private final Cluster cluster;
    private final Dice dice;
    private final FaultMix mix;
    private final int intervalMs;
    private boolean active;

    Nemesis(Cluster cluster, Dice dice, FaultMix mix, int intervalMs) {
        this.cluster = cluster;
        this.dice = dice;
        this.mix = mix;
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
        cluster.scheduleIn(dice.between(intervalMs / 2, intervalMs * 3 / 2), "fault", this::strike);
    }

    private void strike() {
        if (!active) {
            return;
        }
        scheduleNext();
        List<Runnable> faults = new ArrayList<>();
        faults.add(this::transferLeadership);
        if (mix.crashes()) {
            faults.add(this::crashOne);
            faults.add(this::crashOne);
            faults.add(this::slowDisk);
        }
        if (mix.partitions()) {
            faults.add(this::split);
            faults.add(this::blockSome);
            faults.add(this::isolateLeader);
        }
        if (!faults.isEmpty()) {
            dice.pick(faults).run();
        }
    }

    private void crashOne() {
        List<Long> running = cluster.runningIds();
        if (running.isEmpty()) {
            return;
        }
        OptionalLong leader = cluster.leader();
        long victim = leader.isPresent() && dice.chance(CRASH_LEADER_SHARE) ? leader.getAsLong() : dice.pick(running);
        if (cluster.replicatedServers() && dice.chance(CRASH_INSIDE_DISK_OPERATION_SHARE)) {
            cluster.crashDuringDiskWrite(victim, dice.between(1, DISK_OPERATIONS_AHEAD_MAX));
        } else if (dice.chance(CRASH_ON_WRITE_SHARE)) {
            cluster.crashOnUnsyncedWrite(victim);
        } else {
            cluster.crash(victim);
        }
        cluster.scheduleIn(dice.between(DOWN_MIN_MS, DOWN_MAX_MS), "restart " + victim, () -> {
            if (!cluster.isRunning(victim)) {
                cluster.restart(victim);
            }
        });
    }

    private void slowDisk() {
        long server = dice.pick(new ArrayList<>(cluster.ids()));
        cluster.setSlowDisk(server, true);
        cluster.scheduleIn(dice.between(SLOW_MIN_MS, SLOW_MAX_MS), "fast disk " + server,
                () -> cluster.setSlowDisk(server, false));
    }

    private void split() {
        List<Long> ids = new ArrayList<>(cluster.ids());
        for (int i = ids.size() - 1; i > 0; i--) {
            int j = dice.below(i + 1);
            Long swap = ids.get(i);
            ids.set(i, ids.get(j));
            ids.set(j, swap);
        }
        int cut = dice.between(1, ids.size() - 1);
        Set<Long> a = new TreeSet<>(ids.subList(0, cut));
        Set<Long> b = new TreeSet<>(ids.subList(cut, ids.size()));
        cluster.partition(a, b);
        healLater();
    }

    private void blockSome() {
        List<Long> ids = new ArrayList<>(cluster.ids());
        int count = dice.between(1, 3);
        for (int i = 0; i < count; i++) {
            long from = dice.pick(ids);
            long to = dice.pick(ids);
            if (from != to) {
                cluster.block(from, to);
            }
        }
        healLater();
    }

    private void isolateLeader() {
        OptionalLong leader = cluster.leader();
        cluster.isolate(leader.isPresent() ? leader.getAsLong() : dice.pick(new ArrayList<>(cluster.ids())));
        healLater();
    }

    /** Not a fault: the leader (or, now and then, any running server) is asked to hand over to a voter. */
    private void transferLeadership() {
        List<Long> running = cluster.runningIds();
        if (running.isEmpty()) {
            return;
        }
        OptionalLong leader = cluster.leader();
        long asked = leader.isPresent() && dice.chance(TRANSFER_TO_LEADER_SHARE) ? leader.getAsLong()
                : dice.pick(running);
        cluster.transferLeadership(asked, dice.pick(new ArrayList<>(cluster.voters())));
    }

    private void healLater() {
        cluster.scheduleIn(dice.between(CUT_MIN_MS, CUT_MAX_MS), "heal", cluster::heal);
    }
}
