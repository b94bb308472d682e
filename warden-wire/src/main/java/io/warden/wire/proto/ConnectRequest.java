package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The first frame a client sends. Clients up to 3.3 end it before {@code readOnly}; such a request
 * reads back with {@code oldClient = true} and {@code readOnly = false}, and {@code oldClient}
 * makes {@link #writeTo} leave the byte out again.
 */
public record ConnectRequest(int protocolVersion, long lastZxidSeen, int timeOut, long sessionId, byte[] passwd,
        boolean readOnly, boolean oldClient) implements Record {

    @Override
    public void writeTo(JuteOutput out) {
        out.writeInt(protocolVersion);
        out.writeLong(lastZxidSeen);
        out.writeInt(timeOut);
        out.writeLong(sessionId);
        out.writeBuffer(passwd);
        if (!oldClient) {
            out.writeBoolean(readOnly);
        }
    }

    public static ConnectRequest read(JuteInput in) throws WireFormatException {
        int protocolVersion = in.readInt();
        long lastZxidSeen = in.readLong();
        int timeOut = in.readInt();
        long sessionId = in.readLong();
        byte[] passwd = in.readBuffer();
        if (in.remaining() == 0) {
            return new ConnectRequest(protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, false, true);
        }
        return new ConnectRequest(protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, in.readBoolean(), false);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectRequest that
                && protocolVersion == that.protocolVersion
                && lastZxidSeen == that.lastZxidSeen
                && timeOut == that.timeOut
                && sessionId == that.sessionId
                && Arrays.equals(passwd, that.passwd)
                && readOnly == that.readOnly
                && oldClient == that.oldClient;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocolVersion, lastZxidSeen, timeOut, sessionId, Arrays.hashCode(passwd), readOnly,
                oldClient);
    }

    @Override
    public String toString() {
        return "ConnectRequest[protocolVersion=" + protocolVersion
                + ", lastZxidSeen=0x" + Long.toHexString(lastZxidSeen) + ", timeOut=" + timeOut
                + ", sessionId=0x" + Long.toHexString(sessionId)
                + ", passwd=" + Bytes.redact(passwd) + ", readOnly=" + readOnly + ", oldClient=" + oldClient + "]";
    }
}
