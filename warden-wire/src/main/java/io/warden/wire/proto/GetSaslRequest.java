package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.Arrays;

/** The body of sasl (102): a SASL token from the client. */
public record GetSaslRequest(byte[] token) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeBuffer(token);
    }

    public static GetSaslRequest read(JuteInput in) throws WireFormatException {
        return new GetSaslRequest(in.readBuffer());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GetSaslRequest that && Arrays.equals(token, that.token);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "GetSaslRequest[token=" + Bytes.redact(token) + "]";
    }
}
