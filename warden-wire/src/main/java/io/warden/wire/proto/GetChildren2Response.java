package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import java.util.List;
import java.util.Objects;

/** The reply to getChildren2 (12): child names and the parent's Stat. */
public record GetChildren2Response(List<String> children, Stat stat) implements Record {
    public GetChildren2Response {
        children = Lists.copy(children);
        Objects.requireNonNull(stat, "stat");
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeStringList(children);
        stat.writeTo(out);
    }

    public static GetChildren2Response read(JuteInput in) throws WireFormatException {
        return new GetChildren2Response(in.readStringList(), Stat.read(in));
    }
}
