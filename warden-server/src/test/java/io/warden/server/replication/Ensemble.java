package io.warden.server.replication;

import io.warden.common.RandomSource;
import io.warden.server.CoreConfig;
import io.warden.server.ServerEnvironment;
import io.warden.server.ServerInput;
import io.warden.server.ServerOutput;
import io.warden.tree.DataTree;
import io.warden.tree.TreeOptions;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.wire.WireFormatException;
import io.warden.zab.DiskWrite;
import io.warden.zab.Entry;
import io.warden.zab.PeerMessage;
import io.warden.zab.SnapshotImage;
import io.warden.zab.ZabConfig;
import io.warden.zab.ZabCore;
import io.warden.zab.ZabInput;
import io.warden.zab.ZabOutput;
import io.warden.zab.ZabState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Replicated servers on a lossless FIFO network with disks that sync at once, time advanced by
 * hand. Servers can be stopped (losing nothing durable) and started again.
 */
final class Ensemble {
    static final int TICK_MS = 100;

    private record InFlight(long from, long to, PeerMessage message) {
    }

    /** What one server's disk holds. */
    private static final class Disk {
        long acceptedEpoch;
        long currentEpoch;
        long snapshotZxid;
        final List<Entry> log = new ArrayList<>();
    }

    final Map<Long, ReplicatedServer> servers = new TreeMap<>();
    private final Map<Long, Disk> disks = new HashMap<>();
    /** Every transaction any server logged, by zxid: a zxid names one transaction forever. */
    private final Map<Long, Txn> known = new TreeMap<>();
    private final ArrayDeque<InFlight> network = new ArrayDeque<>();
    /** Client outputs per server, in order. */
    final Map<Long, List<ServerOutput>> clientOutputs = new HashMap<>();
    private final Set<Long> ids;
    long nowMs = 1_000_000;
    /** Done to every server before its first input (planting a bug, say). */
    java.util.function.Consumer<ReplicatedServer> beforeStart = server -> { };
    /** Adjusts each server's {@link ZabConfig} (which starts as {@code ZabConfig.of(id, ids, Set.of())}). */
    java.util.function.UnaryOperator<ZabConfig> configure = config -> config;

    Ensemble(Set<Long> ids) {
        this.ids = ids;
        for (long id : ids) {
            disks.put(id, new Disk());
            clientOutputs.put(id, new ArrayList<>());
        }
    }

    private final StateTransfer transfer = new StateTransfer() {
        @Override
        public SnapshotImage snapshotAt(long zxid) {
            return SnapshotImage.of(ByteBuffer.allocate(8).putLong(zxid).array());
        }

        @Override
        public DataTree restore(long zxid, SnapshotImage image) {
            DataTree tree = new DataTree(TreeOptions.DEFAULTS);
            for (Txn txn : known.values()) {
                if (txn.zxid() <= zxid) {
                    tree.apply(txn);
                }
            }
            return tree;
        }
    };

    /** The superuser the members' configuration names ({@code zookeeper.DigestAuthenticationProvider.superDigest}). */
    static final String SUPER_CREDENTIALS = "super:test";

    static CoreConfig config(long id) {
        return new CoreConfig(id, TICK_MS, 2 * TICK_MS, 20 * TICK_MS, 60, Set.of("srvr", "mntr", "isro"), TreeOptions.DEFAULTS,
                io.warden.tree.acl.Digests.idFor(SUPER_CREDENTIALS), "ensemble-secret".getBytes(StandardCharsets.UTF_8), false,
                io.warden.server.ConnectionLimits.DEFAULTS,
                CoreConfig.ReaperSettings.DEFAULTS);
    }

    void start(long id) {
        Disk disk = disks.get(id);
        DataTree tree = transfer.restore(disk.snapshotZxid, transfer.snapshotAt(disk.snapshotZxid));
        ZabCore zab = new ZabCore(configure.apply(ZabConfig.of(id, ids, Set.of())),
                new ZabState(disk.acceptedEpoch, disk.currentEpoch, disk.snapshotZxid, disk.log),
                RandomSource.seeded(id));
        ReplicatedServer server = new ReplicatedServer(config(id), new ServerEnvironment("test", List.of(), List.of()),
                transfer, tree, zab, nowMs);
        beforeStart.accept(server);
        servers.put(id, server);
        zabInput(id, new ZabInput.Start());
    }

    void stop(long id) {
        servers.remove(id);
    }

    void startAll() {
        for (long id : ids) {
            start(id);
        }
    }

    List<ServerOutput> client(long id, ServerInput input) {
        List<ServerOutput> clientOut = new ArrayList<>();
        List<ZabOutput> peerOut = new ArrayList<>();
        servers.get(id).handle(input, nowMs, clientOut, peerOut);
        carryOut(id, clientOut, peerOut);
        settle();
        return clientOutputs.get(id);
    }

    /** A consensus-side input to server {@code id} (a host's {@code Compacted}, say), then the network settles. */
    void zab(long id, ZabInput input) {
        zabInput(id, input);
        settle();
    }

    private void zabInput(long id, ZabInput input) {
        ReplicatedServer server = servers.get(id);
        if (server == null) {
            return;
        }
        List<ServerOutput> clientOut = new ArrayList<>();
        List<ZabOutput> peerOut = new ArrayList<>();
        server.handle(input, nowMs, clientOut, peerOut);
        carryOut(id, clientOut, peerOut);
    }

    private void carryOut(long id, List<ServerOutput> clientOut, List<ZabOutput> peerOut) {
        clientOutputs.get(id).addAll(clientOut);
        for (ZabOutput o : peerOut) {
            if (o instanceof ZabOutput.Send s) {
                network.add(new InFlight(id, s.to(), s.message()));
            } else if (o instanceof ZabOutput.Persist p) {
                persist(disks.get(id), p.write());
                zabInput(id, new ZabInput.DiskSynced(p.writeId()));
            }
        }
    }

    private void persist(Disk disk, DiskWrite write) {
        if (write instanceof DiskWrite.Append a) {
            disk.log.add(a.entry());
            try {
                known.put(a.entry().zxid(), TxnCodec.decode(a.entry().payload()));
            } catch (WireFormatException e) {
                throw new AssertionError(e);
            }
        } else if (write instanceof DiskWrite.TruncateAfter t) {
            disk.log.removeIf(e -> e.zxid() > t.zxid());
        } else if (write instanceof DiskWrite.SaveEpochs s) {
            disk.acceptedEpoch = s.acceptedEpoch();
            disk.currentEpoch = s.currentEpoch();
        } else if (write instanceof DiskWrite.InstallSnapshot s) {
            disk.snapshotZxid = s.zxid();
            disk.log.clear();
        }
    }

    /** The host took a snapshot at its last applied zxid and tells the core. */
    void compact(long id) {
        long zxid = servers.get(id).tree().lastZxid();
        Disk disk = disks.get(id);
        disk.snapshotZxid = zxid;
        disk.log.removeIf(e -> e.zxid() <= zxid);
        zabInput(id, new ZabInput.Compacted(zxid));
    }

    /** Messages this returns true for are lost. */
    java.util.function.BiPredicate<Long, PeerMessage> drop = (from, m) -> false;

    void settle() {
        while (!network.isEmpty()) {
            InFlight m = network.poll();
            if (servers.containsKey(m.from()) && !drop.test(m.from(), m.message())) {
                zabInput(m.to(), new ZabInput.Receive(m.from(), m.message()));
            }
        }
    }

    void tick() {
        nowMs += TICK_MS;
        for (long id : new ArrayList<>(servers.keySet())) {
            zabInput(id, new ZabInput.Tick());
            if (servers.containsKey(id)) {
                List<ServerOutput> clientOut = new ArrayList<>();
                List<ZabOutput> peerOut = new ArrayList<>();
                servers.get(id).handle(new ServerInput.Tick(), nowMs, clientOut, peerOut);
                carryOut(id, clientOut, peerOut);
                endTurn(id); // as the daemon's loop ends each turn (a no-op unless proposals wait for it)
            }
        }
        settle();
    }

    /** The end of a turn of the host's loop at {@code id} ({@link ReplicatedServer#endTurn}). */
    void endTurn(long id) {
        List<ServerOutput> clientOut = new ArrayList<>();
        List<ZabOutput> peerOut = new ArrayList<>();
        servers.get(id).endTurn(nowMs, clientOut, peerOut);
        carryOut(id, clientOut, peerOut);
        settle();
    }

    boolean tickUntil(BooleanSupplier done, int maxTicks) {
        settle();
        for (int i = 0; i < maxTicks && !done.getAsBoolean(); i++) {
            tick();
        }
        return done.getAsBoolean();
    }

    long leader() {
        for (ReplicatedServer s : servers.values()) {
            if (s.zab().isEstablishedLeader()) {
                return s.zab().myId();
            }
        }
        return 0;
    }

    boolean allUpToDate() {
        return leader() != 0 && servers.values().stream().allMatch(s -> s.zab().isUpToDate());
    }
}
