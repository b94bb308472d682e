package io.warden.server;

/**
 * What one client connection may hold in the server, and what happens at each bound. Reading a
 * connection stops (and resumes once it is under half of every bound) as ZooKeeper throttles a
 * connection; requests past the identity and watch bounds get ZooKeeper's error codes.
 *
 * @param outstandingMax            {@code globalOutstandingLimit}: requests of one connection that
 *                                  are queued, writes in flight, and replies and notifications the
 *                                  transport has not written yet; at the bound the connection is
 *                                  no longer read
 * @param outstandingBytesMax       the bytes of those requests and of those replies, for one
 *                                  connection; at the bound the connection is no longer read, and
 *                                  nothing more is answered on it until its replies are written
 * @param globalOutstandingBytesMax the same bytes summed over all connections; a connection that
 *                                  sends while the sum is at the bound is no longer read until the
 *                                  sum is under half of it
 * @param identitiesMax             distinct auth identities of one connection (its ip identity
 *                                  included); an auth past it is AUTHFAILED and closes the connection
 * @param identityBytesMax          the total length of those identities, likewise
 * @param watchesMax                watches one connection holds (a path and a kind count once);
 *                                  a read or addWatch that would register one more, or a
 *                                  setWatches whose lists would go past it, is THROTTLEDOP
 */
public record ConnectionLimits(int outstandingMax, long outstandingBytesMax, long globalOutstandingBytesMax,
        int identitiesMax, int identityBytesMax, int watchesMax) {

    /** ZooKeeper's {@code globalOutstandingLimit} default. */
    public static final int OUTSTANDING_MAX_DEFAULT = 1000;
    public static final long OUTSTANDING_BYTES_MAX_DEFAULT = 4L << 20;
    public static final long GLOBAL_OUTSTANDING_BYTES_MAX_DEFAULT = 256L << 20;
    public static final int IDENTITIES_MAX_DEFAULT = 32;
    public static final int IDENTITY_BYTES_MAX_DEFAULT = 8 << 10;
    public static final int WATCHES_MAX_DEFAULT = 100_000;

    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(OUTSTANDING_MAX_DEFAULT,
            OUTSTANDING_BYTES_MAX_DEFAULT, GLOBAL_OUTSTANDING_BYTES_MAX_DEFAULT, IDENTITIES_MAX_DEFAULT,
            IDENTITY_BYTES_MAX_DEFAULT, WATCHES_MAX_DEFAULT);

    public ConnectionLimits {
        if (outstandingMax < 1 || outstandingBytesMax < 1 || globalOutstandingBytesMax < 1 || identitiesMax < 1
                || identityBytesMax < 1 || watchesMax < 0) {
            throw new IllegalArgumentException("connection limits must be positive: " + outstandingMax + ", "
                    + outstandingBytesMax + ", " + globalOutstandingBytesMax + ", " + identitiesMax + ", "
                    + identityBytesMax + ", " + watchesMax);
        }
    }

    public ConnectionLimits withOutstandingMax(int max) {
        return new ConnectionLimits(max, outstandingBytesMax, globalOutstandingBytesMax, identitiesMax,
                identityBytesMax, watchesMax);
    }

    public ConnectionLimits withOutstandingBytesMax(long perConnection, long global) {
        return new ConnectionLimits(outstandingMax, perConnection, global, identitiesMax, identityBytesMax,
                watchesMax);
    }

    public ConnectionLimits withIdentities(int max, int bytesMax) {
        return new ConnectionLimits(outstandingMax, outstandingBytesMax, globalOutstandingBytesMax, max, bytesMax,
                watchesMax);
    }

    public ConnectionLimits withWatchesMax(int max) {
        return new ConnectionLimits(outstandingMax, outstandingBytesMax, globalOutstandingBytesMax, identitiesMax,
                identityBytesMax, max);
    }
}
