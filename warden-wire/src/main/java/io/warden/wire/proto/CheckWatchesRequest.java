package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/**
 * The body of checkWatches (17); {@code type} is a WatcherType (1 children, 2 data, 3 any, 4 persistent,
 * 5 persistent recursive).
 */
public record CheckWatchesRequest(String path, int type) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeInt(type);
    }

    public static CheckWatchesRequest read(JuteInput in) throws WireFormatException {
        return new CheckWatchesRequest(in.readString(), in.readInt());
    }
}
