package io.warden.wire.proto;

import io.warden.wire.Acl;
import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The body of create (1), create2 (15) and createContainer (19); {@code flags} is the CreateMode. */
public record CreateRequest(String path, byte[] data, List<Acl> acl, int flags) implements Record {
    public CreateRequest {
        acl = Lists.copy(acl);
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeBuffer(data);
        out.writeRecordList(acl);
        out.writeInt(flags);
    }

    public static CreateRequest read(JuteInput in) throws WireFormatException {
        return new CreateRequest(in.readString(), in.readBuffer(), Acl.readList(in), in.readInt());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CreateRequest that
                && Objects.equals(path, that.path)
                && Arrays.equals(data, that.data)
                && Objects.equals(acl, that.acl)
                && flags == that.flags;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(data), acl, flags);
    }

    @Override
    public String toString() {
        return "CreateRequest[path=" + path + ", data=" + Bytes.describe(data) + ", acl=" + acl
                + ", flags=" + flags + "]";
    }
}
