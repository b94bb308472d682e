package io.warden.recipes.counter;

import java.nio.ByteBuffer;

/**
 * A counter's value as its node holds it: eight bytes, a big-endian two's-complement long, as
 * Curator's {@code DistributedAtomicLong} writes it. A node with no data holds 0.
 */
final class CounterCodec {
    /** The size of a stored value. */
    static final int VALUE_BYTES = Long.BYTES;

    private CounterCodec() {
    }

    static byte[] encode(long value) {
        return ByteBuffer.allocate(VALUE_BYTES).putLong(value).array();
    }

    /** The value of {@code data}; IllegalStateException naming {@code path} when it is not a counter's. */
    static long decode(String path, byte[] data) {
        if (data == null || data.length == 0) {
            return 0;
        }
        if (data.length != VALUE_BYTES) {
            throw new IllegalStateException(path + " holds " + data.length + " bytes, not a counter: a counter holds "
                    + VALUE_BYTES + " (a big-endian long)");
        }
        return ByteBuffer.wrap(data).getLong();
    }
}
