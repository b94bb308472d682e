package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of getACL (6). */
public record GetAclRequest(String path) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
    }

    public static GetAclRequest read(JuteInput in) throws WireFormatException {
        return new GetAclRequest(in.readString());
    }
}
