package io.warden.common;

/**
 * Arithmetic on zxids, kept as plain {@code long}s on hot paths: the high 32 bits are the epoch,
 * the low 32 bits the counter within the epoch.
 */
public final class Zxid {
    public static final long COUNTER_MAX = 0xFFFF_FFFFL;

    private Zxid() {
    }

    public static long of(long epoch, long counter) {
        Checks.check(epoch >= 0 && epoch <= 0x7FFF_FFFFL, "epoch out of range: %d", epoch);
        Checks.check(counter >= 0 && counter <= COUNTER_MAX, "counter out of range: %d", counter);
        return (epoch << 32) | counter;
    }

    public static long epoch(long zxid) {
        return zxid >>> 32;
    }

    public static long counter(long zxid) {
        return zxid & COUNTER_MAX;
    }

    /** The form ZooKeeper prints: {@code 0x} followed by lower-case hex without padding. */
    public static String toHex(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }
}
