package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.List;

/** The body of setWatches (101): watches to re-register after a reconnect, as full server paths. */
public record SetWatches(long relativeZxid, List<String> dataWatches, List<String> existWatches,
        List<String> childWatches) implements Record {
    public SetWatches {
        dataWatches = Lists.copy(dataWatches);
        existWatches = Lists.copy(existWatches);
        childWatches = Lists.copy(childWatches);
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeLong(relativeZxid);
        out.writeStringList(dataWatches);
        out.writeStringList(existWatches);
        out.writeStringList(childWatches);
    }

    public static SetWatches read(JuteInput in) throws WireFormatException {
        return new SetWatches(in.readLong(), in.readStringList(), in.readStringList(), in.readStringList());
    }
}
