package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.Arrays;

/** The reply to sasl (102): the server's SASL token; {@code null} when SASL failed. */
public record SetSaslResponse(byte[] token) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeBuffer(token);
    }

    public static SetSaslResponse read(JuteInput in) throws WireFormatException {
        return new SetSaslResponse(in.readBuffer());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SetSaslResponse that && Arrays.equals(token, that.token);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "SetSaslResponse[token=" + Bytes.redact(token) + "]";
    }
}
