package io.warden.testkit;

/** The names the simulator gives the properties it checks; they appear in every violation. */
final class Invariants {
    static final String ONE_LEADER_PER_EPOCH = "one leader per epoch";
    static final String EPOCHS_NEVER_DECREASE = "epochs never decrease";
    static final String EPOCH_ACCEPTED_FIRST = "a server's current epoch is one it accepted (currentEpoch <= acceptedEpoch)";
    static final String COMMITTED_PREFIX = "committed histories are prefixes of one another";
    static final String ZXIDS_CONTIGUOUS = "committed zxids are contiguous";
    static final String COMMITTED_ONCE = "a write is committed at most once";
    static final String COMMITTED_DURABLE = "the last committed entry is durable on a quorum";
    static final String ACKNOWLEDGED_KEPT = "acknowledged writes are committed in zxid order and never lost";
    static final String CONVERGED = "every server's applied history equals the committed history";
    static final String SAME_TREE = "replicas at the same zxid hold the same tree (digest)";
    static final String FILES_READ_BACK = "the storage code carries out every record and reads its files back after a crash";
    static final String LIVENESS = "liveness";
    static final String LINKS_HOLD = "without faults, no leader-follower link breaks";
    static final String HOST_CONTRACT = "the core keeps the host contract";
    static final String CORE_CHECK = "the core's own invariant check";
    static final String CORE_EXCEPTION = "the core throws nothing";

    private Invariants() {
    }

    /** Whether a violation of {@code invariant} means the replicated history is unsafe. */
    static boolean isSafety(String invariant) {
        return invariant.equals(ONE_LEADER_PER_EPOCH) || invariant.equals(EPOCHS_NEVER_DECREASE)
                || invariant.equals(EPOCH_ACCEPTED_FIRST)
                || invariant.equals(COMMITTED_PREFIX) || invariant.equals(ZXIDS_CONTIGUOUS)
                || invariant.equals(COMMITTED_ONCE) || invariant.equals(COMMITTED_DURABLE)
                || invariant.equals(ACKNOWLEDGED_KEPT) || invariant.equals(CONVERGED)
                || invariant.equals(SAME_TREE) || invariant.equals(FILES_READ_BACK);
    }
}
