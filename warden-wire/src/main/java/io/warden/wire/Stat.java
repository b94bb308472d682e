package io.warden.wire;

/** The 68-byte Stat of a znode, fields in wire order. */
public record Stat(
        long czxid,
        long mzxid,
        long ctime,
        long mtime,
        int version,
        int cversion,
        int aversion,
        long ephemeralOwner,
        int dataLength,
        int numChildren,
        long pzxid) implements Record {

    public static final int ENCODED_SIZE = 68;

    @Override
    public void writeTo(JuteOutput out) {
        out.writeLong(czxid);
        out.writeLong(mzxid);
        out.writeLong(ctime);
        out.writeLong(mtime);
        out.writeInt(version);
        out.writeInt(cversion);
        out.writeInt(aversion);
        out.writeLong(ephemeralOwner);
        out.writeInt(dataLength);
        out.writeInt(numChildren);
        out.writeLong(pzxid);
    }

    public static Stat read(JuteInput in) throws WireFormatException {
        return new Stat(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readInt(), in.readInt(),
                in.readInt(), in.readLong(), in.readInt(), in.readInt(), in.readLong());
    }
}
