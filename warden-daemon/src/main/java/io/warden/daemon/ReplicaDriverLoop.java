package io.warden.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.common.Clock;
import io.warden.daemon.admin.AdminCall;
import io.warden.daemon.console.ConsoleCall;
import io.warden.daemon.admin.RestoreCall;
import io.warden.daemon.admin.RestoreInstall;
import io.warden.daemon.admin.SnapshotCall;
import io.warden.common.RandomSource;
import io.warden.common.Zxid;
import io.warden.server.ServerInput;
import io.warden.server.ServerOutput;
import io.warden.server.replication.ReplicatedServer;
import io.warden.transport.Arrival;
import io.warden.transport.ClientPort;
import io.warden.tree.TreeSnapshot;
import io.warden.zab.PeerMessage;
import io.warden.zab.ZabInput;
import io.warden.zab.ZabOutput;

/**
 * The one thread that owns an ensemble member: the request pipeline over the consensus core
 * ({@link ReplicatedServer}). It takes what clients sent, what peers sent, what the disk made
 * durable and which snapshots were written, hands each to the server with the current time, and
 * carries out the outputs in order: replies to the client port, messages to the peers, records to
 * the disk thread. Like the standalone {@link DriverLoop} it is fair under load (at most {@link
 * #INPUTS_PER_TURN_MAX} inputs between flushes, ticks and snapshot chunks) and never dies silently.
 */
final class ReplicaDriverLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaDriverLoop.class);
    /** Inputs handled per turn of the loop at most. */
    static final int INPUTS_PER_TURN_MAX = 1000;
    /** Under pressure, how long after a failed snapshot the next one may start. */
    static final long SNAPSHOT_RETRY_AFTER_FAILURE_MS = 1000;

    private final ReplicatedServer server;
    private final ReplicaInbox inbound;
    private final DiskWriter<ZabOutput.Persist> disk;
    private final BiConsumer<Long, PeerMessage> peers;
    private final Runnable flushPeers;
    private final SnapshotSchedule snapshots;
    private final Clock clock;
    private final long serverTickMs;
    private final long zabTickMs;
    private final FatalErrorHandler fatal;
    private final List<ServerOutput> clientOut = new ArrayList<>();
    private final List<ZabOutput> peerOut = new ArrayList<>();
    private ClientPort port;
    private long reportedWriteId;
    /** Under pressure, no snapshot starts before this, after one failed. */
    private long snapshotRetryAtMs;
    private volatile boolean running = true;

    ReplicaDriverLoop(ReplicatedServer server, ReplicaInbox inbound, DiskWriter<ZabOutput.Persist> disk,
            BiConsumer<Long, PeerMessage> peers, Runnable flushPeers, Snapshotter snapshotter, Clock clock, int tickTimeMs, int snapCount,
            long snapSizeLimitBytes, RandomSource random, FatalErrorHandler fatal) {
        this.server = server;
        this.inbound = inbound;
        this.disk = disk;
        this.peers = peers;
        this.flushPeers = flushPeers;
        // Past its bound the leader takes no proposals and any member snapshots whenever it has
        // applied more since its last snapshot began, until a snapshot made room (also after one
        // that failed).
        this.snapshots = new SnapshotSchedule(snapshotter, new SnapshotTrigger(snapCount, snapSizeLimitBytes, random,
                () -> server.zab().retainedBytes() >= server.zab().config().retainedBytesMax()
                        && clock.nowMs() >= snapshotRetryAtMs,
                () -> server.server().lastZxid()));
        this.clock = clock;
        this.serverTickMs = Math.max(1, tickTimeMs / 2);
        this.zabTickMs = tickTimeMs;
        this.fatal = fatal;
    }

    void attach(ClientPort clientPort) {
        this.port = clientPort;
    }

    void stop() {
        running = false;
        inbound.wakeUp();
    }

    @Override
    public void run() {
        try {
            zab(new ZabInput.Start());
            long nextServerTickMs = clock.nowMs() + serverTickMs;
            long nextZabTickMs = clock.nowMs() + zabTickMs;
            flushPeers.run(); // what the start sent
            while (running) {
                long untilTickMs = Math.max(0, Math.min(nextServerTickMs, nextZabTickMs) - clock.nowMs());
                Object item = inbound.poll(snapshots.waitMs(untilTickMs));
                for (int handled = 0; item != null; item = ++handled < INPUTS_PER_TURN_MAX ? inbound.poll() : null) {
                    take(item);
                    reportDurable();
                }
                reportDurable();
                long now = clock.nowMs();
                if (now >= nextZabTickMs) {
                    zab(new ZabInput.Tick());
                    nextZabTickMs = now + zabTickMs;
                }
                if (now >= nextServerTickMs) {
                    client(new ServerInput.Tick());
                    nextServerTickMs = now + serverTickMs;
                }
                // the turn's proposals as one batch, then everything the turn sent, in one write each
                step(() -> server.endTurn(clock.nowMs(), clientOut, peerOut));
                port.flush();
                flushPeers.run();
                snapshots.step(this::beginSnapshot);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fatal.fatal("the driver loop failed and the server cannot go on", e);
        }
    }

    private void take(Object item) {
        if (item instanceof Arrival arrival) {
            client(arrival.input());
            arrival.handled();
        } else if (item instanceof ReplicaInbox.PeerArrival peer) {
            zab(new ZabInput.Receive(peer.from(), peer.message()));
            SnapshotStaging.forgetUnlessInstalled(peer.message(), peerOut);
        } else if (item instanceof ReplicaInbox.PeerLost lost) {
            zab(new ZabInput.PeerLost(lost.peer()));
        } else if (item instanceof ReplicaInbox.SnapshotArriving arriving) {
            zab(new ZabInput.SnapshotArriving(arriving.from(), arriving.link()));
        } else if (item instanceof ReplicaInbox.SnapshotWritten written) {
            zab(new ZabInput.Compacted(written.zxid()));
        } else if (item instanceof AdminCall call) {
            call.answer(server.server(), server.zab(), clock.nowMs());
        } else if (item instanceof ConsoleCall call) {
            call.answer(server.server(), server.zab(), clock.nowMs());
        } else if (item instanceof SnapshotCall call) {
            if (call.admit(server.server())) {
                snapshots.snapshotNow(new Snapshotter.SnapshotWaiter(call::written, call::failed));
            }
        } else if (item instanceof RestoreCall call) {
            call.admit(server.server()); // the gate refuses restore on an ensemble member
        } else if (item instanceof RestoreInstall install) {
            install.failed("restore is not available on an ensemble member");
        } else if (item == ReplicaInbox.SNAPSHOT_FAILED) {
            snapshotRetryAtMs = clock.nowMs() + SNAPSHOT_RETRY_AFTER_FAILURE_MS;
            snapshots.failed();
        } else if (item != ReplicaInbox.WAKE_UP) {
            throw new IllegalArgumentException("unknown item on the inbound queue: " + item);
        }
    }

    private void reportDurable() {
        long durable = disk.durableId();
        if (durable > reportedWriteId) {
            reportedWriteId = durable;
            zab(new ZabInput.DiskSynced(durable));
        }
    }

    private void client(ServerInput input) {
        step(() -> server.handle(input, clock.nowMs(), clientOut, peerOut));
    }

    private void zab(ZabInput input) {
        step(() -> server.handle(input, clock.nowMs(), clientOut, peerOut));
    }

    private void step(Runnable handle) {
        clientOut.clear();
        peerOut.clear();
        handle.run();
        carryOut();
    }

    private void carryOut() {
        // In the core's order; the core sends nothing that promises a record before the disk
        // reported it durable (DiskSynced), so queueing records for the disk thread is enough.
        for (ZabOutput output : peerOut) {
            if (output instanceof ZabOutput.Persist persist) {
                disk.append(persist);
            } else if (output instanceof ZabOutput.Send send) {
                peers.accept(send.to(), send.message());
            } else if (output instanceof ZabOutput.Deliver deliver) {
                snapshots.committed(deliver.entry().payload().length);
            } else if (output instanceof ZabOutput.StateChanged changed) {
                LOG.info("now {} (leader {}, epoch {})", changed.state(), changed.leader(), changed.epoch());
            } else if (output instanceof ZabOutput.Established established) {
                LOG.info("leading epoch {}: a quorum holds the history up to {}", established.epoch(),
                        Zxid.toHex(established.zxid()));
            } else if (output instanceof ZabOutput.Restore restore) {
                LOG.info("took the leader's snapshot at {}", Zxid.toHex(restore.zxid()));
            } else if (output instanceof ZabOutput.Rejected rejected) {
                LOG.warn("{} proposals refused: {}", rejected.payloads().size(), rejected.reason());
            } else if (output instanceof ZabOutput.TransferRefused refused) {
                LOG.warn("leadership not handed to server {}: {}", refused.toServer(), refused.reason());
            } else {
                throw new IllegalArgumentException("no handling for consensus output " + output);
            }
        }
        for (ServerOutput output : clientOut) {
            ClientOutputs.carryOut(output, port);
        }
    }

    private TreeSnapshot beginSnapshot() {
        TreeSnapshot snapshot = server.server().beginSnapshot();
        if (snapshot != null) {
            disk.requestRoll();
        }
        return snapshot;
    }
}
