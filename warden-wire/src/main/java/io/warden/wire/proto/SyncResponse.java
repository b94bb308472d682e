package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The reply to sync (9): the request's path echoed. */
public record SyncResponse(String path) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
    }

    public static SyncResponse read(JuteInput in) throws WireFormatException {
        return new SyncResponse(in.readString());
    }
}
