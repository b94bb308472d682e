package io.warden.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.warden.server.ConnectionLimits;
import io.warden.server.CoreConfig;
import io.warden.server.InboundDecoder;
import io.warden.server.ServerCore;
import io.warden.server.ServerEnvironment;
import io.warden.server.ServerInput;
import io.warden.server.ServerOutput;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.wire.JuteOutput;
import io.warden.wire.WireFormatException;

/**
 * The server core driven by hostile clients: connections that send any handshake, any op code with
 * any body (shaped or raw), four-letter words, closes, silence and time passing, against small
 * connection limits. After every input: nothing the core handled threw (the exception barrier
 * was never needed), no transaction failed to apply, and every proposed transaction survives the
 * log's encoding unchanged. At the end, replaying what was proposed on a fresh tree, as recovery
 * does, gives the server's own tree.
 */
class ServerCoreFuzzTest {
    private static final String[] WORDS = {"conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "hash", "isro",
        "mntr", "ruok", "srst", "srvr", "stat", "stmk", "wchc", "wchp", "wchs"};
    private static final int CONNECTIONS_MAX = 4;

    @FuzzTest
    void hostileClientsNeverBreakTheCoreOrTheLog(FuzzedDataProvider data) throws WireFormatException {
        TreeOptions options = new TreeOptions(data.consumeBoolean(), data.consumeBoolean());
        Driver driver = new Driver(options);
        HostileRequests requests = new HostileRequests(data);
        int steps = data.consumeInt(1, 80);
        for (int step = 0; step < steps && data.remainingBytes() > 0; step++) {
            long connId = 1 + data.consumeInt(0, CONNECTIONS_MAX - 1);
            switch (data.consumeInt(0, 11)) {
                case 0 -> driver.open(connId);
                case 1 -> driver.handshake(connId, handshake(data));
                case 2 -> driver.feed(new ServerInput.FourLetterWord(driver.open(connId), data.pickValue(WORDS)));
                case 3 -> driver.now += data.consumeInt(0, 20_000);
                case 4 -> driver.feed(new ServerInput.Tick());
                case 5 -> driver.writeAll(connId);
                case 6 -> driver.disconnect(connId);
                case 7 -> driver.holdCommits = data.consumeBoolean();
                default -> {
                    int opCode = requests.opCode();
                    JuteOutput frame = new JuteOutput(64);
                    frame.writeInt(data.consumeInt());
                    frame.writeInt(opCode);
                    byte[] body = requests.body(opCode);
                    frame.writeRaw(body, 0, body.length);
                    driver.request(connId, frame.toByteArray());
                }
            }
        }
        driver.finish();
    }

    private static byte[] handshake(FuzzedDataProvider data) {
        if (data.consumeInt(0, 5) == 0) {
            return data.consumeBytes(data.consumeInt(0, 48));
        }
        JuteOutput out = new JuteOutput(48);
        out.writeInt(data.consumeInt(-1, 1));
        out.writeLong(data.consumeBoolean() ? 0 : data.consumeLong());
        out.writeInt(data.consumeInt());
        out.writeLong(data.consumeBoolean() ? 0 : data.consumeLong());
        out.writeBuffer(data.consumeBoolean() ? new byte[16] : data.consumeBytes(data.consumeInt(0, 20)));
        if (data.consumeBoolean()) {
            out.writeBoolean(data.consumeBoolean());
        }
        return out.toByteArray();
    }

    /** Carries out the core's outputs as the driver loop and a transport would, and checks them. */
    private static final class Driver {
        private final TreeOptions options;
        private final ServerCore core;
        private final List<Txn> proposed = new ArrayList<>();
        private final Deque<Long> awaitingCommit = new ArrayDeque<>();
        private final Map<Long, Integer> unwritten = new HashMap<>();
        private final Set<Long> open = new HashSet<>();
        private final Set<Long> handshaken = new HashSet<>();
        private long nextConnId = 100;
        private final Map<Long, Long> connIds = new HashMap<>();
        long now = 1_700_000_000_000L;
        boolean holdCommits;

        Driver(TreeOptions options) {
            this.options = options;
            ConnectionLimits limits = new ConnectionLimits(20, 64 * 1024, 256 * 1024, 4, 512, 10);
            CoreConfig config = new CoreConfig(1, 2000, 4000, 40_000, 3, Set.of("*"), options, "super:x=",
                    "fuzz-secret".getBytes(StandardCharsets.UTF_8), false, limits,
                    new CoreConfig.ReaperSettings(1000, 100, 5000));
            this.core = new ServerCore(config, new ServerEnvironment("fuzz", List.of(), List.of()), now);
        }

        /** The transport's id for the client's connection slot, opening one if the slot has none. */
        long open(long slot) {
            Long connId = connIds.get(slot);
            if (connId == null || !open.contains(connId)) {
                connId = nextConnId++;
                connIds.put(slot, connId);
                open.add(connId);
                feed(new ServerInput.ConnectionOpened(connId, "10.0.0." + slot, "/10.0.0." + slot + ":4000" + slot));
            }
            return connId;
        }

        void handshake(long slot, byte[] frame) {
            long connId = open(slot);
            ServerInput input = handshaken.add(connId) ? InboundDecoder.decodeHandshake(connId, frame)
                    : InboundDecoder.decodeRequest(connId, frame);
            deliver(connId, input);
        }

        void request(long slot, byte[] frame) {
            long connId = open(slot);
            ServerInput input = handshaken.add(connId) ? InboundDecoder.decodeHandshake(connId, frame)
                    : InboundDecoder.decodeRequest(connId, frame);
            deliver(connId, input);
        }

        /** What the transport does with a decoded frame; {@code null} means it closes the connection. */
        private void deliver(long connId, ServerInput input) {
            if (input == null) {
                disconnectId(connId);
            } else {
                feed(input);
            }
        }

        void writeAll(long slot) {
            Long connId = connIds.get(slot);
            Integer frames = connId == null ? null : unwritten.remove(connId);
            if (frames != null && open.contains(connId)) {
                feed(new ServerInput.Written(connId, frames));
            }
        }

        void disconnect(long slot) {
            Long connId = connIds.get(slot);
            if (connId != null) {
                disconnectId(connId);
            }
        }

        private void disconnectId(long connId) {
            if (open.remove(connId)) {
                unwritten.remove(connId);
                feed(new ServerInput.ConnectionClosed(connId));
            }
        }

        void feed(ServerInput input) {
            List<ServerOutput> outputs = new ArrayList<>();
            core.handle(input, now, outputs);
            List<Long> closed = new ArrayList<>();
            for (ServerOutput output : outputs) {
                if (output instanceof ServerOutput.Propose propose) {
                    check(propose.txn());
                    proposed.add(propose.txn());
                    awaitingCommit.add(propose.txn().zxid());
                } else if (output instanceof ServerOutput.RequestFailed failed) {
                    throw new AssertionError("handling " + failed.request() + " threw", failed.error());
                } else if (output instanceof ServerOutput.ApplyFailed failed) {
                    throw new AssertionError("applying " + failed.txn() + " threw", failed.error());
                } else if (output instanceof ServerOutput.CloseConnection close) {
                    closed.add(close.connId());
                } else if (output instanceof ServerOutput.SendReply || output instanceof ServerOutput.SendNotification
                        || output instanceof ServerOutput.SendConnectResponse
                        || output instanceof ServerOutput.SendText) {
                    unwritten.merge(((ServerOutput.ToConnection) output).connId(), 1, Integer::sum);
                }
            }
            if (!holdCommits) {
                commitAll();
            }
            for (long connId : closed) {
                disconnectId(connId);
            }
        }

        private void commitAll() {
            while (!awaitingCommit.isEmpty()) {
                feed(new ServerInput.Committed(awaitingCommit.poll()));
            }
        }

        private static void check(Txn txn) {
            byte[] encoded = TxnCodec.encode(txn);
            Txn decoded;
            try {
                decoded = TxnCodec.decode(encoded);
            } catch (WireFormatException e) {
                throw new AssertionError("a proposed transaction does not decode: " + txn, e);
            }
            if (!decoded.equals(txn)) {
                throw new AssertionError("a proposed transaction changed in the log: " + txn + " -> " + decoded);
            }
        }

        /** Commits what is left and checks that a replay of the log rebuilds the same tree. */
        void finish() {
            holdCommits = false;
            commitAll();
            DataTree replayed = new DataTree(options);
            for (Txn txn : proposed) {
                replayed.apply(txn);
            }
            if (replayed.digest() != core.digest() || replayed.lastZxid() != core.lastZxid()) {
                throw new AssertionError("replaying the log gives another tree: digest " + replayed.digest() + " at "
                        + replayed.lastZxid() + ", the server has " + core.digest() + " at " + core.lastZxid());
            }
            if (replayed.applyFailures() != 0) {
                throw new AssertionError("a logged transaction threw when replayed");
            }
        }
    }
}
