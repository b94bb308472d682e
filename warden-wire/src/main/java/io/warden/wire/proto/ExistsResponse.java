package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import java.util.Objects;

/** The reply to exists (3) when the node exists. */
public record ExistsResponse(Stat stat) implements Record {
    public ExistsResponse {
        Objects.requireNonNull(stat, "stat");
    }

    @Override
    public void writeTo(JuteOutput out) {
        stat.writeTo(out);
    }

    public static ExistsResponse read(JuteInput in) throws WireFormatException {
        return new ExistsResponse(Stat.read(in));
    }
}
