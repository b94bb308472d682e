package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of addWatch (106); {@code mode} 0 is persistent, 1 persistent recursive. */
public record AddWatchRequest(String path, int mode) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeInt(mode);
    }

    public static AddWatchRequest read(JuteInput in) throws WireFormatException {
        return new AddWatchRequest(in.readString(), in.readInt());
    }
}
