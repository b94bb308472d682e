package io.warden.wire;

/** The header in front of every request after the handshake. */
public record RequestHeader(int xid, int type) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeInt(xid);
        out.writeInt(type);
    }

    public static RequestHeader read(JuteInput in) throws WireFormatException {
        return new RequestHeader(in.readInt(), in.readInt());
    }
}
