package io.warden.wire.proto;

import io.warden.wire.Acl;
import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.List;

/** The body of setACL (7); {@code version} is compared with the ACL version (-1 = any). */
public record SetAclRequest(String path, List<Acl> acl, int version) implements Record {
    public SetAclRequest {
        acl = Lists.copy(acl);
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(path);
        out.writeRecordList(acl);
        out.writeInt(version);
    }

    public static SetAclRequest read(JuteInput in) throws WireFormatException {
        return new SetAclRequest(in.readString(), Acl.readList(in), in.readInt());
    }
}
