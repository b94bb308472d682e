package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The header in front of each multi sub-op and result; {@code done} marks the terminator. */
public record MultiHeader(int type, boolean done, int err) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeInt(type);
        out.writeBoolean(done);
        out.writeInt(err);
    }

    public static MultiHeader read(JuteInput in) throws WireFormatException {
        return new MultiHeader(in.readInt(), in.readBoolean(), in.readInt());
    }
}
