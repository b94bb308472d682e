package io.warden.server.replication;

import java.util.ArrayList;
import java.util.List;

import io.warden.server.ForwardedRequest;
import io.warden.server.ServerInput;
import io.warden.server.ServerOutput;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.RequestHeader;
import io.warden.wire.Requests;
import io.warden.wire.WireFormatException;

/**
 * The payloads of the relays between the request pipelines of an ensemble's servers (see {@link
 * io.warden.zab.PeerMessage.Relay}): a follower's forwarded requests and session reports. Jute
 * encoding, a kind first; a payload that does not decode
 * whole fails with {@link WireFormatException}.
 */
final class Relays {
    private static final int KIND_REQUEST = 1;
    private static final int KIND_SESSIONS_ALIVE = 2;

    private Relays() {
    }

    /** The payload for a follower's {@code Forward} or {@code ReportSessions}. */
    static byte[] encode(ServerOutput output) {
        JuteOutput out = new JuteOutput(64);
        if (output instanceof ServerOutput.Forward forward) {
            ForwardedRequest r = forward.request();
            out.writeInt(KIND_REQUEST);
            out.writeLong(r.sessionId());
            out.writeInt(r.sessionTimeoutMs());
            out.writeInt(r.error() == null ? 0 : r.error().code());
            out.writeRecordList(r.identities());
            r.header().writeTo(out);
            out.writeBuffer(r.body() == null ? null : r.body().toBytes());
        } else if (output instanceof ServerOutput.ReportSessions report) {
            out.writeInt(KIND_SESSIONS_ALIVE);
            out.writeInt(report.sessionIds().size());
            for (long id : report.sessionIds()) {
                out.writeLong(id);
            }
        } else {
            throw new IllegalArgumentException("not a relay: " + output);
        }
        return out.toByteArray();
    }

    /** The server core's input for a relay payload from server {@code from}. */
    static ServerInput decode(long from, byte[] payload) throws WireFormatException {
        JuteInput in = new JuteInput(payload);
        int kind = in.readInt();
        ServerInput input = switch (kind) {
            case KIND_REQUEST -> new ServerInput.Forwarded(from, readRequest(in));
            case KIND_SESSIONS_ALIVE -> {
                int count = in.readInt();
                if (count < 0 || count > in.remaining() / Long.BYTES) {
                    throw new WireFormatException("a session report of " + count + " sessions in " + in.remaining()
                            + " bytes");
                }
                List<Long> ids = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ids.add(in.readLong());
                }
                yield new ServerInput.SessionsAlive(ids);
            }
            default -> throw new WireFormatException("unknown relay kind " + kind);
        };
        in.expectEnd("a relay");
        return input;
    }

    private static ForwardedRequest readRequest(JuteInput in) throws WireFormatException {
        long sessionId = in.readLong();
        int timeoutMs = in.readInt();
        int errorCode = in.readInt();
        ErrorCode error = null;
        if (errorCode != 0) {
            error = ErrorCode.of(errorCode);
            if (error == null) {
                throw new WireFormatException("unknown error code " + errorCode + " in a forwarded request");
            }
        }
        List<Id> identities = in.readRecordList(Id::read);
        if (identities == null) {
            throw new WireFormatException("a forwarded request without its identities");
        }
        RequestHeader header = RequestHeader.read(in);
        byte[] bodyBytes = in.readBuffer();
        Record body = null;
        if (bodyBytes != null) {
            JuteInput bodyIn = new JuteInput(bodyBytes);
            body = Requests.readBody(header.type(), bodyIn);
            bodyIn.expectEnd("a forwarded request's body");
        }
        return new ForwardedRequest(sessionId, header, body, error, identities, timeoutMs);
    }
}
