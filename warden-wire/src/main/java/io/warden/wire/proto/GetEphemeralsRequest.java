package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of getEphemerals (103): a plain string prefix of the session's ephemeral paths. */
public record GetEphemeralsRequest(String prefixPath) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(prefixPath);
    }

    public static GetEphemeralsRequest read(JuteInput in) throws WireFormatException {
        return new GetEphemeralsRequest(in.readString());
    }
}
