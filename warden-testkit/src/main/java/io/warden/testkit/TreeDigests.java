package io.warden.testkit;

import io.warden.common.Zxid;
import java.util.HashMap;
import java.util.Map;

/**
 * The state every replica had after applying each zxid (its tree digest and session table, folded
 * into one value): whichever replica gets to a zxid
 * first records it, and every other replica (and every later incarnation) must match it.
 */
final class TreeDigests {
    private final Map<Long, Long> digestByZxid = new HashMap<>();

    void observe(long server, long zxid, long digest) {
        Long seen = digestByZxid.putIfAbsent(zxid, digest);
        if (seen != null && seen != digest) {
            throw new CheckFailure(Invariants.SAME_TREE, "server " + server + " holds a tree (nodes and sessions) with digest "
                    + Long.toHexString(digest) + " at " + Zxid.toHex(zxid) + ", another replica had "
                    + Long.toHexString(seen));
        }
    }
}
