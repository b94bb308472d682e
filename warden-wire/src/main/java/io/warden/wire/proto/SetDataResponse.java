package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import java.util.Objects;

/** The reply to setData (5): the node's new Stat. */
public record SetDataResponse(Stat stat) implements Record {
    public SetDataResponse {
        Objects.requireNonNull(stat, "stat");
    }

    @Override
    public void writeTo(JuteOutput out) {
        stat.writeTo(out);
    }

    public static SetDataResponse read(JuteInput in) throws WireFormatException {
        return new SetDataResponse(Stat.read(in));
    }
}
