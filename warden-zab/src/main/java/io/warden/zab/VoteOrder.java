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

    /** True when history {@code (epochA, zxidA)} is strictly more recent than {@code (epochB, zxidB)}. */
    static boolean historyAhead(long epochA, long zxidA, long epochB, long zxidB) {
        return epochA != epochB ? epochA > epochB : zxidA > zxidB;
    }
}
