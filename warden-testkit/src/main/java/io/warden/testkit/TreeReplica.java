package io.warden.testkit;

import io.warden.common.Checks;
import io.warden.server.ConnectionLimits;
import io.warden.server.CoreConfig;
import io.warden.server.ServerEnvironment;
import io.warden.server.ServerInput;
import io.warden.server.ServerOutput;
import io.warden.server.replication.ReplicatedServer;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TxnOp;
import io.warden.wire.Acl;
import io.warden.wire.OpCode;
import io.warden.wire.RequestHeader;
import io.warden.wire.WireFormatException;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.CreateRequest;
import io.warden.zab.Entry;
import io.warden.zab.SnapshotImage;
import io.warden.zab.ZabCore;
import io.warden.zab.ZabInput;
import io.warden.zab.ZabOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.LongFunction;
import java.util.Map;
import java.util.Set;

/**
 * The request pipeline over the consensus core ({@link ReplicatedServer}) with a real tree. A
 * write is a client creating {@code /w<write id>} (every third one ephemeral) on a session at the
 * server; it is acknowledged when the client gets its reply. Sessions are never pinged, so they
 * expire and take their ephemeral nodes with them. A snapshot sent to a follower is the bytes of
 * a snapshot file, as in the daemon ({@link SnapshotFileTransfer}); the history it stands for is
 * the committed history up to its zxid, and the tree it rebuilds must match every other replica's
 * at that zxid ({@link TreeDigests}).
 */
final class TreeReplica implements Replica {
    private static final int SESSION_TIMEOUT_MS = 4_000;
    private static final int TICK_MS = 100;
    private static final int MIN_SESSION_TIMEOUT_MS = 1_000;
    private static final int MAX_SESSION_TIMEOUT_MS = 20_000;
    private static final int CONNECTIONS_PER_ADDRESS_MAX = 1_000;
    private static final int OUTSTANDING_PER_CONNECTION_MAX = 1_000;
    private static final int EPHEMERAL_EVERY = 3;
    private static final String WRITE_PREFIX = "/w";

    /** What a replica needs from the cluster around it. */
    interface Host {
        long nowMs();

        /** The committed history up to {@code zxid}: what a snapshot at {@code zxid} holds. */
        List<Entry> committedUpTo(long server, long zxid);

        void acknowledged(long writeId, long zxid);

        void rejected(long writeId);

        TreeDigests digests();
    }

    private final long id;
    private final Host host;
    private final ReplicatedServer server;
    /** The client's connection to this server, 0 for none. */
    private long connId;
    private long nextConnId;
    private final Map<Integer, Long> writeByXid = new HashMap<>();
    /**
     * Replies received (write id, zxid), reported once the host has carried out the core's
     * outputs: the reply leaves during the apply, before the host records the delivery.
     */
    private final List<long[]> repliesToReport = new ArrayList<>();

    /**
     * @param tree the tree the server's disk held at its start
     * @param snapshotFiles the server's snapshot file at a zxid, or null: what it sends a follower
     */
    TreeReplica(long id, ZabCore core, DataTree tree, Host host, long incarnation,
            LongFunction<SnapshotImage> snapshotFiles) {
        Checks.check(tree != null, "server %d: a replicated server needs the tree its disk held", id);
        this.id = id;
        this.host = host;
        this.nextConnId = incarnation * 1_000_000;
        this.server = new ReplicatedServer(config(id), new ServerEnvironment("sim", List.of(), List.of()),
                new SnapshotFileTransfer(id, snapshotFiles), tree, core, host.nowMs());
    }

    private static CoreConfig config(long id) {
        return new CoreConfig(id, TICK_MS, MIN_SESSION_TIMEOUT_MS, MAX_SESSION_TIMEOUT_MS, CONNECTIONS_PER_ADDRESS_MAX,
                Set.of(), TreeOptions.DEFAULTS, null, "simulated-ensemble".getBytes(StandardCharsets.UTF_8), false,
                ConnectionLimits.DEFAULTS.withOutstandingMax(OUTSTANDING_PER_CONNECTION_MAX), CoreConfig.ReaperSettings.DEFAULTS);
    }

    /** The write a transaction payload carries: the id in {@code /w<id>} it creates, else -1. */
    static long writeIdOf(byte[] payload) {
        Txn txn;
        try {
            txn = TxnCodec.decode(payload);
        } catch (WireFormatException e) {
            return -1;
        }
        if (txn.op() instanceof TxnOp.Create create && create.path().startsWith(WRITE_PREFIX)) {
            return Long.parseLong(create.path().substring(WRITE_PREFIX.length()));
        }
        return -1;
    }

    @Override
    public ZabCore zab() {
        return server.zab();
    }

    @Override
    public void handle(ZabInput input, List<ZabOutput> out) {
        List<ServerOutput> clientOut = new ArrayList<>();
        server.handle(input, host.nowMs(), clientOut, out);
        toClient(clientOut, out);
    }

    @Override
    public void propose(List<Long> writeIds, List<ZabOutput> out) {
        if (!server.zab().isEstablishedLeader()) {
            for (long writeId : writeIds) {
                host.rejected(writeId); // the client could not connect: nothing was sent
            }
            return;
        }
        if (connId == 0) {
            connId = ++nextConnId;
            toServer(new ServerInput.ConnectionOpened(connId, "10.0.0." + id, "/10.0.0." + id + ":" + connId), out);
            toServer(new ServerInput.ConnectReceived(connId, new ConnectRequest(0, 0, SESSION_TIMEOUT_MS, 0,
                    new byte[16], false, false)), out);
        }
        for (long writeId : writeIds) {
            int xid = Math.toIntExact(writeId);
            writeByXid.put(xid, writeId);
            int flags = writeId % EPHEMERAL_EVERY == 0 ? 1 : 0;
            toServer(new ServerInput.RequestReceived(connId, new RequestHeader(xid, OpCode.CREATE),
                    new CreateRequest(WRITE_PREFIX + writeId, Payloads.of(writeId), Acl.OPEN_ACL_UNSAFE, flags)), out);
        }
    }

    @Override
    public void tick(long nowMs, List<ZabOutput> out) {
        handle(new ZabInput.Tick(), out);
        toServer(new ServerInput.Tick(), out);
    }

    private void toServer(ServerInput input, List<ZabOutput> out) {
        List<ServerOutput> clientOut = new ArrayList<>();
        server.handle(input, host.nowMs(), clientOut, out);
        toClient(clientOut, out);
    }

    /**
     * What the client sees; as a transport does, every frame is reported written (the client reads
     * all it is sent) and a connection the server closes is reported closed.
     */
    private void toClient(List<ServerOutput> outputs, List<ZabOutput> out) {
        List<Long> closed = new ArrayList<>();
        java.util.Map<Long, Integer> frames = new java.util.TreeMap<>();
        for (ServerOutput o : outputs) {
            if (o instanceof ServerOutput.SendReply || o instanceof ServerOutput.SendNotification
                    || o instanceof ServerOutput.SendConnectResponse || o instanceof ServerOutput.SendText) {
                frames.merge(((ServerOutput.ToConnection) o).connId(), 1, Integer::sum);
            }
            if (o instanceof ServerOutput.SendReply reply && reply.connId() == connId) {
                Long writeId = writeByXid.remove(reply.header().xid());
                if (writeId != null && reply.header().err() == 0) {
                    repliesToReport.add(new long[] {writeId, reply.header().zxid()});
                }
            } else if (o instanceof ServerOutput.CloseConnection close) {
                closed.add(close.connId());
                if (close.connId() == connId) {
                    connId = 0; // writes still waiting have an unknown outcome: never retried
                    writeByXid.clear();
                }
            }
        }
        for (java.util.Map.Entry<Long, Integer> written : frames.entrySet()) {
            if (!closed.contains(written.getKey())) {
                toServer(new ServerInput.Written(written.getKey(), written.getValue()), out);
            }
        }
        for (long id : closed) {
            toServer(new ServerInput.ConnectionClosed(id), out);
        }
    }

    @Override
    public List<Entry> restoredHistory(ZabOutput.Restore restore) {
        return host.committedUpTo(id, restore.zxid());
    }

    @Override
    public DataTree tree() {
        return server.tree();
    }

    @Override
    public void check() {
        for (long[] reply : repliesToReport) {
            host.acknowledged(reply[0], reply[1]);
        }
        repliesToReport.clear();
        DataTree tree = server.tree();
        // the node digest and the session table: both are replicated state
        host.digests().observe(id, tree.lastZxid(), 31 * tree.digest() + tree.sessions().hashCode());
    }
}
