package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of getData (4), also a multiRead sub-op (its {@code watch} is then ignored). */
public record GetDataRequest(String path, boolean watch) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeBoolean(watch);
    }

    public static GetDataRequest read(JuteInput in) throws WireFormatException {
        return new GetDataRequest(in.readString(), in.readBoolean());
    }
}
