package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The reply to create (1): the path actually created, sequence suffix included. */
public record CreateResponse(String path) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
    }

    public static CreateResponse read(JuteInput in) throws WireFormatException {
        return new CreateResponse(in.readString());
    }
}
