package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** A check (13) sub-op of multi; {@code version} -1 matches any version. */
public record CheckVersionRequest(String path, int version) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeInt(version);
    }

    public static CheckVersionRequest read(JuteInput in) throws WireFormatException {
        return new CheckVersionRequest(in.readString(), in.readInt());
    }
}
