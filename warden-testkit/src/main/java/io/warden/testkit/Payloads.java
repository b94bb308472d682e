package io.warden.testkit;

import java.nio.ByteBuffer;

/**
 * The simulated clients' payloads: 8 bytes holding a write id unique across the run, so that any
 * entry tells which write it is (or, with replicated servers, a transaction creating
 * {@code /w<write id>}).
 */
public final class Payloads {
    /** The length of every payload the simulator makes. */
    public static final int LENGTH = Long.BYTES;

    private Payloads() {
    }

    public static byte[] of(long writeId) {
        return ByteBuffer.allocate(LENGTH).putLong(writeId).array();
    }

    /**
     * The write id a payload holds; -1 for a payload the simulator did not make. With replicated
     * servers the payload is a transaction, and a write is the creation of {@code /w<write id>}.
     */
    public static long writeId(byte[] payload) {
        if (payload.length == LENGTH) {
            return ByteBuffer.wrap(payload).getLong();
        }
        return TreeReplica.writeIdOf(payload);
    }
}
