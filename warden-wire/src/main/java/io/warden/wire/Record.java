package io.warden.wire;

/** A value with a jute encoding. Decoding is a static {@code read(JuteInput)} on each record. */
public interface Record {
    void writeTo(JuteOutput out);

    /** The record's bytes alone, without a length prefix. */
    default byte[] toBytes() {
        JuteOutput out = new JuteOutput(64);
        writeTo(out);
        return out.toByteArray();
    }
}
