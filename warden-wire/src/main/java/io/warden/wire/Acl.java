package io.warden.wire;

import java.util.List;

/** One ACL entry: a permission bit set ({@link Perms}) granted to an identity. */
public record Acl(int perms, Id id) implements Record {
    public static final List<Acl> OPEN_ACL_UNSAFE = List.of(new Acl(Perms.ALL, Id.ANYONE));
    public static final List<Acl> CREATOR_ALL_ACL = List.of(new Acl(Perms.ALL, Id.AUTH_IDS));
    public static final List<Acl> READ_ACL_UNSAFE = List.of(new Acl(Perms.READ, Id.ANYONE));

    @Override
    public void writeTo(JuteOutput out) {
        out.writeInt(perms);
        id.writeTo(out);
    }

    public static Acl read(JuteInput in) throws WireFormatException {
        return new Acl(in.readInt(), Id.read(in));
    }

    public static List<Acl> readList(JuteInput in) throws WireFormatException {
        return in.readRecordList(Acl::read);
    }
}
