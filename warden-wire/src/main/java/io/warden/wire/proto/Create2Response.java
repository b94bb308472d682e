package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import java.util.Objects;

/** The reply to create2 (15), createContainer (19) and createTTL (21): the created path and its Stat. */
public record Create2Response(String path, Stat stat) implements Record {
    public Create2Response {
        Objects.requireNonNull(stat, "stat");
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        stat.writeTo(out);
    }

    public static Create2Response read(JuteInput in) throws WireFormatException {
        return new Create2Response(in.readString(), Stat.read(in));
    }
}
