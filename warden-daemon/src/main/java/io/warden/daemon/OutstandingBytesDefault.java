package io.warden.daemon;

/**
 * The default bound on the bytes all client connections together may hold in the server (their
 * requests not done, their replies not written; {@code warden.globalOutstandingBytesMax} left at
 * 0): a quarter of the heap and a quarter of the direct memory limit, at most {@link #CAP}.
 *
 * <p>The direct memory limit counts because Netty copies every reply queued on a connection into a
 * pooled direct buffer, so unwritten replies live in direct memory, with the pool's size classes
 * and the chunks it keeps on top (measured at more than twice the bytes the server counted: with
 * a 256 MiB heap and a 128 MiB direct limit, a bound of a quarter of the heap ran the direct
 * memory out). Past the limit the JDK has the allocating event loop call {@code System.gc()} and
 * sleep, up to about half a second an allocation, and every connection on that loop stalls for
 * seconds.
 */
final class OutstandingBytesDefault {
    /** The bound at most, whatever the memory. */
    static final long CAP = 1L << 30;

    private OutstandingBytesDefault() {
    }

    /** @param perConnectionMax the bound of one connection, which the total is never below */
    static long of(long perConnectionMax, JvmMemory memory) {
        long derived = Math.min(CAP, Math.min(memory.heapMaxBytes() / 4, memory.directMaxBytes() / 4));
        return Math.max(perConnectionMax, derived);
    }
}
