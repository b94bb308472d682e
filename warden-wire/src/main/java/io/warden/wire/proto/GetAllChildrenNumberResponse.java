package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The reply to getAllChildrenNumber (104): the number of descendants. */
public record GetAllChildrenNumberResponse(int totalNumber) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeInt(totalNumber);
    }

    public static GetAllChildrenNumberResponse read(JuteInput in) throws WireFormatException {
        return new GetAllChildrenNumberResponse(in.readInt());
    }
}
