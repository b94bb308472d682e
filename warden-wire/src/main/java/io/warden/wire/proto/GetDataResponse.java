package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import java.util.Arrays;
import java.util.Objects;

/** The reply to getData (4) and reconfig (16): the data exactly as stored ({@code null} stays null) and the Stat. */
public record GetDataResponse(byte[] data, Stat stat) implements Record {
    public GetDataResponse {
        Objects.requireNonNull(stat, "stat");
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeBuffer(data);
        stat.writeTo(out);
    }

    public static GetDataResponse read(JuteInput in) throws WireFormatException {
        return new GetDataResponse(in.readBuffer(), Stat.read(in));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GetDataResponse that && Arrays.equals(data, that.data) && stat.equals(that.stat);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + stat.hashCode();
    }

    @Override
    public String toString() {
        return "GetDataResponse[data=" + Bytes.describe(data) + ", stat=" + stat + "]";
    }
}
