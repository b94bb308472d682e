package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of a notification (xid -1): an EventType, a KeeperState (always 3 from a server) and the full path. */
public record WatcherEvent(int type, int state, String path) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeInt(type);
        out.writeInt(state);
        out.writeString(path);
    }

    public static WatcherEvent read(JuteInput in) throws WireFormatException {
        return new WatcherEvent(in.readInt(), in.readInt(), in.readString());
    }
}
