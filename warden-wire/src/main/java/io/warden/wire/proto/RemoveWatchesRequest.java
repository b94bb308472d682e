package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of removeWatches (18); {@code type} is a WatcherType, as in {@link CheckWatchesRequest}. */
public record RemoveWatchesRequest(String path, int type) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeInt(type);
    }

    public static RemoveWatchesRequest read(JuteInput in) throws WireFormatException {
        return new RemoveWatchesRequest(in.readString(), in.readInt());
    }
}
