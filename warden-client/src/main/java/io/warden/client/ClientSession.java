package io.warden.client;

import io.warden.common.RandomSource;
import io.warden.wire.ErrorCode;
import io.warden.wire.Frames;
import io.warden.wire.JuteInput;
import io.warden.wire.OpCode;
import io.warden.wire.ReplyHeader;
import io.warden.wire.RequestHeader;
import io.warden.wire.WireFormatException;
import io.warden.wire.Xids;
import io.warden.wire.proto.AuthPacket;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.ConnectResponse;
import io.warden.wire.proto.WatcherEvent;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's protocol state machine: connection attempts over the servers in turn, the
 * handshake that creates or re-attaches a session, requests in FIFO order matched to their
 * replies by xid, pings, timeouts, watches and their re-registration, authentication replayed on
 * every connection, and the state changes the application sees. It owns no thread, socket or
 * clock: every input carries the time, and every effect is a call on {@link Output}. One thread
 * must call it at a time.
 *
 * <p>Requests the application submits while no connection is up wait in a queue (at most
 * {@code connectionTimeoutMs}); requests sent on a connection that drops fail with CONNECTIONLOSS,
 * because nobody can know whether the server applied them.
 */
final class ClientSession {
    /** The longest a connection stays silent from our side before a ping (ZooKeeper's client: 10 s). */
    static final long PING_INTERVAL_MAX_MS = 10_000;
    /** The length of a session password. */
    static final int PASSWORD_BYTES = 16;

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final byte[] NO_PASSWORD = new byte[PASSWORD_BYTES];

    /** Everything the session does to the world. */
    interface Output {
        /** Open a connection to {@code server}; report it with connected, frame and disconnected. */
        void dial(int connectionId, InetSocketAddress server, long timeoutMs);

        void send(int connectionId, byte[] frame);

        /** Close the connection; no report for it is needed any more. */
        void hangUp(int connectionId);

        void completed(Call call, Outcome outcome);

        void watchEvent(Set<Watcher> watchers, WatchEvent event);

        void stateChanged(ConnectionState state, long sessionId);
    }

    private enum Phase { WAITING, CONNECTING, HANDSHAKING, CONNECTED, CLOSING, CLOSED, AUTH_FAILED }

    /** A credential sent on every connection, and the addAuth calls waiting for the server to accept it. */
    private static final class SavedAuth {
        final AuthPacket packet;
        final List<Call> waiters = new ArrayList<>();

        SavedAuth(AuthPacket packet) {
            this.packet = packet;
        }

        boolean sameAs(AuthPacket other) {
            return packet.scheme().equals(other.scheme()) && Arrays.equals(packet.auth(), other.auth());
        }
    }

    private final SessionSettings settings;
    private final HostRotation hosts;
    private final Chroot chroot;
    private final RandomSource random;
    private final Output output;
    private final ClientWatches watches = new ClientWatches();
    private final ArrayDeque<Call> queued = new ArrayDeque<>();
    private final ArrayDeque<Call> inFlight = new ArrayDeque<>();
    private final List<SavedAuth> auths = new ArrayList<>();
    private final ArrayDeque<SavedAuth> authsInFlight = new ArrayDeque<>();

    private Phase phase = Phase.WAITING;
    private boolean started;
    private int connectionId;
    private int lastConnectionId;
    private boolean sessionKnown;
    private long sessionId;
    private byte[] password = NO_PASSWORD;
    private int negotiatedTimeoutMs;
    private boolean suspended;
    private long lastZxidSeen;
    private int lastXid;
    private long reconnectAtMs;
    private long attemptDeadlineMs;
    private long lastSentMs;
    private long lastHeardMs;
    private long closeDeadlineMs;
    private Call closeCall;

    ClientSession(SessionSettings settings, HostRotation hosts, Chroot chroot, RandomSource random, Output output) {
        this.settings = settings;
        this.hosts = hosts;
        this.chroot = chroot;
        this.random = random;
        this.output = output;
    }

    // ---- inputs -------------------------------------------------------------------------------

    /** Begins connecting. */
    void start(long nowMs) {
        if (started) {
            return;
        }
        started = true;
        reconnectAtMs = nowMs;
        tick(nowMs);
    }

    /** Time passes: connection attempts, pings, timeouts. */
    void tick(long nowMs) {
        if (!started) {
            return;
        }
        switch (phase) {
            case WAITING -> {
                if (nowMs >= reconnectAtMs) {
                    dial(nowMs);
                }
            }
            case CONNECTING, HANDSHAKING -> {
                if (nowMs >= attemptDeadlineMs) {
                    LOG.debug("connection attempt {} timed out", connectionId);
                    output.hangUp(connectionId);
                    connectionDropped(nowMs, "the connection attempt timed out");
                }
            }
            case CONNECTED -> tickConnected(nowMs);
            case CLOSING, CLOSED, AUTH_FAILED -> {
                // CLOSING ends below; the others do nothing any more.
            }
        }
        if (closeCall != null && nowMs >= closeDeadlineMs) {
            finishClose(phase == Phase.CLOSING ? "the server did not answer closeSession in time"
                    : "no server could be reached to close the session");
            return;
        }
        if (phase != Phase.CONNECTED && phase != Phase.CLOSED && phase != Phase.AUTH_FAILED) {
            expireQueued(nowMs);
            if (suspended && nowMs >= lastHeardMs + negotiatedTimeoutMs) {
                sessionLost(nowMs);
            }
        }
    }

    /** The transport connected; the handshake starts. */
    void connected(int connection, long nowMs) {
        if (connection != connectionId || phase != Phase.CONNECTING) {
            return;
        }
        phase = Phase.HANDSHAKING;
        ConnectRequest request = new ConnectRequest(0, lastZxidSeen, settings.sessionTimeoutMs(),
                sessionKnown ? sessionId : 0, sessionKnown ? password : NO_PASSWORD, false, false);
        send(Frames.connectRequest(request), nowMs);
    }

    /** A whole frame (without its length prefix) arrived. */
    void frame(int connection, byte[] payload, long nowMs) {
        if (connection != connectionId) {
            return;
        }
        lastHeardMs = nowMs;
        try {
            switch (phase) {
                case HANDSHAKING -> handshakeReply(payload, nowMs);
                case CONNECTED, CLOSING -> reply(payload, nowMs);
                default -> protocolError(nowMs, "a frame arrived before the connection was up");
            }
        } catch (WireFormatException e) {
            protocolError(nowMs, "undecodable frame from the server: " + e.getMessage());
        }
    }

    /**
     * The transport skipped a frame longer than the client accepts. Replies come in request order
     * and only replies to reads grow large, so it was the reply to the oldest request in flight:
     * that request fails (it would fail again if retried) and the connection stays.
     */
    void frameTooLong(int connection, long nowMs) {
        if (connection != connectionId) {
            return;
        }
        lastHeardMs = nowMs;
        if ((phase != Phase.CONNECTED && phase != Phase.CLOSING) || inFlight.isEmpty()) {
            protocolError(nowMs, "a frame longer than maxFrameBytes arrived while no reply was expected");
            return;
        }
        Call call = inFlight.poll();
        output.completed(call, Outcome.client(ErrorCode.MARSHALLINGERROR,
                "the reply is larger than maxFrameBytes (" + settings.maxFrameBytes() + " bytes)"));
    }

    /** The transport lost the connection. */
    void disconnected(int connection, long nowMs) {
        if (connection != connectionId) {
            return;
        }
        connectionDropped(nowMs, "the connection was lost");
    }

    /** A request from the application. */
    void submit(Call call, long nowMs) {
        if (phase == Phase.CLOSED || phase == Phase.AUTH_FAILED || closeCall != null) {
            refuseAfterEnd(call);
            return;
        }
        if (queued.size() + inFlight.size() >= settings.pendingRequestsMax()) {
            output.completed(call, Outcome.client(ErrorCode.THROTTLEDOP, "the client already has "
                    + settings.pendingRequestsMax() + " requests pending (pendingRequestsMax)"));
            return;
        }
        if (call.removal != null) {
            if (!watches.holds(call.removal.serverPath(), call.removal.watcher(), call.removal.type())) {
                output.completed(call, Outcome.client(ErrorCode.NOWATCHER, "this client holds no such watch"));
                return;
            }
            if (call.removal.local() && phase != Phase.CONNECTED) {
                removeWatchesLocally(call.removal);
                output.completed(call, Outcome.ok(null, -1));
                return;
            }
        }
        call.queuedAtMs = nowMs;
        if (phase == Phase.CONNECTED) {
            sendCall(call, nowMs);
        } else {
            queued.add(call);
        }
    }

    /** Drops every local registration of {@code watcher} without asking the server (see WardenClient.forgetWatcher). */
    void forgetWatcher(Watcher watcher) {
        watches.forget(watcher);
    }

    /** addAuth: the credential is kept for every later connection; {@code call} completes when a server accepts it. */
    void addAuth(AuthPacket packet, Call call, long nowMs) {
        if (phase == Phase.CLOSED || phase == Phase.AUTH_FAILED || closeCall != null) {
            refuseAfterEnd(call);
            return;
        }
        SavedAuth saved = auths.stream().filter(each -> each.sameAs(packet)).findFirst().orElse(null);
        if (saved == null) {
            saved = new SavedAuth(packet);
            auths.add(saved);
        }
        call.queuedAtMs = nowMs;
        saved.waiters.add(call);
        if (phase == Phase.CONNECTED) {
            sendAuth(saved, nowMs);
        }
    }

    /** close(): closeSession after everything already sent, then the end. {@code call} completes at the end. */
    void close(Call call, long nowMs) {
        if (phase == Phase.CLOSED || phase == Phase.AUTH_FAILED) {
            output.completed(call, Outcome.ok(null, -1));
            return;
        }
        if (closeCall != null) {
            output.completed(call, Outcome.client(ErrorCode.SESSIONEXPIRED, "close() was already called"));
            return;
        }
        closeCall = call;
        closeDeadlineMs = nowMs + settings.closeTimeoutMs();
        if (phase == Phase.CONNECTED) {
            sendCall(call, nowMs);
            phase = Phase.CLOSING;
        } else if (sessionKnown) {
            // As ZooKeeper's client does: keep trying to reach a server (until the close timeout),
            // so that the session and its ephemeral nodes end now rather than at its expiry.
            failQueued(ErrorCode.SESSIONEXPIRED, "the client is closing");
        } else {
            finishClose("the client closed before it had a session");
        }
    }

    // ---- what the driver asks -----------------------------------------------------------------

    /** The next time {@link #tick} has something to do, or Long.MAX_VALUE. */
    long nextDeadlineMs() {
        long deadline = Long.MAX_VALUE;
        switch (phase) {
            case WAITING -> deadline = reconnectAtMs;
            case CONNECTING, HANDSHAKING -> deadline = attemptDeadlineMs;
            case CONNECTED -> {
                deadline = Math.min(lastHeardMs + readTimeoutMs(), lastSentMs + pingIntervalMs());
                if (settings.requestTimeoutMs() > 0 && !inFlight.isEmpty()) {
                    deadline = Math.min(deadline, inFlight.peek().sentAtMs + settings.requestTimeoutMs());
                }
            }
            case CLOSING -> {
                // The close deadline below.
            }
            case CLOSED, AUTH_FAILED -> {
                return Long.MAX_VALUE;
            }
        }
        if (closeCall != null) {
            deadline = Math.min(deadline, closeDeadlineMs);
        }
        if (phase != Phase.CONNECTED) {
            if (!queued.isEmpty()) {
                deadline = Math.min(deadline, queued.peek().queuedAtMs + settings.connectionTimeoutMs());
            }
            for (SavedAuth auth : auths) {
                if (!auth.waiters.isEmpty()) {
                    deadline = Math.min(deadline, auth.waiters.get(0).queuedAtMs + settings.connectionTimeoutMs());
                }
            }
            if (suspended) {
                deadline = Math.min(deadline, lastHeardMs + negotiatedTimeoutMs);
            }
        }
        return deadline;
    }

    long sessionId() {
        return sessionKnown ? sessionId : 0;
    }

    byte[] sessionPassword() {
        return sessionKnown ? password.clone() : NO_PASSWORD.clone();
    }

    long lastZxidSeen() {
        return lastZxidSeen;
    }

    int pendingRequests() {
        return queued.size() + inFlight.size();
    }

    /** A copy of the watch counts by kind, for tests and diagnostics. */
    int watchCount(ClientWatches.Kind kind) {
        return watches.count(kind);
    }

    // ---- connection attempts ------------------------------------------------------------------

    private void dial(long nowMs) {
        connectionId = ++lastConnectionId;
        phase = Phase.CONNECTING;
        long timeoutMs = connectTimeoutMs();
        attemptDeadlineMs = nowMs + timeoutMs;
        output.dial(connectionId, hosts.next(), timeoutMs);
    }

    /** ZooKeeper's client gives each server the session timeout divided by the number of servers. */
    private long connectTimeoutMs() {
        int timeoutMs = sessionKnown ? negotiatedTimeoutMs : settings.sessionTimeoutMs();
        return Math.max(1, timeoutMs / hosts.size());
    }

    private long readTimeoutMs() {
        return Math.max(1, negotiatedTimeoutMs * 2L / 3);
    }

    private long pingIntervalMs() {
        return Math.max(1, Math.min(readTimeoutMs() / 2, PING_INTERVAL_MAX_MS));
    }

    private void handshakeReply(byte[] payload, long nowMs) throws WireFormatException {
        ConnectResponse response = ConnectResponse.read(new JuteInput(payload));
        if (response.timeOut() <= 0) {
            output.hangUp(connectionId);
            connectionId = 0;
            phase = Phase.WAITING;
            reconnectAtMs = nowMs;
            if (closeCall != null) {
                finishClose("the session had already expired");
            } else if (sessionKnown) {
                long expired = sessionId;
                endSession(ErrorCode.SESSIONEXPIRED, "the session expired");
                output.stateChanged(ConnectionState.EXPIRED, expired);
            } else {
                LOG.warn("the server refused to create a session (timeOut {})", response.timeOut());
                hosts.failed();
                reconnectAtMs = nowMs + backoffMs();
            }
            return;
        }
        if (sessionKnown && response.sessionId() != sessionId) {
            long replaced = sessionId;
            LOG.warn("asked to resume session 0x{}, the server gave 0x{}", Long.toHexString(replaced),
                    Long.toHexString(response.sessionId()));
            endSession(ErrorCode.SESSIONEXPIRED, "the server replaced the session");
            output.stateChanged(ConnectionState.EXPIRED, replaced);
        }
        boolean resumed = sessionKnown;
        sessionKnown = true;
        sessionId = response.sessionId();
        password = response.passwd() == null ? NO_PASSWORD : response.passwd().clone();
        negotiatedTimeoutMs = response.timeOut();
        suspended = false;
        phase = Phase.CONNECTED;
        hosts.connected();
        if (closeCall != null) {
            sendCall(closeCall, nowMs);
            phase = Phase.CLOSING;
            return;
        }
        for (SavedAuth auth : auths) {
            sendAuth(auth, nowMs);
        }
        for (WatchReRegistration.Batch batch : WatchReRegistration.batches(watches, lastZxidSeen,
                settings.maxFrameBytes())) {
            sendCall(new Call(batch.opCode(), batch.body(), null, ReplyReader.NONE, null, null,
                    outcome -> logSetWatches(outcome)), nowMs);
        }
        while (!queued.isEmpty() && phase == Phase.CONNECTED) {
            sendCall(queued.poll(), nowMs);
        }
        output.stateChanged(resumed ? ConnectionState.RECONNECTED : ConnectionState.CONNECTED, sessionId);
    }

    private static void logSetWatches(Outcome outcome) {
        if (!outcome.isOk() && outcome.code() != ErrorCode.CONNECTIONLOSS) {
            LOG.warn("re-registering watches failed: {}", outcome.code());
        }
    }

    private void connectionDropped(long nowMs, String why) {
        Phase was = phase;
        connectionId = 0;
        // The phase changes before any call fails, so that nothing run by a completion sees a live connection.
        phase = was == Phase.CLOSING ? Phase.CLOSING : Phase.WAITING;
        authsInFlight.clear();
        failInFlight(ErrorCode.CONNECTIONLOSS, why);
        if (was == Phase.CLOSING) {
            finishClose(why);
            return;
        }
        if (was == Phase.CONNECTED) {
            LOG.debug("session 0x{}: {}", Long.toHexString(sessionId), why);
            suspended = true;
            // A random pause, as ZooKeeper's client makes, so that the clients of a server that went
            // away do not all reach the others at the same instant.
            reconnectAtMs = nowMs + jitterMs();
            output.stateChanged(ConnectionState.SUSPENDED, sessionId);
        } else {
            boolean roundFailed = hosts.failed();
            reconnectAtMs = nowMs + (roundFailed ? backoffMs() : 0);
        }
    }

    /** Up to half of {@code reconnectBackoffMaxMs}. */
    private long jitterMs() {
        long half = settings.reconnectBackoffMaxMs() / 2;
        return half == 0 ? 0 : random.nextInt((int) Math.min(Integer.MAX_VALUE, half + 1));
    }

    private long backoffMs() {
        long max = settings.reconnectBackoffMaxMs();
        return max == 0 ? 0 : max / 2 + random.nextInt((int) Math.min(Integer.MAX_VALUE, max - max / 2 + 1));
    }

    /** Cut off for longer than the session timeout: the session is given up and a new one will be made. */
    private void sessionLost(long nowMs) {
        if (closeCall != null) {
            if (connectionId != 0) {
                output.hangUp(connectionId);
                connectionId = 0;
            }
            finishClose("the session was lost while closing");
            return;
        }
        long lost = sessionId;
        LOG.info("session 0x{} lost: no server heard from for {} ms", Long.toHexString(lost),
                nowMs - lastHeardMs);
        if (phase == Phase.HANDSHAKING || phase == Phase.CONNECTING) {
            output.hangUp(connectionId);
            connectionId = 0;
            phase = Phase.WAITING;
            reconnectAtMs = nowMs;
        }
        endSession(ErrorCode.SESSIONEXPIRED, "the session was lost: no server answered within the session timeout");
        output.stateChanged(ConnectionState.LOST, lost);
    }

    /** The session is over: what waited for it fails; the next handshake asks for a new session. */
    private void endSession(ErrorCode code, String why) {
        sessionKnown = false;
        sessionId = 0;
        password = NO_PASSWORD;
        suspended = false;
        failQueued(code, why);
    }

    // ---- requests and replies -----------------------------------------------------------------

    private void sendCall(Call call, long nowMs) {
        call.xid = nextXid();
        call.sentAtMs = nowMs;
        inFlight.add(call);
        send(Frames.request(new RequestHeader(call.xid, call.opCode), call.request), nowMs);
    }

    private void sendAuth(SavedAuth auth, long nowMs) {
        authsInFlight.add(auth);
        send(Frames.request(new RequestHeader(Xids.AUTH, OpCode.AUTH), auth.packet), nowMs);
    }

    private void send(byte[] frame, long nowMs) {
        lastSentMs = nowMs;
        output.send(connectionId, frame);
    }

    private int nextXid() {
        lastXid = lastXid == Integer.MAX_VALUE ? 1 : lastXid + 1;
        return lastXid;
    }

    private void tickConnected(long nowMs) {
        if (nowMs >= lastHeardMs + readTimeoutMs()) {
            output.hangUp(connectionId);
            connectionDropped(nowMs, "nothing heard from the server for " + (nowMs - lastHeardMs) + " ms");
            return;
        }
        if (settings.requestTimeoutMs() > 0 && !inFlight.isEmpty()
                && nowMs >= inFlight.peek().sentAtMs + settings.requestTimeoutMs()) {
            Call late = inFlight.poll();
            output.completed(late, Outcome.client(ErrorCode.REQUESTTIMEOUT, "no reply within "
                    + settings.requestTimeoutMs() + " ms (requestTimeoutMs)"));
            output.hangUp(connectionId);
            connectionDropped(nowMs, "a request timed out, so later replies cannot be matched");
            return;
        }
        if (nowMs >= lastSentMs + pingIntervalMs()) {
            send(Frames.request(new RequestHeader(Xids.PING, OpCode.PING), null), nowMs);
        }
    }

    private void reply(byte[] payload, long nowMs) throws WireFormatException {
        JuteInput in = new JuteInput(payload);
        ReplyHeader header = ReplyHeader.read(in);
        switch (header.xid()) {
            case Xids.PING -> {
                // Liveness only; lastHeardMs is already updated.
            }
            case Xids.NOTIFICATION -> notification(header, WatcherEvent.read(in));
            case Xids.AUTH -> authReply(header, nowMs);
            default -> callReply(header, in, nowMs);
        }
    }

    private void notification(ReplyHeader header, WatcherEvent event) {
        EventType type = EventType.ofServerCode(event.type());
        if (type == null || event.path() == null) {
            LOG.warn("ignoring a notification with event type {} and path {}", event.type(), event.path());
            return;
        }
        Set<Watcher> fired = watches.fire(type, event.path());
        if (!fired.isEmpty()) {
            output.watchEvent(fired, new WatchEvent(type, chroot.toClient(event.path()), header.zxid()));
        }
    }

    private void authReply(ReplyHeader header, long nowMs) {
        SavedAuth auth = authsInFlight.poll();
        if (auth == null) {
            protocolError(nowMs, "an auth reply nobody asked for");
            return;
        }
        if (header.err() != 0) {
            ErrorCode code = ErrorCode.of(header.err());
            authFailed(auth, code == null ? ErrorCode.AUTHFAILED : code);
            return;
        }
        List<Call> waiters = new ArrayList<>(auth.waiters);
        auth.waiters.clear();
        for (Call waiter : waiters) {
            output.completed(waiter, Outcome.ok(null, header.zxid()));
        }
    }

    private void authFailed(SavedAuth auth, ErrorCode code) {
        LOG.warn("the server refused authentication with scheme {}: {}", auth.packet.scheme(), code);
        output.hangUp(connectionId);
        connectionId = 0;
        phase = Phase.AUTH_FAILED;
        long ended = sessionId;
        String why = "the server refused authentication with scheme " + auth.packet.scheme();
        for (SavedAuth each : auths) {
            for (Call waiter : each.waiters) {
                output.completed(waiter, Outcome.client(code, why));
            }
            each.waiters.clear();
        }
        failInFlight(ErrorCode.AUTHFAILED, why);
        failQueued(ErrorCode.AUTHFAILED, why);
        output.stateChanged(ConnectionState.AUTH_FAILED, ended);
        if (closeCall != null) {
            Call close = closeCall;
            closeCall = null;
            output.completed(close, Outcome.ok(null, -1));
        }
    }

    private void callReply(ReplyHeader header, JuteInput in, long nowMs) {
        Call call = inFlight.peek();
        if (call == null || call.xid != header.xid()) {
            protocolError(nowMs, "reply with xid " + header.xid() + " while "
                    + (call == null ? "no request" : "xid " + call.xid) + " was next");
            return;
        }
        inFlight.poll();
        if (call == closeCall) {
            output.hangUp(connectionId);
            connectionId = 0;
            finishClose("closed");
            return;
        }
        if (header.zxid() > lastZxidSeen) {
            lastZxidSeen = header.zxid();
        }
        ErrorCode code = ErrorCode.of(header.err());
        if (code == null) {
            LOG.warn("{}: the server answered with unknown error code {}", call, header.err());
            code = ErrorCode.SYSTEMERROR;
        }
        Outcome outcome;
        if (code == ErrorCode.OK) {
            try {
                outcome = Outcome.ok(call.reader.read(in), header.zxid());
            } catch (WireFormatException | RuntimeException e) {
                output.completed(call, Outcome.client(ErrorCode.MARSHALLINGERROR,
                        "undecodable reply: " + e.getMessage()));
                protocolError(nowMs, "undecodable reply to " + call + ": " + e.getMessage());
                return;
            }
        } else {
            outcome = Outcome.failed(code, header.zxid());
        }
        if (call.registration != null) {
            ClientWatches.Kind kind = call.registration.kindAfter(code);
            if (kind != null) {
                watches.add(kind, call.registration.serverPath(), call.registration.watcher());
            }
        }
        if (call.removal != null && (outcome.isOk() || call.removal.local())) {
            // With "local", ZooKeeper's client drops the watch whatever the server said.
            removeWatchesLocally(call.removal);
            outcome = Outcome.ok(null, header.zxid());
        }
        output.completed(call, outcome);
    }

    private void removeWatchesLocally(WatchRemoval removal) {
        Map<Watcher, EventType> removed = watches.remove(removal.serverPath(), removal.watcher(), removal.type());
        String clientPath = chroot.toClient(removal.serverPath());
        removed.forEach((watcher, type) -> output.watchEvent(Set.of(watcher), new WatchEvent(type, clientPath, -1)));
    }

    private void protocolError(long nowMs, String why) {
        LOG.warn("dropping the connection: {}", why);
        output.hangUp(connectionId);
        connectionDropped(nowMs, why);
    }

    // ---- ending calls -------------------------------------------------------------------------

    private void failInFlight(ErrorCode code, String why) {
        while (!inFlight.isEmpty()) {
            Call call = inFlight.poll();
            if (call == closeCall) {
                continue;
            }
            if (call.removal != null && call.removal.local() && code == ErrorCode.CONNECTIONLOSS) {
                removeWatchesLocally(call.removal);
                output.completed(call, Outcome.ok(null, -1));
            } else {
                output.completed(call, Outcome.client(code, why));
            }
        }
    }

    private void failQueued(ErrorCode code, String why) {
        while (!queued.isEmpty()) {
            output.completed(queued.poll(), Outcome.client(code, why));
        }
    }

    private void expireQueued(long nowMs) {
        String why = "no connection to a server within " + settings.connectionTimeoutMs() + " ms (connectionTimeoutMs)";
        while (!queued.isEmpty() && nowMs >= queued.peek().queuedAtMs + settings.connectionTimeoutMs()) {
            output.completed(queued.poll(), Outcome.client(ErrorCode.CONNECTIONLOSS, why));
        }
        for (SavedAuth auth : auths) {
            // The credential stays for the next connection; only the wait for an answer ends.
            while (!auth.waiters.isEmpty() && nowMs >= auth.waiters.get(0).queuedAtMs + settings.connectionTimeoutMs()) {
                output.completed(auth.waiters.remove(0), Outcome.client(ErrorCode.CONNECTIONLOSS, why));
            }
        }
    }

    private void refuseAfterEnd(Call call) {
        ErrorCode code = phase == Phase.AUTH_FAILED ? ErrorCode.AUTHFAILED : ErrorCode.SESSIONEXPIRED;
        output.completed(call, Outcome.client(code, phase == Phase.AUTH_FAILED
                ? "the client stopped after an authentication failure" : "the client is closed"));
    }

    private void finishClose(String why) {
        if (connectionId != 0) {
            output.hangUp(connectionId);
            connectionId = 0;
        }
        long ended = sessionId;
        phase = Phase.CLOSED;
        failInFlight(ErrorCode.SESSIONEXPIRED, "the client is closed");
        failQueued(ErrorCode.SESSIONEXPIRED, "the client is closed");
        authsInFlight.clear();
        for (SavedAuth auth : auths) {
            for (Call waiter : auth.waiters) {
                output.completed(waiter, Outcome.client(ErrorCode.SESSIONEXPIRED, "the client is closed"));
            }
            auth.waiters.clear();
        }
        Call close = closeCall;
        closeCall = null;
        LOG.debug("session 0x{} closed: {}", Long.toHexString(ended), why);
        sessionKnown = false;
        // CLOSED is reported before close() learns it is done, so that it is delivered in order.
        output.stateChanged(ConnectionState.CLOSED, ended);
        if (close != null) {
            output.completed(close, Outcome.ok(null, -1));
        }
    }
}
