package io.warden.wire;

/** An identity: a scheme and an id within it, such as {@code world:anyone} or {@code ip:10.0.0.1}. */
public record Id(String scheme, String id) implements Record {
    public static final Id ANYONE = new Id("world", "anyone");
    public static final Id AUTH_IDS = new Id("auth", "");

    @Override
    public void writeTo(JuteOutput out) {
        out.writeString(scheme);
        out.writeString(id);
    }

    public static Id read(JuteInput in) throws WireFormatException {
        return new Id(in.readString(), in.readString());
    }

    @Override
    public String toString() {
        return scheme + ":" + id;
    }
}
