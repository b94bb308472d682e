package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of sync (9). */
public record SyncRequest(String path) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
    }

    public static SyncRequest read(JuteInput in) throws WireFormatException {
        return new SyncRequest(in.readString());
    }
}
