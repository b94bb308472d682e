package io.warden.it;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A hand-written writer of jute-encoded bytes (big-endian ints and longs, length-prefixed strings and
 * buffers), for building client frames byte by byte in raw-socket tests.
 */
final class JuteBytes {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(buffer);

    static JuteBytes create() {
        return new JuteBytes();
    }

    JuteBytes i32(int v) {
        try {
            out.writeInt(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    JuteBytes i64(long v) {
        try {
            out.writeLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    JuteBytes bool(boolean v) {
        return raw(new byte[] {(byte) (v ? 1 : 0)});
    }

    /** A ustring: length in bytes then UTF-8, or length -1 for null. */
    JuteBytes ustring(String s) {
        return s == null ? i32(-1) : buffer(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A buffer: length then bytes, or length -1 for null. */
    JuteBytes buffer(byte[] b) {
        if (b == null) {
            return i32(-1);
        }
        i32(b.length);
        return raw(b);
    }

    /** An ACL vector of {perms, scheme, id} triples. */
    JuteBytes acl(int perms, String scheme, String id) {
        return i32(1).i32(perms).ustring(scheme).ustring(id);
    }

    JuteBytes raw(byte[] b) {
        buffer.write(b, 0, b.length);
        return this;
    }

    byte[] bytes() {
        return buffer.toByteArray();
    }

    /** The bytes written so far, preceded by their length: one frame. */
    byte[] frame() {
        byte[] payload = bytes();
        return JuteBytes.create().i32(payload.length).raw(payload).bytes();
    }
}
