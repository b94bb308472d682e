package io.warden.testkit;

import java.nio.ByteBuffer;

/**
 * The simulated clients' payloads: 8 bytes holding a write id unique across the run, so that any
 * entry tells which write it is.
 */
public final class Payloads {
    /** The length of every payload the simulator makes. */
    public static final int LENGTH = Long.BYTES;

    private Payloads() {
    }

    public static byte[] of(long writeId) {
        return ByteBuffer.allocate(LENGTH).putLong(writeId).array();
    }

    /** The write id a payload holds; -1 for a payload the simulator did not make. */
    public static long writeId(byte[] payload) {
        if (payload.length != LENGTH) {
            return -1;
        }
        return ByteBuffer.wrap(payload).getLong();
    }
}
