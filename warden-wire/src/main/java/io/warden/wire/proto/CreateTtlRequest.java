package io.warden.wire.proto;

import io.warden.wire.Acl;
import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The body of createTTL (21): a {@link CreateRequest} plus the ttl in milliseconds. */
public record CreateTtlRequest(String path, byte[] data, List<Acl> acl, int flags, long ttl) implements Record {
    public CreateTtlRequest {
        acl = Lists.copy(acl);
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeBuffer(data);
        out.writeRecordList(acl);
        out.writeInt(flags);
        out.writeLong(ttl);
    }

    public static CreateTtlRequest read(JuteInput in) throws WireFormatException {
        return new CreateTtlRequest(in.readString(), in.readBuffer(), Acl.readList(in), in.readInt(), in.readLong());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CreateTtlRequest that
                && Objects.equals(path, that.path)
                && Arrays.equals(data, that.data)
                && Objects.equals(acl, that.acl)
                && flags == that.flags
                && ttl == that.ttl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(data), acl, flags, ttl);
    }

    @Override
    public String toString() {
        return "CreateTtlRequest[path=" + path + ", data=" + Bytes.describe(data) + ", acl=" + acl + ", flags=" + flags
                + ", ttl=" + ttl + "]";
    }
}
