package io.warden.daemon;

/**
 * How much of the log an ensemble member keeps in memory. Its consensus core holds every
 * transaction after the last snapshot (to synchronise followers from), so a member snapshots after
 * {@code snapSizeLimitInKb} of them (a randomised point in its upper half, as ZooKeeper), and a
 * leader that holds {@link #RETAINED_PER_SNAP_SIZE_LIMIT} times that takes no more proposals until
 * its snapshot is written. Without a byte bound, a client writing large nodes filled the heap
 * long before {@code snapCount} transactions: 229 writes of 1 MB ran two of three members with
 * 256 MiB heaps out of memory.
 */
final class RetainedLogBounds {
    /** ZooKeeper's default {@code snapSizeLimitInKb}: 4 GiB. */
    static final long ZOOKEEPER_SNAP_SIZE_LIMIT_BYTES = 4L << 30;
    /**
     * The default limit is this part of the heap at most. The bytes counted are payloads; under
     * G1 a payload of half a region or more (1 MiB regions below a 2 GiB heap) is a humongous
     * object taking whole regions, so 1 MB payloads take about twice their bytes. Members with
     * 128 MiB heaps under sixteen writers of 1 MB nodes ran out of memory with an eighth.
     */
    static final int HEAP_PARTS = 16;
    /** A leader's bound on what it holds in memory, in snapshot size limits. */
    static final int RETAINED_PER_SNAP_SIZE_LIMIT = 2;

    private RetainedLogBounds() {
    }

    /**
     * The bytes of transactions between snapshots.
     *
     * @param configuredKiB {@code snapSizeLimitInKb}, or -1 when not set
     * @param heapMaxBytes the heap's maximum ({@link Runtime#maxMemory()})
     */
    static long snapSizeLimitBytes(long configuredKiB, long heapMaxBytes) {
        if (configuredKiB > 0) {
            return configuredKiB > Long.MAX_VALUE / 1024 ? Long.MAX_VALUE : configuredKiB * 1024;
        }
        return Math.max(1, Math.min(ZOOKEEPER_SNAP_SIZE_LIMIT_BYTES, heapMaxBytes / HEAP_PARTS));
    }

    /** The payload bytes a leader holds in memory before it takes no more proposals. */
    static long retainedBytesMax(long snapSizeLimitBytes) {
        return snapSizeLimitBytes > Long.MAX_VALUE / RETAINED_PER_SNAP_SIZE_LIMIT ? Long.MAX_VALUE
                : snapSizeLimitBytes * RETAINED_PER_SNAP_SIZE_LIMIT;
    }
}
