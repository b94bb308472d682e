package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/** The body of reconfig (16); {@code curConfigId} -1 means any config version. */
public record ReconfigRequest(String joiningServers, String leavingServers, String newMembers, long curConfigId)
        implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(joiningServers);
        out.writeString(leavingServers);
        out.writeString(newMembers);
        out.writeLong(curConfigId);
    }

    public static ReconfigRequest read(JuteInput in) throws WireFormatException {
        return new ReconfigRequest(in.readString(), in.readString(), in.readString(), in.readLong());
    }
}
