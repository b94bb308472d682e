package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.Arrays;
import java.util.Objects;

/** The body of setData (5); {@code version} -1 matches any version. */
public record SetDataRequest(String path, byte[] data, int version) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeBuffer(data);
        out.writeInt(version);
    }

    public static SetDataRequest read(JuteInput in) throws WireFormatException {
        return new SetDataRequest(in.readString(), in.readBuffer(), in.readInt());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SetDataRequest that
                && Objects.equals(path, that.path)
                && Arrays.equals(data, that.data)
                && version == that.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(data), version);
    }

    @Override
    public String toString() {
        return "SetDataRequest[path=" + path + ", data=" + Bytes.describe(data) + ", version=" + version + "]";
    }
}
