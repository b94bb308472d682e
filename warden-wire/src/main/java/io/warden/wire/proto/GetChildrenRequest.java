package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of getChildren (8), also a multiRead sub-op (its {@code watch} is then ignored). */
public record GetChildrenRequest(String path, boolean watch) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeBoolean(watch);
    }

    public static GetChildrenRequest read(JuteInput in) throws WireFormatException {
        return new GetChildrenRequest(in.readString(), in.readBoolean());
    }
}
