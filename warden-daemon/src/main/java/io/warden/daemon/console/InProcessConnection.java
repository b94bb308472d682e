package io.warden.daemon.console;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.warden.server.ServerInput;
import io.warden.server.ServerOutput;
import io.warden.transport.Arrival;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.RequestHeader;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.EmptyBody;

/**
 * One console edit as a client's connection inside the process: it opens a connection with an id
 * of the console's range, handshakes a new session, adds the operator's digest credentials
 * (addAuth), sends the one request, closes the session and the connection. Everything travels as
 * the inputs and outputs of a socket's connection (the driver's inbound queue in, the client
 * port's local receiver out, each frame reported written), so the request takes the normal path:
 * validation, ACL checks, the log, and on an ensemble member forwarding to the leader.
 *
 * <p>The connect, auth, request and close go out as soon as the session exists, in that order; the
 * core answers a connection's requests in order, so the auth applies to the request.
 */
final class InProcessConnection {
    /** The xid clients send auth packets with. */
    static final int AUTH_XID = -4;
    static final int REQUEST_XID = 1;
    static final int CLOSE_XID = 2;
    /** ZooKeeper clients send a 16-byte password of zeros with a new session's handshake. */
    private static final int PASSWORD_BYTES = 16;

    /** What the one request got: its error code, the zxid of the reply, and the reply's body (null for none). */
    record Outcome(ErrorCode code, long zxid, Record body) {
    }

    private final long connId;
    private final String remoteAddress;
    private final OperatorCredentials operator;
    private final RequestHeader header;
    private final Record body;
    private final int sessionTimeoutMs;
    private final Consumer<Object> toDriver;
    private final LocalConnections port;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    /** Guarded by this. */
    private boolean closed;

    /** Where a connection inside the process attaches: the client port, in the daemon. */
    interface LocalConnections {
        void attachLocal(long connId, Consumer<ServerOutput.ToConnection> receiver);

        void detachLocal(long connId);
    }

    InProcessConnection(long connId, String remoteAddress, OperatorCredentials operator, int opCode, Record body,
            int sessionTimeoutMs, Consumer<Object> toDriver, LocalConnections port) {
        this.connId = connId;
        this.remoteAddress = remoteAddress;
        this.operator = operator;
        this.header = new RequestHeader(REQUEST_XID, opCode);
        this.body = body;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.toDriver = toDriver;
        this.port = port;
    }

    /** Opens the connection and sends the handshake; the future completes with the request's reply. */
    CompletableFuture<Outcome> start() {
        port.attachLocal(connId, this::receive);
        input(new ServerInput.ConnectionOpened(connId, remoteAddress, "console/" + remoteAddress));
        input(new ServerInput.ConnectReceived(connId, new ConnectRequest(0, 0, sessionTimeoutMs, 0,
                new byte[PASSWORD_BYTES], false, false)));
        return outcome;
    }

    /** Gives up (the wait ended): the connection is closed, its session closed or left to expire. */
    void abandon() {
        close();
        outcome.complete(new Outcome(ErrorCode.OPERATIONTIMEOUT, -1, null));
    }

    /** What the driver sent this connection; on the driver thread. */
    private synchronized void receive(ServerOutput.ToConnection output) {
        if (closed) {
            return;
        }
        if (output instanceof ServerOutput.SendConnectResponse connected) {
            written();
            if (connected.response().sessionId() == 0 || connected.response().timeOut() <= 0) {
                outcome.complete(new Outcome(ErrorCode.CONNECTIONLOSS, -1, null));
                close();
                return;
            }
            input(new ServerInput.RequestReceived(connId, new RequestHeader(AUTH_XID, OpCode.AUTH),
                    new AuthPacket(0, OperatorCredentials.SCHEME,
                            operator.userColonPassword().getBytes(StandardCharsets.UTF_8))));
            input(new ServerInput.RequestReceived(connId, header, body));
            input(new ServerInput.RequestReceived(connId, new RequestHeader(CLOSE_XID, OpCode.CLOSE_SESSION),
                    EmptyBody.INSTANCE));
        } else if (output instanceof ServerOutput.SendReply reply) {
            written();
            ErrorCode code = ErrorCode.of(reply.header().err());
            if (reply.header().xid() == AUTH_XID && code != ErrorCode.OK) {
                outcome.complete(new Outcome(ErrorCode.AUTHFAILED, reply.header().zxid(), null));
            } else if (reply.header().xid() == REQUEST_XID) {
                outcome.complete(new Outcome(code, reply.header().zxid(), reply.body()));
            } else if (reply.header().xid() == CLOSE_XID) {
                close();
            }
        } else if (output instanceof ServerOutput.SendNotification || output instanceof ServerOutput.SendText) {
            written();
        } else if (output instanceof ServerOutput.CloseConnection) {
            outcome.complete(new Outcome(ErrorCode.CONNECTIONLOSS, -1, null));
            close();
        } else if (output instanceof ServerOutput.PauseReading || output instanceof ServerOutput.ResumeReading) {
            // one request at a time: nothing to pause
        } else {
            throw new IllegalArgumentException("no handling for output " + output);
        }
    }

    /** Each frame is "written" as it arrives, as a socket's counter reports it. */
    private void written() {
        input(new ServerInput.Written(connId, 1));
    }

    private synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        port.detachLocal(connId);
        input(new ServerInput.ConnectionClosed(connId));
    }

    private void input(ServerInput input) {
        toDriver.accept(Arrival.of(input));
    }

    @Override
    public String toString() {
        return "InProcessConnection[" + connId + ", " + OpCode.name(header.type()) + " as " + operator + "]";
    }
}
