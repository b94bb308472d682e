package io.warden.zab;

import io.warden.common.Zxid;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * One server's view of the ensemble and the core's bounds.
 *
 * @param myId this server's id
 * @param voters the participants: they vote in elections and their acknowledgements count
 * @param observers servers that learn commits but never vote
 * @param quorum decides what is a quorum of {@code voters}
 * @param initLimitTicks how long a leader may take to get a quorum synchronised, and a follower
 *     to become up to date, before giving up (ZooKeeper's {@code initLimit})
 * @param syncLimitTicks how long a leader and a follower may go without hearing from each other
 *     once synchronised (ZooKeeper's {@code syncLimit})
 * @param electionResendTicks how often a looking server sends its vote again
 * @param counterMax the largest zxid counter a leader uses; past it the leader steps down so that
 *     a new epoch starts (ZooKeeper: the 32-bit counter rolling over)
 * @param proposalsInFlightMax proposals a leader holds uncommitted before refusing more
 * @param syncBatchMax transactions per message while synchronising a follower
 * @param retainedBytesMax the payload bytes a leader holds in memory (every transaction after its
 *     host's last snapshot, committed or not) before it takes no more proposals; its host's
 *     next snapshot, reported with {@link ZabInput.Compacted}, makes room again
 * @param messageBytesMax payload bytes per {@code Proposals} message at most (one entry alone
 *     always goes): a batch, or a follower's backlog, larger than this is sent in several, so a
 *     message stays far below the transport's frame bound however many proposals waited
 */
public record ZabConfig(long myId, Set<Long> voters, Set<Long> observers, Quorum quorum,
        int initLimitTicks, int syncLimitTicks, int electionResendTicks, long counterMax,
        int proposalsInFlightMax, int syncBatchMax, long retainedBytesMax, int messageBytesMax) {

    public static final int INIT_LIMIT_TICKS_DEFAULT = 10;
    public static final int SYNC_LIMIT_TICKS_DEFAULT = 5;
    public static final int ELECTION_RESEND_TICKS_DEFAULT = 2;
    public static final int PROPOSALS_IN_FLIGHT_MAX_DEFAULT = 1000;
    public static final int SYNC_BATCH_MAX_DEFAULT = 1000;
    public static final long RETAINED_BYTES_MAX_DEFAULT = 1L << 30;
    public static final int MESSAGE_BYTES_MAX_DEFAULT = 4 << 20;

    public ZabConfig {
        // sorted, so that every JVM iterates them in the same order (runs must replay exactly)
        voters = Collections.unmodifiableSortedSet(new TreeSet<>(voters));
        observers = Collections.unmodifiableSortedSet(new TreeSet<>(observers));
        if (!voters.contains(myId) && !observers.contains(myId)) {
            throw new IllegalArgumentException("server " + myId + " is neither a voter nor an observer");
        }
        for (Long id : observers) {
            if (voters.contains(id)) {
                throw new IllegalArgumentException("server " + id + " is both a voter and an observer");
            }
        }
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one voter");
        }
        positive("initLimitTicks", initLimitTicks);
        positive("syncLimitTicks", syncLimitTicks);
        positive("electionResendTicks", electionResendTicks);
        positive("proposalsInFlightMax", proposalsInFlightMax);
        positive("syncBatchMax", syncBatchMax);
        positive("messageBytesMax", messageBytesMax);
        if (retainedBytesMax <= 0) {
            throw new IllegalArgumentException("retainedBytesMax must be positive: " + retainedBytesMax);
        }
        if (counterMax < 2 || counterMax > Zxid.COUNTER_MAX) {
            throw new IllegalArgumentException("counterMax must be in [2, " + Zxid.COUNTER_MAX + "]: " + counterMax);
        }
    }

    /** The defaults ZooKeeper users know, with a majority quorum of {@code voters}. */
    public static ZabConfig of(long myId, Set<Long> voters, Set<Long> observers) {
        return new ZabConfig(myId, voters, observers, Quorum.majority(voters), INIT_LIMIT_TICKS_DEFAULT,
                SYNC_LIMIT_TICKS_DEFAULT, ELECTION_RESEND_TICKS_DEFAULT, Zxid.COUNTER_MAX,
                PROPOSALS_IN_FLIGHT_MAX_DEFAULT, SYNC_BATCH_MAX_DEFAULT, RETAINED_BYTES_MAX_DEFAULT,
                MESSAGE_BYTES_MAX_DEFAULT);
    }

    public ZabConfig withCounterMax(long max) {
        return new ZabConfig(myId, voters, observers, quorum, initLimitTicks, syncLimitTicks, electionResendTicks,
                max, proposalsInFlightMax, syncBatchMax, retainedBytesMax, messageBytesMax);
    }

    public ZabConfig withQuorum(Quorum q) {
        return new ZabConfig(myId, voters, observers, q, initLimitTicks, syncLimitTicks, electionResendTicks,
                counterMax, proposalsInFlightMax, syncBatchMax, retainedBytesMax, messageBytesMax);
    }

    public ZabConfig withLimits(int initTicks, int syncTicks, int inFlightMax, int batchMax) {
        return new ZabConfig(myId, voters, observers, quorum, initTicks, syncTicks, electionResendTicks,
                counterMax, inFlightMax, batchMax, retainedBytesMax, messageBytesMax);
    }

    public ZabConfig withRetainedBytesMax(long bytesMax) {
        return new ZabConfig(myId, voters, observers, quorum, initLimitTicks, syncLimitTicks, electionResendTicks,
                counterMax, proposalsInFlightMax, syncBatchMax, bytesMax, messageBytesMax);
    }

    public ZabConfig withMessageBytesMax(int bytesMax) {
        return new ZabConfig(myId, voters, observers, quorum, initLimitTicks, syncLimitTicks, electionResendTicks,
                counterMax, proposalsInFlightMax, syncBatchMax, retainedBytesMax, bytesMax);
    }

    public boolean isObserver() {
        return observers.contains(myId);
    }

    /** Every other server of the ensemble, voters first, each in id order. */
    public Set<Long> peers() {
        TreeSet<Long> all = new TreeSet<>(voters);
        all.addAll(observers);
        all.remove(myId);
        return all;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
