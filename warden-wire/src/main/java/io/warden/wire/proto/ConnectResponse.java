package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server's answer to a {@link ConnectRequest}; {@code timeOut <= 0} tells the client its session
 * is expired. For an old client ({@code oldClient = true}) the trailing {@code readOnly} byte is left
 * out, and {@link #read} accepts a response that ends before it.
 */
public record ConnectResponse(int protocolVersion, int timeOut, long sessionId, byte[] passwd, boolean readOnly,
        boolean oldClient) implements Record {

    @Override
    public void writeTo(JuteOutput out) {
        out.writeInt(protocolVersion);
        out.writeInt(timeOut);
        out.writeLong(sessionId);
        out.writeBuffer(passwd);
        if (!oldClient) {
            out.writeBoolean(readOnly);
        }
    }

    public static ConnectResponse read(JuteInput in) throws WireFormatException {
        int protocolVersion = in.readInt();
        int timeOut = in.readInt();
        long sessionId = in.readLong();
        byte[] passwd = in.readBuffer();
        if (in.remaining() == 0) {
            return new ConnectResponse(protocolVersion, timeOut, sessionId, passwd, false, true);
        }
        return new ConnectResponse(protocolVersion, timeOut, sessionId, passwd, in.readBoolean(), false);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectResponse that
                && protocolVersion == that.protocolVersion
                && timeOut == that.timeOut
                && sessionId == that.sessionId
                && Arrays.equals(passwd, that.passwd)
                && readOnly == that.readOnly
                && oldClient == that.oldClient;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocolVersion, timeOut, sessionId, Arrays.hashCode(passwd), readOnly, oldClient);
    }

    @Override
    public String toString() {
        return "ConnectResponse[protocolVersion=" + protocolVersion + ", timeOut=" + timeOut
                + ", sessionId=0x" + Long.toHexString(sessionId) + ", passwd=" + Bytes.redact(passwd)
                + ", readOnly=" + readOnly + ", oldClient=" + oldClient + "]";
    }
}
