package io.warden.wire.proto;

import io.warden.wire.Acl;
import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import java.util.List;
import java.util.Objects;

/** The reply to getACL (6): the node's ACL and Stat. */
public record GetAclResponse(List<Acl> acl, Stat stat) implements Record {
    public GetAclResponse {
        acl = Lists.copy(acl);
        Objects.requireNonNull(stat, "stat");
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeRecordList(acl);
        stat.writeTo(out);
    }

    public static GetAclResponse read(JuteInput in) throws WireFormatException {
        return new GetAclResponse(Acl.readList(in), Stat.read(in));
    }
}
