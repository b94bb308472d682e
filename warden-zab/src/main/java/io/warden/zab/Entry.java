package io.warden.zab;

import io.warden.common.Zxid;

/** One transaction of the replicated history: its zxid and its opaque payload. */
public record Entry(long zxid, byte[] payload) {
    public Entry {
        if (payload == null) {
            throw new IllegalArgumentException("payload of " + Zxid.toHex(zxid) + " is null");
        }
    }

    @Override
    public String toString() {
        return "Entry[" + Zxid.toHex(zxid) + ", " + payload.length + " bytes]";
    }
}
