package io.warden.server;

import io.warden.wire.ErrorCode;
import io.warden.wire.Record;
import io.warden.wire.RequestHeader;
import io.warden.wire.proto.ConnectRequest;

/** Everything that can happen to the core. */
public sealed interface ServerInput {

    /**
     * A client connected; {@code remoteAddress} is its IP address literal, {@code endpoint} the
     * address and port for display.
     */
    record ConnectionOpened(long connId, String remoteAddress, String endpoint) implements ServerInput {
    }

    /** The first frame of a connection, a handshake. */
    record ConnectReceived(long connId, ConnectRequest request) implements ServerInput {
    }

    /** A request after the handshake, with its decoded body. */
    record RequestReceived(long connId, RequestHeader header, Record body) implements ServerInput {
    }

    /**
     * A request whose header decoded but which cannot be served: MARSHALLINGERROR for a body that
     * does not decode (the connection stays open), UNIMPLEMENTED for an op code clients may not
     * send (the connection is closed after the reply).
     */
    record BadRequest(long connId, RequestHeader header, ErrorCode code) implements ServerInput {
    }

    /** A four-letter word sent in place of the first frame. */
    record FourLetterWord(long connId, String command) implements ServerInput {
    }

    /**
     * The transport wrote the next {@code frames} frames sent to the connection (replies,
     * notifications, the connect response) to its socket, in the order they were sent.
     */
    record Written(long connId, int frames) implements ServerInput {
    }

    /** The connection is gone, whoever closed it. */
    record ConnectionClosed(long connId) implements ServerInput {
    }

    /** Time passes; sessions may expire. */
    record Tick() implements ServerInput {
    }

    /** The transaction with this zxid is durable on a quorum and may be applied. */
    record Committed(long zxid) implements ServerInput {
    }

    /**
     * Replication: this server now leads an ensemble; its next proposal gets the zxid after
     * {@code afterZxid} (the new epoch's zxid with counter 0).
     */
    record Lead(long afterZxid) implements ServerInput {
    }

    /**
     * Replication: a committed transaction this server did not propose. It is applied to the tree
     * and fires the watches of this server's clients; nobody here waits for its reply.
     */
    record Apply(io.warden.tree.Txn txn) implements ServerInput {
    }

    /** Replication, at the leader: a request a follower forwarded; see {@link ForwardedRequest}. */
    record Forwarded(long fromServer, ForwardedRequest request) implements ServerInput {
    }

    /** Replication, at the leader: a follower heard from the clients of these sessions. */
    record SessionsAlive(java.util.List<Long> sessionIds) implements ServerInput {
        public SessionsAlive {
            sessionIds = java.util.List.copyOf(sessionIds);
        }
    }
}
