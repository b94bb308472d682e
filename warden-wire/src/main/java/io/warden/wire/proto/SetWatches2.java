package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.List;

/** The body of setWatches2 (105): {@link SetWatches} plus persistent and persistent recursive watches. */
public record SetWatches2(long relativeZxid, List<String> dataWatches, List<String> existWatches,
        List<String> childWatches, List<String> persistentWatches, List<String> persistentRecursiveWatches)
        implements Record {
    public SetWatches2 {
        dataWatches = Lists.copy(dataWatches);
        existWatches = Lists.copy(existWatches);
        childWatches = Lists.copy(childWatches);
        persistentWatches = Lists.copy(persistentWatches);
        persistentRecursiveWatches = Lists.copy(persistentRecursiveWatches);
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeLong(relativeZxid);
        out.writeStringList(dataWatches);
        out.writeStringList(existWatches);
        out.writeStringList(childWatches);
        out.writeStringList(persistentWatches);
        out.writeStringList(persistentRecursiveWatches);
    }

    public static SetWatches2 read(JuteInput in) throws WireFormatException {
        return new SetWatches2(in.readLong(), in.readStringList(), in.readStringList(), in.readStringList(),
                in.readStringList(), in.readStringList());
    }
}
