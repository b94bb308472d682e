package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** One identity of a connection, as whoAmI (107) reports it. */
public record ClientInfo(String authScheme, String user) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(authScheme);
        out.writeString(user);
    }

    public static ClientInfo read(JuteInput in) throws WireFormatException {
        return new ClientInfo(in.readString(), in.readString());
    }
}
