package io.warden.server;

import java.util.List;

import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.RequestHeader;

/**
 * A request a follower hands its leader, which alone prepares writes: a new session, a write, or
 * a sync (which the leader turns into a no-op transaction). The follower answers its client once
 * the transaction the leader made of it (an error transaction when it fails) is committed and
 * applied there.
 *
 * @param sessionId        the client's session
 * @param header           the request's header; {@link OpCode#CREATE_SESSION} with xid 0 for a new session
 * @param body             the decoded body, or null (a new session, a body that did not decode)
 * @param error            MARSHALLINGERROR for a multi whose body did not decode, else null
 * @param identities       the connection's auth identities, which the transaction carries
 * @param sessionTimeoutMs the negotiated timeout of a new session, else 0
 * @param newSession       a new session's handshake (not a createSession request a client sent)
 */
public record ForwardedRequest(long sessionId, RequestHeader header, Record body, ErrorCode error,
        List<Id> identities, int sessionTimeoutMs, boolean newSession) {
    public ForwardedRequest {
        identities = List.copyOf(identities);
    }

    /** A new session's handshake. */
    public static ForwardedRequest newSession(long sessionId, int timeoutMs) {
        return new ForwardedRequest(sessionId, new RequestHeader(0, OpCode.CREATE_SESSION), null, null, List.of(),
                timeoutMs, true);
    }

    /**
     * A client attached an existing session to the follower: from now on the session's requests
     * come from there, and the leader answers any still arriving from elsewhere with SESSIONMOVED.
     */
    public static ForwardedRequest attach(long sessionId) {
        return new ForwardedRequest(sessionId, new RequestHeader(0, OpCode.PING), null, null, List.of(), 0, false);
    }

    boolean isNewSession() {
        return newSession;
    }

    boolean isAttach() {
        return !newSession && header.type() == OpCode.PING;
    }

    boolean isSync() {
        return header.type() == OpCode.SYNC;
    }
}
