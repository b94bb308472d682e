package io.warden.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.warden.common.Checks;
import io.warden.server.ServerInput.BadRequest;
import io.warden.server.ServerInput.Committed;
import io.warden.server.ServerInput.ConnectReceived;
import io.warden.server.ServerInput.ConnectionClosed;
import io.warden.server.ServerInput.ConnectionOpened;
import io.warden.server.ServerInput.FourLetterWord;
import io.warden.server.ServerInput.RequestReceived;
import io.warden.server.ServerInput.Tick;
import io.warden.server.ServerOutput.CloseConnection;
import io.warden.server.ServerOutput.Propose;
import io.warden.server.ServerOutput.SendConnectResponse;
import io.warden.server.ServerOutput.SendNotification;
import io.warden.server.ServerOutput.SendReply;
import io.warden.server.ServerOutput.SendText;
import io.warden.tree.DataTree;
import io.warden.tree.OpResult;
import io.warden.tree.TreeResult;
import io.warden.tree.TreeSnapshot;
import io.warden.tree.Txn;
import io.warden.tree.TxnOp;
import io.warden.tree.WatchEvent;
import io.warden.tree.acl.AclPolicy;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.Frames;
import io.warden.wire.JuteSize;
import io.warden.wire.OpCode;
import io.warden.wire.Perms;
import io.warden.wire.Record;
import io.warden.wire.ReplyHeader;
import io.warden.wire.RequestHeader;
import io.warden.wire.Xids;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.SyncRequest;
import io.warden.wire.proto.SyncResponse;
import io.warden.wire.proto.TransferLeadershipRequest;
import io.warden.wire.proto.ConnectResponse;
import io.warden.wire.proto.WatcherEvent;

/**
 * The request pipeline of one server as a state machine. Writes are prepared into transactions
 * and proposed; when a transaction is committed it is applied to the tree and its watch events and
 * reply go out, in zxid order. Reads are answered from the tree in each connection's FIFO order:
 * a read waits until that connection's earlier writes are applied.
 */
public final class ServerCore {
    /** The state a watch event is delivered with: SyncConnected. */
    private static final int SYNC_CONNECTED = 3;

    private final CoreConfig config;
    private final DataTree tree;
    private final SessionPasswords passwords;
    private final Preparer preparer;
    private final Reads reads;
    private final Map<Long, Connection> connections = new HashMap<>();
    private final Map<String, Integer> connectionsPerAddress = new HashMap<>();
    private final Sessions sessions;
    private final Reaper reaper;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    /** What a follower forwarded to its leader and has not answered yet, oldest first. */
    private final Deque<Forwarding> forwarded = new ArrayDeque<>();
    /** Sessions a follower heard from since it last told the leader. */
    private final Set<Long> heardFrom = new LinkedHashSet<>();
    /** At an ensemble's leader: the server each session's clients are attached to, as last heard. */
    private final Map<Long, Long> owners = new HashMap<>();
    /**
     * How long a follower waits for the leader to act on a forwarded request before it closes the
     * client's connection (the request may have been lost); 0 when this server proposes itself.
     */
    private long forwardTimeoutMs;
    private long forwardsAbandoned;
    /**
     * This core leads an ensemble: a sync is a transaction (a no-op), so that it is answered only
     * once a quorum has followed this leader since the sync arrived, and a read after it sees
     * every write acknowledged before the sync, even on a leader that was deposed without knowing.
     */
    private boolean replicatedLeader;
    /**
     * This core serves reads only: an ensemble member cut off from the quorum, with {@code
     * readonlymode.enabled}. Sessions are this server's alone; writes and syncs get NOTREADONLY.
     */
    private boolean readOnly;
    /** Where a superuser's transferLeadership goes; null on a server that leads no ensemble. */
    private LeadershipTransfers leadershipTransfers;
    /**
     * A PLANTED BUG, for the fault harness only ({@link #plantLocalSyncs}): this follower answers
     * its clients' syncs from its own state instead of forwarding them to the leader.
     */
    private boolean localSyncsPlanted;
    private final ConnectionLimits limits;
    private final FlowControl flow;
    private final ServerStats stats = new ServerStats();
    final long startMs;
    final FourLetterWords fourLetterWords;
    private long lastProposedZxid;
    private List<ServerOutput> out;
    private long nowMs;
    /** The connection the core is working for while it handles an input, 0 when none. */
    private long servingConnId;

    /** A proposed transaction awaiting commit, whom to answer, and the bytes its request holds. */
    private record InFlight(Txn txn, long connId, RequestHeader header, long receivedMs, long requestBytes,
            Record body) {
    }

    /** A forwarded request awaiting its transaction. */
    private static final class Forwarding {
        final long connId;
        final ForwardedRequest request;
        final long receivedMs;
        final long requestBytes;

        Forwarding(long connId, ForwardedRequest request, long receivedMs, long requestBytes) {
            this.connId = connId;
            this.request = request;
            this.receivedMs = receivedMs;
            this.requestBytes = requestBytes;
        }
    }

    public ServerCore(CoreConfig config, ServerEnvironment environment, long startMs) {
        this(config, environment, startMs, new DataTree(config.treeOptions()));
    }

    /**
     * A core over a tree recovered from storage. Its sessions come back alive and expire unless
     * their clients return within their timeout.
     */
    public ServerCore(CoreConfig config, ServerEnvironment environment, long startMs, DataTree tree) {
        this.config = config;
        this.limits = config.limits();
        this.flow = new FlowControl(limits, connections);
        this.tree = tree;
        this.startMs = startMs;
        this.lastProposedZxid = tree.lastZxid();
        this.sessions = new Sessions(tree, config.serverId(), config.tickTimeMs(), startMs);
        this.reaper = new Reaper(config.reaper(), startMs);
        this.passwords = new SessionPasswords(config.sessionSecret());
        this.preparer = new Preparer(config);
        this.reads = new Reads(tree, limits);
        this.fourLetterWords = new FourLetterWords(config, environment, this);
        tree.setWatcherReadCheck((watcher, acl) -> {
            Connection connection = connections.get(watcher);
            return connection == null || AclPolicy.allows(acl, Perms.READ, connection.identities);
        });
    }

    /**
     * Makes this core a read-only server's (an ensemble member cut off from its quorum, with
     * {@code readonlymode.enabled}): only clients that allow it connect, their sessions are this
     * server's alone, writes and syncs get NOTREADONLY.
     */
    public void serveReadOnly() {
        Checks.check(forwardTimeoutMs == 0 && !replicatedLeader, "a core that forwards or leads cannot be read-only");
        this.readOnly = true;
    }

    /**
     * Takes transferLeadership requests (a Warden extension) from superuser sessions and hands
     * them to {@code transfers}. Without it they are answered with APIERROR ("not the leader").
     */
    public void acceptLeadershipTransfers(LeadershipTransfers transfers) {
        this.leadershipTransfers = transfers;
    }

    /** Whether this core forwards writes to a leader ({@link #forwardWrites}). */
    public boolean forwardsWrites() {
        return forwardTimeoutMs > 0;
    }

    /** Whether this core serves reads only ({@link #serveReadOnly}). */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Makes this core a follower's: it forwards new sessions, writes and syncs to the leader
     * ({@link ServerOutput.Forward}) instead of proposing them, answers them as their transactions
     * arrive ({@link ServerInput.Apply}), reports the sessions it hears from on each tick, and
     * closes a connection whose forwarded request got no answer within {@code timeoutMs}.
     */
    public void forwardWrites(long timeoutMs) {
        Checks.check(timeoutMs > 0, "forward timeout %d", timeoutMs);
        this.forwardTimeoutMs = timeoutMs;
    }

    /**
     * PLANTS A BUG, for the fault harness only: this follower's core answers a client's sync at
     * once from its own state, as a standalone server does, instead of forwarding it to the
     * leader. A follower cut off from its leader without knowing it yet then answers sync and a
     * stale read after it, which a correct server never does (see {@code replicatedLeader}).
     * Call after {@link #forwardWrites}.
     */
    public void plantLocalSyncs() {
        Checks.check(forwardTimeoutMs > 0, "only a core that forwards its syncs can answer them locally");
        this.localSyncsPlanted = true;
    }

    /**
     * Handles one input at time {@code nowMs}, appending what must happen to {@code outputs}.
     *
     * <p>An exception while serving one connection (its handshake, a request, the reply to its
     * write) fails that connection only: what was decided before the exception stands, the
     * connection is closed, and a {@link ServerOutput.RequestFailed} tells the host what happened.
     * An exception that belongs to no connection, or a broken invariant of the core, is thrown:
     * the host must stop.
     */
    public void handle(ServerInput input, long nowMs, List<ServerOutput> outputs) {
        this.out = outputs;
        this.nowMs = nowMs;
        this.servingConnId = 0;
        try {
            try {
                dispatch(input);
            } catch (Checks.InvariantViolation e) {
                throw e;
            } catch (RuntimeException e) {
                if (servingConnId == 0) {
                    throw e;
                }
                failConnection(servingConnId, String.valueOf(input), e);
            }
            servingConnId = 0;
            letGoOfStalledConnections();
            if (input instanceof ServerInput.Tick) {
                publishMetrics(nowMs);
            }
        } finally {
            this.out = null;
        }
    }

    /**
     * Closes connections that stopped reading while the server holds too much, then resumes those
     * that waited for the server's bytes to fall (see {@link FlowControl}).
     */
    private void letGoOfStalledConnections() {
        for (Connection stalled : flow.toLetGo(nowMs)) {
            out.add(new ServerOutput.Warning("closing connection " + stalled.id + " from " + stalled.endpoint
                    + ": it stopped reading its replies (" + stalled.backlog.bytes() + " bytes unwritten) while"
                    + " the server held more than warden.globalOutstandingBytesMax"));
            close(stalled.id);
        }
        for (Connection waiting : flow.mayAnswerAgain()) {
            try {
                drain(waiting);
            } catch (Checks.InvariantViolation e) {
                throw e;
            } catch (RuntimeException e) {
                failConnection(waiting.id, "answering its queued requests", e);
            }
        }
        flow.resumeWaiting(out);
    }

    private void dispatch(ServerInput input) {
        if (input instanceof RequestReceived r) {
            servingConnId = r.connId();
            onRequest(r.connId(), r.header(), r.body(), null);
        } else if (input instanceof Committed c) {
            onCommitted(c.zxid());
        } else if (input instanceof ConnectReceived c) {
            servingConnId = c.connId();
            stats.connectionRequests++;
            onConnect(c.connId(), c.request());
        } else if (input instanceof ConnectionOpened o) {
            servingConnId = o.connId();
            onOpened(o.connId(), o.remoteAddress(), o.endpoint());
        } else if (input instanceof ServerInput.Written w) {
            servingConnId = w.connId();
            onWritten(w.connId(), w.frames());
        } else if (input instanceof ConnectionClosed c) {
            onClosed(c.connId());
        } else if (input instanceof BadRequest b) {
            servingConnId = b.connId();
            onRequest(b.connId(), b.header(), null, b.code());
        } else if (input instanceof FourLetterWord w) {
            servingConnId = w.connId();
            onFourLetterWord(w.connId(), w.command());
        } else if (input instanceof ServerInput.Apply a) {
            onReplicated(a.txn());
        } else if (input instanceof ServerInput.Lead l) {
            Checks.check(inFlight.isEmpty() && l.afterZxid() >= tree.lastZxid(),
                    "leading after %x with %d proposals in flight, tree at %x", l.afterZxid(), inFlight.size(),
                    tree.lastZxid());
            lastProposedZxid = l.afterZxid();
            replicatedLeader = true;
            sessions.touchAll(nowMs); // clients could not reach a leader until now
        } else if (input instanceof ServerInput.Forwarded f) {
            onForwarded(f.fromServer(), f.request());
        } else if (input instanceof ServerInput.SessionsAlive alive) {
            for (long id : alive.sessionIds()) {
                Session session = sessions.get(id);
                if (session != null) {
                    sessions.touch(session, nowMs);
                }
            }
        } else if (input instanceof Tick && readOnly) {
            for (Session session : sessions.expire(nowMs)) {
                sessions.remove(session.id);
                if (session.connId != 0) {
                    close(session.connId);
                }
            }
        } else if (input instanceof Tick && forwardTimeoutMs > 0) {
            reportSessions();
            closeUnansweredForwards();
        } else if (input instanceof Tick) {
            expireSessions();
            reap();
        } else {
            throw new IllegalArgumentException("no handling for input " + input);
        }
    }

    /** Closes a connection whose request threw, and tells the host why. */
    private void failConnection(long connId, String request, RuntimeException error) {
        stats.requestFailures++;
        out.add(new ServerOutput.RequestFailed(connId, request, error));
        Connection connection = connections.get(connId);
        if (connection == null || !connection.closing) {
            close(connId);
        }
    }

    // ---------------------------------------------------------------- connections

    private void onOpened(long connId, String remoteAddress, String endpoint) {
        int count = connectionsPerAddress.getOrDefault(remoteAddress, 0);
        connections.put(connId, new Connection(connId, remoteAddress, endpoint, nowMs));
        connectionsPerAddress.put(remoteAddress, count + 1);
        if (config.maxClientCnxns() > 0 && count >= config.maxClientCnxns()) {
            close(connId);
        }
    }

    private void onClosed(long connId) {
        Connection connection = connections.remove(connId);
        if (connection == null) {
            return;
        }
        connectionsPerAddress.computeIfPresent(connection.remoteAddress, (a, n) -> n <= 1 ? null : n - 1);
        tree.removeWatcher(connId);
        if (!connection.closing) {
            flow.leaving(connection);
        }
        Session session = sessions.get(connection.sessionId);
        if (session != null && session.connId == connId) {
            session.connId = 0;
        }
    }

    private void close(long connId) {
        Connection connection = connections.get(connId);
        if (connection != null && !connection.closing) {
            flow.leaving(connection);
            connection.closing = true;
        }
        out.add(new CloseConnection(connId));
    }

    private void throttle(Connection connection) {
        flow.throttle(connection, out);
    }

    /** A request's bytes are no longer held: it was answered, or its write committed. */
    private void release(Connection connection, long bytes) {
        flow.released(connection, bytes);
    }

    /** The transport wrote frames to the connection's socket: answer what waited for room. */
    private void onWritten(long connId, int frames) {
        Connection connection = connections.get(connId);
        if (connection == null) {
            return;
        }
        flow.written(connection, frames, nowMs);
        drain(connection);
    }

    /**
     * Sends a frame of {@code bytes} to the connection, counting it until it is written. Nothing is
     * sent to a connection that is closing: what it was to receive was sent before the close.
     */
    private void send(Connection connection, ServerOutput.ToConnection output, long bytes) {
        if (connection.closing) {
            return;
        }
        out.add(output);
        flow.sent(connection, bytes, nowMs);
    }

    /** Sends a packet of the protocol: a frame the packet counters of srvr and cons count. */
    private void sendPacket(Connection connection, ServerOutput.ToConnection output, long bytes) {
        if (connection.closing) {
            return;
        }
        send(connection, output, bytes);
        connection.packetsSent++;
        stats.packetsSent++;
    }

    private void onFourLetterWord(long connId, String command) {
        Connection connection = connections.get(connId);
        if (connection == null || connection.closing) {
            return;
        }
        String text = fourLetterWords.run(command, nowMs - startMs);
        send(connection, new SendText(connId, text), JuteSize.utf8Length(text));
        close(connId);
    }

    // ---------------------------------------------------------------- handshake

    private void onConnect(long connId, ConnectRequest request) {
        Connection connection = connections.get(connId);
        if (connection == null || connection.closing || connection.handshakeStarted) {
            return;
        }
        connection.handshakeStarted = true;
        connection.oldClient = request.oldClient();
        stats.packetsReceived++;
        connection.packetsReceived++;
        if (readOnly && !request.readOnly()) {
            close(connId); // as ZooKeeper's read-only server: only clients that allow it
            return;
        }
        if (request.lastZxidSeen() > tree.lastZxid()) {
            close(connId);
            return;
        }
        int timeoutMs = negotiate(request.timeOut());
        connection.sessionTimeoutMs = timeoutMs;
        if (request.sessionId() == 0) {
            long sessionId = sessions.newId();
            connection.sessionId = sessionId;
            RequestHeader header = new RequestHeader(0, OpCode.CREATE_SESSION);
            if (readOnly) { // a session of this server alone, never committed
                sessions.add(new Session(sessionId, timeoutMs, connId), nowMs);
                establish(connection, timeoutMs);
                return;
            }
            if (forwardTimeoutMs > 0) {
                forward(connection, ForwardedRequest.newSession(sessionId, timeoutMs), 0);
                return;
            }
            propose(connection, header, new TxnOp.CreateSession(sessionId, timeoutMs), sessionId, 0);
            return;
        }
        Session session = sessions.get(request.sessionId());
        if (session != null && session.connId != 0 && session.connId != connId) {
            // As ZooKeeper does: any attempt to attach to a session, even with a wrong password,
            // first closes the connection the session has now.
            close(session.connId);
            session.connId = 0;
        }
        if (session == null && forwardTimeoutMs > 0 && passwords.matches(request.sessionId(), request.passwd())) {
            // This follower may not have applied the session's creation yet: only the leader can
            // say it expired. The client tries another server.
            close(connId);
            return;
        }
        if (session == null || session.closing || !passwords.matches(request.sessionId(), request.passwd())) {
            sendConnectResponse(connection, 0, 0, new byte[SessionPasswords.LENGTH]);
            close(connId);
            return;
        }
        session.connId = connId;
        sessions.touch(session, nowMs);
        heard(session.id);
        connection.sessionId = session.id;
        if (forwardTimeoutMs > 0) {
            out.add(new ServerOutput.Forward(ForwardedRequest.attach(session.id)));
        } else if (replicatedLeader) {
            owners.put(session.id, config.serverId());
        }
        establish(connection, timeoutMs);
    }

    private int negotiate(int requestedMs) {
        return Math.max(config.minSessionTimeoutMs(), Math.min(config.maxSessionTimeoutMs(), requestedMs));
    }

    private void establish(Connection connection, int timeoutMs) {
        if (connection.closing) {
            return;
        }
        sendConnectResponse(connection, timeoutMs, connection.sessionId, passwords.passwordFor(connection.sessionId));
        connection.established = true;
        drain(connection);
    }

    private void sendConnectResponse(Connection connection, int timeoutMs, long sessionId, byte[] password) {
        ConnectResponse response = new ConnectResponse(0, timeoutMs, sessionId, password, readOnly,
                connection.oldClient);
        sendPacket(connection, new SendConnectResponse(connection.id, response), Frames.connectResponseSize(response));
    }

    // ---------------------------------------------------------------- requests

    private void onRequest(long connId, RequestHeader header, Record body, ErrorCode error) {
        Connection connection = connections.get(connId);
        if (connection == null || connection.closing) {
            return;
        }
        stats.packetsReceived++;
        connection.packetsReceived++;
        connection.lastOp = OpCode.name(header.type());
        Session session = sessions.get(connection.sessionId);
        if (session != null) {
            sessions.touch(session, nowMs);
            heard(session.id);
        }
        if (header.type() == OpCode.PING && error == null && connection.established) {
            reply(connection, new ReplyHeader(Xids.PING, tree.lastZxid(), 0), null, -1);
            return;
        }
        if (error == ErrorCode.UNIMPLEMENTED && connection.established) {
            refuse(connection, header);
            return;
        }
        long bytes = Frames.requestSize(header, body);
        flow.requestArrived(connection, bytes);
        QueuedRequest request = new QueuedRequest(header, body, error, nowMs, bytes);
        if (!connection.established || !connection.queue.isEmpty() || !serve(connection, request)) {
            connection.queue.add(request);
        }
        throttle(connection);
    }

    /**
     * Serves a request now if its connection's order allows: a write is proposed at once, any
     * other request only once the connection has no write in flight. Returns false if it must wait.
     */
    private boolean serve(Connection connection, QueuedRequest request) {
        if (!flow.mayAnswer(connection)) {
            return false; // answered once the client has read what it was sent
        }
        RequestHeader header = request.header();
        if (request.error() == ErrorCode.UNIMPLEMENTED) {
            refuse(connection, header);
            release(connection, request.bytes());
            return true;
        }
        if (readOnly && (Preparer.isWrite(header.type()) || header.type() == OpCode.SYNC)) {
            if (connection.writesInFlight > 0) {
                return false;
            }
            answerReadOnly(connection, request);
            return true;
        }
        RequestChecks.Refusal refusal = request.error() == null
                ? RequestChecks.refusal(header.type(), request.body()) : null;
        if (refusal != null) {
            if (connection.writesInFlight > 0) {
                return false;
            }
            reply(connection, new ReplyHeader(header.xid(), tree.lastZxid(), refusal.code().code()), refusal.body(),
                    request.receivedMs());
            release(connection, request.bytes());
            return true;
        }
        Session session = sessions.get(connection.sessionId);
        boolean sessionGone = session == null || session.closing;
        boolean forwardedSync = header.type() == OpCode.SYNC && !localSyncsPlanted;
        if (forwardTimeoutMs > 0 && !sessionGone && (isMultiThatDidNotDecode(request)
                || (request.error() == null && (Preparer.isWrite(header.type()) || forwardedSync)))) {
            forward(connection, new ForwardedRequest(connection.sessionId, header, request.body(), request.error(),
                    connection.identities, 0, false), request.bytes());
            if (header.type() == OpCode.CLOSE_SESSION) {
                session.closing = true;
            }
            return true;
        }
        if (replicatedLeader && request.error() == null && header.type() == OpCode.SYNC && !sessionGone) {
            propose(connection, header, new TxnOp.Error(ErrorCode.OK), connection.sessionId, request.bytes(),
                    request.body());
            return true;
        }
        if (isMultiThatDidNotDecode(request) && !sessionGone) {
            propose(connection, header, new TxnOp.Error(ErrorCode.MARSHALLINGERROR), connection.sessionId,
                    request.bytes());
            return true;
        }
        if (request.error() == null && Preparer.isWrite(header.type()) && !sessionGone) {
            TxnOp op = replicatedLeader && movedAway(connection.sessionId, config.serverId())
                    ? new TxnOp.Error(ErrorCode.SESSIONMOVED)
                    : preparer.prepare(header.type(), request.body(), connection.sessionId);
            propose(connection, header, op, connection.sessionId, request.bytes());
            if (header.type() == OpCode.CLOSE_SESSION) {
                session.closing = true;
            }
            return true;
        }
        if (connection.writesInFlight > 0) {
            return false;
        }
        release(connection, request.bytes());
        if (request.error() == null && Preparer.isWrite(header.type())) {
            reply(connection, new ReplyHeader(header.xid(), tree.lastZxid(), ErrorCode.SESSIONEXPIRED.code()), null,
                    request.receivedMs());
            return true;
        }
        if (request.error() != null) {
            reply(connection, new ReplyHeader(header.xid(), tree.lastZxid(), request.error().code()), null,
                    request.receivedMs());
            return true;
        }
        if (header.type() == OpCode.WARDEN_TRANSFER_LEADERSHIP) {
            reply(connection, new ReplyHeader(header.xid(), tree.lastZxid(),
                    transferLeadership(connection, (TransferLeadershipRequest) request.body()).code()), null,
                    request.receivedMs());
            return true;
        }
        Reads.Answer answer = reads.answer(connection, header, request.body(), config.superDigest());
        for (WatchEvent event : answer.events()) {
            notify(event);
        }
        reply(connection, new ReplyHeader(answer.xid(), answer.zxid(), answer.err().code()), answer.body(),
                request.receivedMs());
        if (answer.closeAfter()) {
            close(connection.id);
        }
        return true;
    }

    /**
     * A Warden extension: only a superuser session (the {@code superDigest} identity) may ask for a
     * leadership transfer (NOAUTH otherwise); only an ensemble's leader can start one.
     */
    private ErrorCode transferLeadership(Connection connection, TransferLeadershipRequest request) {
        if (!connection.identities.contains(new Id(AclPolicy.SUPER, ""))) {
            return ErrorCode.NOAUTH;
        }
        if (leadershipTransfers == null) {
            return ErrorCode.APIERROR;
        }
        out.add(new ServerOutput.Warning("connection " + connection.id + " from " + connection.endpoint
                + " asks to hand leadership to server " + request.serverId()));
        return leadershipTransfers.transferTo(request.serverId());
    }

    /**
     * ZooKeeper decodes a multi's body in its prepare stage, after giving it a zxid, so a multi
     * that does not decode still uses up a zxid; other bodies are decoded before that.
     */
    private static boolean isMultiThatDidNotDecode(QueuedRequest request) {
        return request.error() == ErrorCode.MARSHALLINGERROR && request.header().type() == OpCode.MULTI;
    }

    /** The mntr values for a metrics endpoint; a failure is reported, never fatal to the server. */
    private void publishMetrics(long nowMs) {
        try {
            fourLetterWords.publish(nowMs - startMs);
        } catch (RuntimeException e) {
            out.add(new ServerOutput.Warning("publishing the mntr values for the metrics endpoint failed: " + e));
        }
    }

    /**
     * A write or sync on a read-only server: NOTREADONLY, as ZooKeeper's read-only server answers
     * before looking at the request; a closeSession ends the session here (it is this server's).
     */
    private void answerReadOnly(Connection connection, QueuedRequest request) {
        release(connection, request.bytes());
        RequestHeader header = request.header();
        if (header.type() == OpCode.CLOSE_SESSION) {
            sessions.remove(connection.sessionId);
            reply(connection, new ReplyHeader(header.xid(), tree.lastZxid(), 0), null, request.receivedMs());
            close(connection.id);
            return;
        }
        reply(connection, new ReplyHeader(header.xid(), tree.lastZxid(), ErrorCode.NOTREADONLY.code()), null,
                request.receivedMs());
    }

    /** An op code clients may not send: ZooKeeper answers UNIMPLEMENTED with zxid -1 and closes. */
    private void refuse(Connection connection, RequestHeader header) {
        reply(connection, new ReplyHeader(header.xid(), -1, ErrorCode.UNIMPLEMENTED.code()), null, -1);
        close(connection.id);
    }

    private void drain(Connection connection) {
        while (connection.established && !connection.closing && !connection.queue.isEmpty()) {
            if (!serve(connection, connection.queue.peek())) {
                break;
            }
            connection.queue.poll();
        }
        throttle(connection);
    }

    private void propose(Connection connection, RequestHeader header, TxnOp op, long sessionId, long requestBytes) {
        propose(connection, header, op, sessionId, requestBytes, null);
    }

    private void propose(Connection connection, RequestHeader header, TxnOp op, long sessionId, long requestBytes,
            Record body) {
        propose(connection, header, op, sessionId, connection == null ? List.of() : connection.identities,
                requestBytes, body);
    }

    /** Stamps the next zxid on {@code op} and proposes it; {@code connection} (null for none) awaits it. */
    private void propose(Connection connection, RequestHeader header, TxnOp op, long sessionId, List<Id> identities,
            long requestBytes, Record body) {
        long zxid = ++lastProposedZxid;
        Txn txn = new Txn(zxid, nowMs, sessionId, header.xid(), identities, op);
        inFlight.add(new InFlight(txn, connection == null ? 0 : connection.id, header, nowMs, requestBytes, body));
        if (connection != null) {
            connection.writesInFlight++;
        }
        out.add(new Propose(txn));
    }

    // ---------------------------------------------------------------- commit and apply

    private void onCommitted(long zxid) {
        InFlight head = inFlight.poll();
        if (head == null || head.txn.zxid() != zxid) {
            throw Checks.violation("commit of %x out of order, expected %s", zxid,
                    head == null ? "nothing" : Long.toHexString(head.txn.zxid()));
        }
        TreeResult result = tree.apply(head.txn);
        reportApplyError(head.txn, result);
        for (WatchEvent event : result.events()) {
            notify(event);
        }
        servingConnId = head.connId;
        finishWrite(head, result, connections.get(head.connId));
    }

    /** A write of this server's clients is applied: its session change, its reply, what waited for it. */
    private void finishWrite(InFlight head, TreeResult result, Connection connection) {
        long zxid = head.txn.zxid();
        if (connection != null) {
            connection.writesInFlight--;
            release(connection, head.requestBytes);
        }
        TxnOp op = head.txn.op();
        if (op instanceof TxnOp.CreateSession create) {
            sessionCreated(create, connection);
        } else if (op instanceof TxnOp.CloseSession close) {
            sessionClosed(close.sessionId(), head, connection);
        } else if (connection != null && head.header.type() == OpCode.SYNC && result.result() instanceof OpResult.Failed
                failed && failed.code() != ErrorCode.OK) {
            reply(connection, new ReplyHeader(head.header.xid(), zxid, failed.code().code()), null, head.receivedMs);
        } else if (connection != null && head.header.type() == OpCode.SYNC) {
            reply(connection, new ReplyHeader(head.header.xid(), zxid, 0),
                    new SyncResponse(((SyncRequest) head.body).path()), head.receivedMs);
        } else if (connection != null) {
            Replies.Reply reply = Replies.forWrite(head.header.type(), op, result.result());
            reply(connection, new ReplyHeader(head.header.xid(), zxid, reply.err().code()), reply.body(),
                    head.receivedMs);
        }
        if (connection != null) {
            drain(connection);
        }
    }

    private void onReplicated(Txn txn) {
        Checks.check(inFlight.isEmpty(), "transaction %x from the ensemble while %d of ours are in flight",
                txn.zxid(), inFlight.size());
        TreeResult result = tree.apply(txn);
        reportApplyError(txn, result);
        for (WatchEvent event : result.events()) {
            notify(event);
        }
        lastProposedZxid = txn.zxid();
        Forwarding mine = takeForwarded(txn);
        if (mine != null) {
            Connection connection = connections.get(mine.connId);
            servingConnId = mine.connId;
            finishWrite(new InFlight(txn, mine.connId, mine.request.header(), mine.receivedMs, mine.requestBytes,
                    mine.request.body()), result, connection);
            servingConnId = 0;
        } else {
            replicatedSessionChange(txn);
        }
    }

    /** A session created or closed through another server. */
    private void replicatedSessionChange(Txn txn) {
        TxnOp op = txn.op();
        if (op instanceof TxnOp.CreateSession create) {
            sessions.add(new Session(create.sessionId(), create.timeoutMs(), 0), nowMs);
        } else if (op instanceof TxnOp.CloseSession close) {
            Session session = sessions.remove(close.sessionId());
            if (session != null && session.connId != 0) {
                close(session.connId);
            }
        }
    }

    // ---------------------------------------------------------------- forwarding (ensembles)

    /** A follower hands a request to the leader and waits for its transaction (or sync answer). */
    private void forward(Connection connection, ForwardedRequest request, long requestBytes) {
        forwarded.add(new Forwarding(connection.id, request, nowMs, requestBytes));
        connection.writesInFlight++;
        out.add(new ServerOutput.Forward(request));
    }

    /**
     * The forwarded request a transaction answers: the oldest one of its session and xid (a
     * follower's requests reach the leader, and their transactions come back, in the order sent).
     */
    private Forwarding takeForwarded(Txn txn) {
        for (Iterator<Forwarding> it = forwarded.iterator(); it.hasNext(); ) {
            Forwarding f = it.next();
            if (f.request.sessionId() == txn.sessionId() && f.request.header().xid() == txn.cxid()
                    && f.request.isNewSession() == (txn.op() instanceof TxnOp.CreateSession)) {
                it.remove();
                return f;
            }
        }
        return null;
    }

    private void heard(long sessionId) {
        if (forwardTimeoutMs > 0) {
            heardFrom.add(sessionId);
        }
    }

    private void reportSessions() {
        if (!heardFrom.isEmpty()) {
            out.add(new ServerOutput.ReportSessions(new ArrayList<>(heardFrom)));
            heardFrom.clear();
        }
    }

    /**
     * When the leader has not acted on a forwarded request in time, it may have been lost on the
     * way, and the leader refuses everything forwarded after a loss (see {@code ReplicatedServer}):
     * every connection with a forwarded request waiting is closed, so its client learns the outcome
     * is unknown, and forwarding starts over ({@link #forwardsAbandoned}).
     */
    private void closeUnansweredForwards() {
        if (forwarded.isEmpty() || nowMs - forwarded.peek().receivedMs <= forwardTimeoutMs) {
            return;
        }
        Forwarding stale = forwarded.peek();
        out.add(new ServerOutput.Warning("the leader did not act on a forwarded "
                + OpCode.name(stale.request.header().type()) + " within " + forwardTimeoutMs + " ms; closing the "
                + forwarded.size() + " connections' requests waiting for it"));
        for (Forwarding waiting : forwarded) {
            Connection connection = connections.get(waiting.connId);
            if (connection != null && !connection.closing) {
                close(waiting.connId);
            }
        }
        forwarded.clear();
        forwardsAbandoned++;
    }

    /** How often forwarding started over after a request went unanswered; see {@link #closeUnansweredForwards}. */
    public long forwardsAbandoned() {
        return forwardsAbandoned;
    }

    /**
     * At the leader: a request a follower forwarded. Prepared and proposed as this server's own
     * writes are (the reply is the follower's business); a sync becomes a no-op transaction, as
     * this leader's own clients' syncs do.
     */
    private void onForwarded(long fromServer, ForwardedRequest request) {
        long sessionId = request.sessionId();
        if (request.isNewSession()) {
            if (sessions.get(sessionId) == null) {
                owners.put(sessionId, fromServer);
                proposeFor(request, new TxnOp.CreateSession(sessionId, negotiate(request.sessionTimeoutMs())));
            }
            return;
        }
        Session session = sessions.get(sessionId);
        if (session != null) {
            sessions.touch(session, nowMs);
        }
        if (request.isAttach()) {
            if (session != null) {
                owners.put(sessionId, fromServer);
            }
            return;
        }
        int type = request.header().type();
        if (movedAway(sessionId, fromServer)) {
            proposeFor(request, new TxnOp.Error(ErrorCode.SESSIONMOVED));
        } else if (session == null || session.closing) {
            proposeFor(request, new TxnOp.Error(ErrorCode.SESSIONEXPIRED));
        } else if (request.error() != null || request.body() == null && type != OpCode.CLOSE_SESSION) {
            proposeFor(request, new TxnOp.Error(ErrorCode.MARSHALLINGERROR));
        } else if (request.isSync()) {
            proposeFor(request, new TxnOp.Error(ErrorCode.OK)); // answered when a quorum followed: see replicatedLeader
        } else if (!Preparer.isWrite(type) || type == OpCode.CREATE_SESSION) {
            proposeFor(request, new TxnOp.Error(ErrorCode.UNIMPLEMENTED));
        } else {
            RequestChecks.Refusal refusal = RequestChecks.refusal(type, request.body());
            TxnOp op = refusal != null ? new TxnOp.Error(refusal.code())
                    : preparer.prepare(type, request.body(), sessionId);
            proposeFor(request, op);
            if (type == OpCode.CLOSE_SESSION) {
                session.closing = true;
            }
        }
    }

    /**
     * At the leader: the session's clients are now attached to another server than {@code
     * server}, so a request from {@code server} is a late one from before the move (ZooKeeper's
     * SESSIONMOVED). Unknown until the session is created or attached under this leader.
     */
    private boolean movedAway(long sessionId, long server) {
        Long owner = owners.get(sessionId);
        return owner != null && owner != server;
    }

    private void proposeFor(ForwardedRequest request, TxnOp op) {
        propose(null, request.header(), op, request.sessionId(), request.identities(), 0, null);
    }

    /** A transaction that threw while being applied was failed instead; the host logs it. */
    private void reportApplyError(Txn txn, TreeResult result) {
        if (result.applyError() != null) {
            out.add(new ServerOutput.ApplyFailed(txn.zxid(), String.valueOf(txn), result.applyError()));
        }
    }

    private void sessionCreated(TxnOp.CreateSession create, Connection connection) {
        long connId = connection == null ? 0 : connection.id;
        Session session = new Session(create.sessionId(), create.timeoutMs(), connId);
        sessions.add(session, nowMs);
        if (replicatedLeader && connection != null) {
            owners.put(create.sessionId(), config.serverId());
        }
        if (connection != null) {
            establish(connection, create.timeoutMs());
        }
    }

    private void sessionClosed(long sessionId, InFlight head, Connection requester) {
        Session session = sessions.remove(sessionId);
        owners.remove(sessionId);
        if (requester != null && head.header.type() == OpCode.CLOSE_SESSION) {
            reply(requester, new ReplyHeader(head.header.xid(), head.txn.zxid(), 0), null, head.receivedMs);
            close(requester.id);
        } else if (session != null && session.connId != 0) {
            close(session.connId);
        }
    }

    private void expireSessions() {
        for (Session session : sessions.expire(nowMs)) {
            propose(null, new RequestHeader(0, OpCode.CLOSE_SESSION), new TxnOp.CloseSession(session.id), session.id,
                    0);
        }
    }

    /** Proposes the deletion of due containers and TTL nodes, as ZooKeeper's container manager does. */
    private void reap() {
        for (String path : reaper.due(nowMs, tree)) {
            propose(null, new RequestHeader(0, OpCode.DELETE_CONTAINER), new TxnOp.Delete(path, -1, true), 0, 0);
        }
    }

    // ---------------------------------------------------------------- replies

    private void notify(WatchEvent event) {
        Connection connection = connections.get(event.watcherId());
        if (connection == null) {
            return;
        }
        WatcherEvent watcherEvent = new WatcherEvent(event.type(), SYNC_CONNECTED, event.path());
        sendPacket(connection, new SendNotification(connection.id, event.zxid(), watcherEvent),
                Frames.notificationSize(event.zxid(), watcherEvent));
    }

    private void reply(Connection connection, ReplyHeader header, Record body, long receivedMs) {
        sendPacket(connection, new SendReply(connection.id, header, body), Frames.replySize(header, body));
        if (receivedMs >= 0) {
            long latencyMs = Math.max(0, nowMs - receivedMs);
            connection.latency.record(latencyMs);
            stats.latency.record(latencyMs);
            connection.lastLatencyMs = latencyMs;
        }
        if (header.xid() > 0) {
            connection.lastCxid = header.xid();
        }
        connection.lastZxid = header.zxid();
        connection.lastResponseMs = nowMs;
    }

    // ---------------------------------------------------------------- views for admin commands

    CoreConfig config() {
        return config;
    }

    DataTree tree() {
        return tree;
    }

    Map<Long, Connection> connections() {
        return connections;
    }

    Sessions sessions() {
        return sessions;
    }

    ServerStats stats() {
        return stats;
    }

    FlowControl flow() {
        return flow;
    }

    int outstandingRequests() {
        int queued = 0;
        for (Connection connection : connections.values()) {
            queued += connection.queue.size();
        }
        return queued + inFlight.size();
    }

    /** Starts a consistent snapshot of the tree; read its chunks on this core's thread. */
    public TreeSnapshot beginSnapshot() {
        return tree.beginSnapshot();
    }

    /** The tree digest after the last applied transaction. */
    public long digest() {
        return tree.digest();
    }

    /** The zxid of the last applied transaction. */
    public long lastZxid() {
        return tree.lastZxid();
    }

    /** Number of open client connections. */
    public int connectionCount() {
        return connections.size();
    }

    /** The ids of the open client connections (the host closes them when it replaces this core). */
    public List<Long> connectionIds() {
        return List.copyOf(connections.keySet());
    }

    /**
     * Whether {@code identities} hold {@code perm} on the root node, as ZooKeeper's AdminServer
     * checks before a command that changes state. A digest identity that is the configured super
     * digest passes every ACL.
     */
    public boolean rootAllows(int perm, List<Id> identities) {
        List<Id> all = new ArrayList<>(identities);
        String superDigest = config.superDigest();
        for (Id id : identities) {
            if (superDigest != null && id.scheme().equals("digest") && superDigest.equals(id.id())) {
                all.add(new Id(AclPolicy.SUPER, ""));
            }
        }
        OpResult acl = tree.getAcl(DataTree.ROOT, List.of(new Id(AclPolicy.SUPER, "")));
        return acl instanceof OpResult.AclResult found && AclPolicy.allows(found.acl(), perm, all);
    }
}
