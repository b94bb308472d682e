package io.warden.daemon;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The JVM's memory limits, which the default bounds on what clients and peers may make the server
 * hold are derived from.
 *
 * @param heapMaxBytes the heap's maximum ({@link Runtime#maxMemory()})
 * @param directMaxBytes the direct memory limit: {@code -XX:MaxDirectMemorySize}, or the heap's
 *     maximum when it is not set (the JVM's default then)
 */
record JvmMemory(long heapMaxBytes, long directMaxBytes) {

    /** This JVM's limits. */
    static JvmMemory ofThisJvm() {
        long heapMax = Runtime.getRuntime().maxMemory();
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String value = null;
        if (hotSpot != null) {
            try {
                value = hotSpot.getVMOption("MaxDirectMemorySize").getValue();
            } catch (IllegalArgumentException e) { // no such option on this JVM
                value = null;
            }
        }
        return new JvmMemory(heapMax, directLimit(value, heapMax));
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
