package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of getChildren2 (12). */
public record GetChildren2Request(String path, boolean watch) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeBoolean(watch);
    }

    public static GetChildren2Request read(JuteInput in) throws WireFormatException {
        return new GetChildren2Request(in.readString(), in.readBoolean());
    }
}
