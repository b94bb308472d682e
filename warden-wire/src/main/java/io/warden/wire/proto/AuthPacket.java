package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.Arrays;
import java.util.Objects;

/** The body of auth (100, xid -4): a credential for {@code scheme}; {@code type} is always 0. */
public record AuthPacket(int type, String scheme, byte[] auth) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeInt(type);
        out.writeString(scheme);
        out.writeBuffer(auth);
    }

    public static AuthPacket read(JuteInput in) throws WireFormatException {
        return new AuthPacket(in.readInt(), in.readString(), in.readBuffer());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthPacket that
                && type == that.type
                && Objects.equals(scheme, that.scheme)
                && Arrays.equals(auth, that.auth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, scheme, Arrays.hashCode(auth));
    }

    @Override
    public String toString() {
        return "AuthPacket[type=" + type + ", scheme=" + scheme + ", auth=" + Bytes.redact(auth) + "]";
    }
}
