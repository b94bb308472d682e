package io.warden.zab;

/**
 * The order of candidates in an election, as in ZooKeeper's fast leader election: the newer
 * current epoch wins, then the higher last zxid, then the higher server id.
 */
final class VoteOrder {
    private VoteOrder() {
    }

    static boolean isNewer(long epochA, long zxidA, long idA, long epochB, long zxidB, long idB) {
        if (epochA != epochB) {
            return epochA > epochB;
        }
        if (zxidA != zxidB) {
            return zxidA > zxidB;
        }
        return idA > idB;
    }

    /**
     * {@link #isNewer}, except that between two candidates with the same history {@code preferred}
     * (a successor a stepping-down leader named; 0 for none) wins whatever the ids.
     */
    static boolean isNewer(long epochA, long zxidA, long idA, long epochB, long zxidB, long idB, long preferred) {
        if (preferred != 0 && epochA == epochB && zxidA == zxidB && (idA == preferred) != (idB == preferred)) {
            return idA == preferred;
        }
        return isNewer(epochA, zxidA, idA, epochB, zxidB, idB);
    }

    /** True when history {@code (epochA, zxidA)} is strictly more recent than {@code (epochB, zxidB)}. */
    static boolean historyAhead(long epochA, long zxidA, long epochB, long zxidB) {
        return epochA != epochB ? epochA > epochB : zxidA > zxidB;
    }
}
