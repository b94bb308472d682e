package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of exists (3); {@code watch} also registers a watch on a missing node. */
public record ExistsRequest(String path, boolean watch) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeBoolean(watch);
    }

    public static ExistsRequest read(JuteInput in) throws WireFormatException {
        return new ExistsRequest(in.readString(), in.readBoolean());
    }
}
