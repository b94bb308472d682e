package io.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import io.warden.server.ServerOutput.SendConnectResponse;
import io.warden.server.ServerOutput.SendNotification;
import io.warden.server.ServerOutput.SendReply;
import io.warden.tree.TreeOptions;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.RequestHeader;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.ConnectResponse;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.EmptyBody;

/**
 * Drives a {@link ServerCore} the way the driver loop does: feeds one input at a time with a
 * simulated clock, carries out nothing but commits, and answers every Propose with Committed
 * right after the input that produced it, in order. Commits can be held back to look at what
 * happens while writes are in flight. Like a transport whose clients read everything at once,
 * it reports every frame sent as written right after the input that sent it, unless
 * {@link #autoWrite} is off (a client that does not read).
 */
final class CoreHarness {
    static final int TICK_MS = 2000;
    static final int MIN_TIMEOUT_MS = 4000;
    static final int MAX_TIMEOUT_MS = 40000;
    static final long START_MS = 1_700_000_000_000L;
    static final String ADDRESS = "127.0.0.1";

    final ServerCore core;
    long nowMs = START_MS;
    boolean autoCommit = true;
    boolean autoWrite = true;
    private final Deque<Long> heldCommits = new ArrayDeque<>();
    /** Every output so far, in order. */
    final List<ServerOutput> log = new ArrayList<>();
    private long nextConnId = 1;

    CoreHarness() {
        this(config(60, Set.of("srvr")));
    }

    CoreHarness(CoreConfig config) {
        this.core = new ServerCore(config, new ServerEnvironment("3.9.3-test", List.of("java.version=17"),
                List.of("clientPort=2181")), START_MS);
    }

    static CoreConfig config(int maxClientCnxns, Set<String> fourLetterWords) {
        return config(maxClientCnxns, fourLetterWords, null);
    }

    /** The default configuration with other connection limits. */
    static CoreConfig config(ConnectionLimits limits) {
        CoreConfig c = config(60, Set.of("srvr"));
        return new CoreConfig(c.serverId(), c.tickTimeMs(), c.minSessionTimeoutMs(), c.maxSessionTimeoutMs(),
                c.maxClientCnxns(), c.fourLetterWords(), c.treeOptions(), c.superDigest(), c.sessionSecret(),
                c.reconfigEnabled(), limits, c.reaper());
    }

    static CoreConfig config(int maxClientCnxns, Set<String> fourLetterWords, String superDigest) {
        return new CoreConfig(1, TICK_MS, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS, maxClientCnxns, fourLetterWords,
                TreeOptions.DEFAULTS, superDigest, "test-secret".getBytes(StandardCharsets.UTF_8), false, ConnectionLimits.DEFAULTS,
                CoreConfig.ReaperSettings.DEFAULTS);
    }

    /** Feeds one input and, unless commits are held, the commits it leads to; returns all outputs. */
    List<ServerOutput> feed(ServerInput input) {
        List<ServerOutput> produced = new ArrayList<>();
        Deque<ServerInput> pending = new ArrayDeque<>();
        pending.add(input);
        while (!pending.isEmpty()) {
            List<ServerOutput> outputs = new ArrayList<>();
            core.handle(pending.poll(), nowMs, outputs);
            java.util.Map<Long, Integer> frames = new java.util.LinkedHashMap<>();
            for (ServerOutput output : outputs) {
                if (output instanceof ServerOutput.Propose propose) {
                    if (autoCommit) {
                        pending.add(new ServerInput.Committed(propose.txn().zxid()));
                    } else {
                        heldCommits.add(propose.txn().zxid());
                    }
                } else if (isFrame(output)) {
                    frames.merge(((ServerOutput.ToConnection) output).connId(), 1, Integer::sum);
                }
            }
            if (autoWrite) {
                frames.forEach((connId, count) -> pending.add(new ServerInput.Written(connId, count)));
            }
            produced.addAll(outputs);
        }
        log.addAll(produced);
        return produced;
    }

    /** Outputs that put a frame on a connection. */
    static boolean isFrame(ServerOutput output) {
        return output instanceof SendReply || output instanceof SendNotification
                || output instanceof SendConnectResponse || output instanceof ServerOutput.SendText;
    }

    /** Reports {@code frames} frames sent to the connection as written, as the transport does. */
    List<ServerOutput> written(long connId, int frames) {
        return feed(new ServerInput.Written(connId, frames));
    }

    /** Commits everything held back, in order, and everything those commits propose. */
    List<ServerOutput> commitHeld() {
        boolean saved = autoCommit;
        autoCommit = false; // what the commits propose is held behind them, so commits stay in order
        List<ServerOutput> produced = new ArrayList<>();
        try {
            while (!heldCommits.isEmpty()) {
                produced.addAll(feed(new ServerInput.Committed(heldCommits.poll())));
            }
        } finally {
            autoCommit = saved;
        }
        return produced;
    }

    int heldCount() {
        return heldCommits.size();
    }

    List<ServerOutput> tick(long advanceMs) {
        nowMs += advanceMs;
        return feed(new ServerInput.Tick());
    }

    long open() {
        return open(ADDRESS);
    }

    long open(String address) {
        long connId = nextConnId++;
        feed(new ServerInput.ConnectionOpened(connId, address, "/" + address + ":" + (40000 + connId)));
        return connId;
    }

    static ConnectRequest newSession(int timeoutMs) {
        return new ConnectRequest(0, 0, timeoutMs, 0, new byte[16], false, false);
    }

    static ConnectRequest resume(long sessionId, byte[] password, long lastZxidSeen) {
        return new ConnectRequest(0, lastZxidSeen, 30000, sessionId, password, false, false);
    }

    List<ServerOutput> handshake(long connId, ConnectRequest request) {
        return feed(new ServerInput.ConnectReceived(connId, request));
    }

    /** A client with an established new session. */
    Client connect() {
        return connect(ADDRESS, 30000);
    }

    Client connect(String address, int timeoutMs) {
        long connId = open(address);
        ConnectResponse response = connectResponse(handshake(connId, newSession(timeoutMs)), connId);
        assertThat(response.timeOut()).isPositive();
        return new Client(connId, response.sessionId(), response.passwd());
    }

    record Client(long connId, long sessionId, byte[] password) {
    }

    List<ServerOutput> request(long connId, int xid, int opCode, Record body) {
        return feed(new ServerInput.RequestReceived(connId, new RequestHeader(xid, opCode), body));
    }

    List<ServerOutput> bad(long connId, int xid, int opCode, ErrorCode code) {
        return feed(new ServerInput.BadRequest(connId, new RequestHeader(xid, opCode), code));
    }

    List<ServerOutput> close(long connId) {
        return feed(new ServerInput.ConnectionClosed(connId));
    }

    List<ServerOutput> ping(long connId, int xid) {
        return request(connId, xid, OpCode.PING, EmptyBody.INSTANCE);
    }

    List<ServerOutput> create(long connId, int xid, String path, int flags) {
        return request(connId, xid, OpCode.CREATE, new CreateRequest(path, new byte[0], Acl.OPEN_ACL_UNSAFE, flags));
    }

    // ------------------------------------------------------------ looking at outputs

    static List<ServerOutput> to(List<ServerOutput> outputs, long connId) {
        List<ServerOutput> result = new ArrayList<>();
        for (ServerOutput output : outputs) {
            if (output instanceof ServerOutput.ToConnection c && c.connId() == connId) {
                result.add(output);
            }
        }
        return result;
    }

    static List<SendReply> replies(List<ServerOutput> outputs, long connId) {
        List<SendReply> result = new ArrayList<>();
        for (ServerOutput output : to(outputs, connId)) {
            if (output instanceof SendReply reply) {
                result.add(reply);
            }
        }
        return result;
    }

    static SendReply onlyReply(List<ServerOutput> outputs, long connId) {
        List<SendReply> replies = replies(outputs, connId);
        assertThat(replies).as("replies to connection %d in %s", connId, outputs).hasSize(1);
        return replies.get(0);
    }

    static List<SendNotification> notifications(List<ServerOutput> outputs, long connId) {
        List<SendNotification> result = new ArrayList<>();
        for (ServerOutput output : to(outputs, connId)) {
            if (output instanceof SendNotification n) {
                result.add(n);
            }
        }
        return result;
    }

    static ConnectResponse connectResponse(List<ServerOutput> outputs, long connId) {
        List<ConnectResponse> responses = new ArrayList<>();
        for (ServerOutput output : to(outputs, connId)) {
            if (output instanceof SendConnectResponse r) {
                responses.add(r.response());
            }
        }
        assertThat(responses).as("connect responses to %d in %s", connId, outputs).hasSize(1);
        return responses.get(0);
    }

    static boolean closes(List<ServerOutput> outputs, long connId) {
        return outputs.contains(new ServerOutput.CloseConnection(connId));
    }

    static List<ServerOutput.Propose> proposals(List<ServerOutput> outputs) {
        List<ServerOutput.Propose> result = new ArrayList<>();
        for (ServerOutput output : outputs) {
            if (output instanceof ServerOutput.Propose p) {
                result.add(p);
            }
        }
        return result;
    }
}
