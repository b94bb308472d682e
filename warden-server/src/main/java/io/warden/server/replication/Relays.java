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

    /**
     * A decoded relay: the server core's input, and for a forwarded request its place in the
     * sender's stream ({@code streamId}, {@code seq}; both 0 for other relays).
     */
    record Relay(ServerInput input, long streamId, long seq) {
    }

    /**
     * The payload for a follower's {@code Forward} (number {@code seq} of its stream {@code
     * streamId}) or {@code ReportSessions}.
     */
    static byte[] encode(ServerOutput output, long streamId, long seq) {
        JuteOutput out = new JuteOutput(64);
        if (output instanceof ServerOutput.Forward forward) {
            ForwardedRequest r = forward.request();
            out.writeInt(KIND_REQUEST);
            out.writeLong(streamId);
            out.writeLong(seq);
            out.writeBoolean(r.newSession());
            out.writeLong(r.sessionId());
            out.writeInt(r.sessionTimeoutMs());
            out.writeInt(r.error() == null ? 0 : r.error().code());
            out.writeInt(r.identities().size());
            for (Id id : r.identities()) {
                id.writeTo(out);
            }
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

    /**
     * The relay a payload from server {@code from} holds. Checked before anything is allocated: a
     * payload over {@code payloadBytesMax}, more identities than {@code identitiesMax}, or anything
     * that does not decode whole fails.
     */
    static Relay decode(long from, byte[] payload, int payloadBytesMax, int identitiesMax)
            throws WireFormatException {
        if (payload.length > payloadBytesMax) {
            throw new WireFormatException("a relay of " + payload.length + " bytes, more than " + payloadBytesMax);
        }
        JuteInput in = new JuteInput(payload);
        int kind = in.readInt();
        long streamId = 0;
        long seq = 0;
        if (kind == KIND_REQUEST) {
            streamId = in.readLong();
            seq = in.readLong();
        }
        ServerInput input = switch (kind) {
            case KIND_REQUEST -> new ServerInput.Forwarded(from, readRequest(in, identitiesMax));
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
        return new Relay(input, streamId, seq);
    }

    private static ForwardedRequest readRequest(JuteInput in, int identitiesMax) throws WireFormatException {
        boolean newSession = in.readBoolean();
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
        int identityCount = in.readInt();
        if (identityCount < 0 || identityCount > identitiesMax) {
            throw new WireFormatException("a forwarded request with " + identityCount + " identities (at most "
                    + identitiesMax + ")");
        }
        List<Id> identities = new ArrayList<>(identityCount);
        for (int i = 0; i < identityCount; i++) {
            identities.add(Id.read(in));
        }
        RequestHeader header = RequestHeader.read(in);
        byte[] bodyBytes = in.readBuffer();
        Record body = null;
        if (bodyBytes != null) {
            JuteInput bodyIn = new JuteInput(bodyBytes);
            body = Requests.readBody(header.type(), bodyIn);
            bodyIn.expectEnd("a forwarded request's body");
        }
        return new ForwardedRequest(sessionId, header, body, error, identities, timeoutMs, newSession);
    }
}
