package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of getAllChildrenNumber (104). */
public record GetAllChildrenNumberRequest(String path) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
    }

    public static GetAllChildrenNumberRequest read(JuteInput in) throws WireFormatException {
        return new GetAllChildrenNumberRequest(in.readString());
    }
}
