package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** An error code as a body: a failed multi sub-op, and the reply to addWatch (106) with 0. */
public record ErrorResponse(int err) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeInt(err);
    }

    public static ErrorResponse read(JuteInput in) throws WireFormatException {
        return new ErrorResponse(in.readInt());
    }
}
