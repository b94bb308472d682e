package io.warden.testkit;

/** Which kinds of faults a simulated run injects during its fault phase. */
enum FaultMix {
    /** A perfect network and no crashes: the baseline. */
    NONE(false, false, false, false),
    /** Messages get lost. */
    LOSSY(true, false, false, false),
    /** Messages overtake each other and arrive twice. */
    REORDERING(false, true, false, false),
    /** Symmetric and asymmetric partitions, and an isolated leader, each healing later. */
    PARTITIONS(false, false, true, false),
    /** Servers (sometimes the leader) crash and restart later; disks are sometimes slow. */
    CRASHES(false, false, false, true),
    /** All of the above at once. */
    EVERYTHING(true, true, true, true);

    private final boolean lossy;
    private final boolean reordering;
    private final boolean partitions;
    private final boolean crashes;

    FaultMix(boolean lossy, boolean reordering, boolean partitions, boolean crashes) {
        this.lossy = lossy;
        this.reordering = reordering;
        this.partitions = partitions;
        this.crashes = crashes;
    }

    boolean lossy() {
        return lossy;
    }

    boolean reordering() {
        return reordering;
    }

    boolean partitions() {
        return partitions;
    }

    boolean crashes() {
        return crashes;
    }
}
