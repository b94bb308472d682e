package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import java.util.Objects;

/** The reply to setACL (7): the node's new Stat. */
public record SetAclResponse(Stat stat) implements Record {
    public SetAclResponse {
        Objects.requireNonNull(stat, "stat");
    }

    @Override
    public void writeTo(JuteOutput out) {
        stat.writeTo(out);
    }

    public static SetAclResponse read(JuteInput in) throws WireFormatException {
        return new SetAclResponse(Stat.read(in));
    }
}
