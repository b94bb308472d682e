package io.warden.daemon;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

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

    /**
     * @param perConnectionMax the bound of one connection, which the total is never below
     * @param heapMaxBytes the heap's maximum ({@link Runtime#maxMemory()})
     * @param directMaxBytes the direct memory limit ({@link #maxDirectMemoryBytes()})
     */
    static long of(long perConnectionMax, long heapMaxBytes, long directMaxBytes) {
        long derived = Math.min(CAP, Math.min(heapMaxBytes / 4, directMaxBytes / 4));
        return Math.max(perConnectionMax, derived);
    }

    /** This JVM's bound, from its heap and direct memory limits. */
    static long forThisJvm(long perConnectionMax) {
        return of(perConnectionMax, Runtime.getRuntime().maxMemory(), maxDirectMemoryBytes());
    }

    /**
     * {@code -XX:MaxDirectMemorySize}, or the heap's maximum when it is not set (the JVM's default
     * then) or cannot be read.
     */
    static long maxDirectMemoryBytes() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String value = null;
        if (hotSpot != null) {
            try {
                value = hotSpot.getVMOption("MaxDirectMemorySize").getValue();
            } catch (IllegalArgumentException e) { // no such option on this JVM
                value = null;
            }
        }
        return directLimit(value, Runtime.getRuntime().maxMemory());
    }

    /** The direct memory limit the option's value (bytes; 0 or absent: not set) gives. */
    static long directLimit(String maxDirectMemorySize, long heapMaxBytes) {
        if (maxDirectMemorySize == null) {
            return heapMaxBytes;
        }
        try {
            long set = Long.parseLong(maxDirectMemorySize.strip());
            return set > 0 ? set : heapMaxBytes;
        } catch (NumberFormatException e) {
            return heapMaxBytes;
        }
    }
}
