package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of delete (2); {@code version} -1 matches any version. */
public record DeleteRequest(String path, int version) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeInt(version);
    }

    public static DeleteRequest read(JuteInput in) throws WireFormatException {
        return new DeleteRequest(in.readString(), in.readInt());
    }
}
