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
 */
public record ForwardedRequest(long sessionId, RequestHeader header, Record body, ErrorCode error,
        List<Id> identities, int sessionTimeoutMs) {
    public ForwardedRequest {
        identities = List.copyOf(identities);
    }

    boolean isNewSession() {
        return header.type() == OpCode.CREATE_SESSION;
    }

    boolean isSync() {
        return header.type() == OpCode.SYNC;
    }
}
