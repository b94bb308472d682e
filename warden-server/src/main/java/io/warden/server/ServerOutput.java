package io.warden.server;

import io.warden.tree.Txn;
import io.warden.wire.Record;
import io.warden.wire.ReplyHeader;
import io.warden.wire.proto.ConnectResponse;
import io.warden.wire.proto.WatcherEvent;

/** What the driver must do, in the order given. */
public sealed interface ServerOutput {

    /** An output for one client connection. */
    sealed interface ToConnection extends ServerOutput {
        long connId();
    }

    record SendConnectResponse(long connId, ConnectResponse response) implements ToConnection {
    }

    /** A reply; {@code body} is {@code null} for header-only replies. */
    record SendReply(long connId, ReplyHeader header, Record body) implements ToConnection {
    }

    record SendNotification(long connId, long zxid, WatcherEvent event) implements ToConnection {
    }

    /** Raw text with no framing: the answer to a four-letter word. */
    record SendText(long connId, String text) implements ToConnection {
    }

    /** Stop reading from the connection: it has too many requests outstanding. */
    record PauseReading(long connId) implements ToConnection {
    }

    /** Read from the connection again. */
    record ResumeReading(long connId) implements ToConnection {
    }

    /** Close the connection after everything sent to it so far. */
    record CloseConnection(long connId) implements ToConnection {
    }

    /** Append the transaction to the log and replicate it; report back with Committed. */
    record Propose(Txn txn) implements ServerOutput {
    }

    /**
     * Handling {@code request} for a connection threw; the connection is being closed (a
     * {@link CloseConnection} follows) and the server goes on. The host logs it.
     */
    record RequestFailed(long connId, String request, RuntimeException error) implements ServerOutput {
    }

    /** Something an operator should hear of; the host logs it as a warning. */
    record Warning(String message) implements ServerOutput {
    }

    /**
     * Applying the transaction threw, so it was undone and failed with MARSHALLINGERROR on this
     * and every other replica. The host logs it.
     */
    record ApplyFailed(long zxid, String txn, RuntimeException error) implements ServerOutput {
    }

    /** Replication, at a follower: hand this request to the leader (see {@link ForwardedRequest}). */
    record Forward(ForwardedRequest request) implements ServerOutput {
    }

    /** Replication, at a follower: tell the leader that the clients of these sessions are alive. */
    record ReportSessions(java.util.List<Long> sessionIds) implements ServerOutput {
        public ReportSessions {
            sessionIds = java.util.List.copyOf(sessionIds);
        }
    }
}
