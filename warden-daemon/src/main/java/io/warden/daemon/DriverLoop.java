package io.warden.daemon;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.common.Clock;
import io.warden.common.RandomSource;
import io.warden.common.Zxid;
import io.warden.daemon.admin.AdminCall;
import io.warden.daemon.console.ConsoleCall;
import io.warden.daemon.admin.RestoreCall;
import io.warden.daemon.admin.RestoreInstall;
import io.warden.daemon.admin.SnapshotCall;
import io.warden.storage.FileStore;
import io.warden.storage.UploadedSnapshot;
import io.warden.tree.DataTree;
import io.warden.server.ServerCore;
import io.warden.server.ServerInput;
import io.warden.server.ServerOutput;
import io.warden.transport.Arrival;
import io.warden.transport.ClientPort;
import io.warden.tree.TreeSnapshot;
import io.warden.tree.Txn;

/**
 * The one thread that owns the core. It takes inputs from the inbound queue, hands each to the
 * core with the current time, and carries out the outputs in order: proposals go to the disk
 * thread, and once the disk reports them durable they are committed (a standalone server is an
 * ensemble of one); sends and closes go to the client port.
 *
 * <p>The schedule is fair under any load: after at most {@link #INPUTS_PER_TURN_MAX} inputs the
 * loop flushes the client port, ticks the core when a tick is due (session expiry, the reaper) and
 * reads a chunk of a running snapshot for the snapshot thread, whether or not more input waits.
 *
 * <p>The loop never dies silently: an error the core cannot pin on one connection, or a disk
 * that stopped, goes to the {@link FatalErrorHandler}.
 */
final class DriverLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverLoop.class);
    /** Put on the inbound queue by other threads to wake the loop up. */
    static final Object WAKE_UP = new Object();
    /** Inputs handled per turn of the loop at most, before it flushes, ticks and snapshots. */
    static final int INPUTS_PER_TURN_MAX = 1000;

    /** The core; replaced whole when a snapshot is restored ({@link #restore}). */
    private ServerCore core;
    /** Builds the core over a restored tree, at the time given. */
    private final BiFunction<DataTree, Long, ServerCore> newCore;
    private final FileStore snapshotFiles;
    private final BlockingQueue<Object> inbound;
    private final DiskWriter<Txn> disk;
    private final SnapshotSchedule snapshots;
    private final Clock clock;
    private final long tickIntervalMs;
    private final FatalErrorHandler fatal;
    private final Deque<Long> awaitingDisk = new ArrayDeque<>();
    private final List<ServerOutput> outputs = new ArrayList<>();
    private final Deque<ServerInput> followUps = new ArrayDeque<>();
    private ClientPort port;
    private volatile boolean running = true;

    /** How long a restore waits for the disk to make the proposals before it durable. */
    static final long RESTORE_DRAIN_MS_MAX = 10_000;

    /**
     * @param newCore       builds a core over a restored tree (the AdminServer's restore)
     * @param snapshotFiles the snapshot directory, where a restored tree is written as a snapshot
     */
    DriverLoop(ServerCore core, BlockingQueue<Object> inbound, DiskWriter<Txn> disk, Snapshotter snapshotter,
            Clock clock, long tickIntervalMs, int snapCount, RandomSource random, FatalErrorHandler fatal,
            BiFunction<DataTree, Long, ServerCore> newCore, FileStore snapshotFiles) {
        this.fatal = fatal;
        this.core = core;
        this.newCore = newCore;
        this.snapshotFiles = snapshotFiles;
        this.inbound = inbound;
        this.disk = disk;
        // No byte limit: a standalone server keeps no transactions in memory once applied.
        this.snapshots = new SnapshotSchedule(snapshotter, SnapshotTrigger.byCount(snapCount, random));
        this.clock = clock;
        this.tickIntervalMs = tickIntervalMs;
    }

    void attach(ClientPort clientPort) {
        this.port = clientPort;
    }

    void stop() {
        running = false;
        inbound.offer(WAKE_UP);
    }

    @Override
    public void run() {
        long nextTickMs = clock.nowMs() + tickIntervalMs;
        try {
            while (running) {
                long waitMs = snapshots.waitMs(Math.max(0, nextTickMs - clock.nowMs()));
                Object item = inbound.poll(waitMs, TimeUnit.MILLISECONDS);
                for (int handled = 0; item != null; item = ++handled < INPUTS_PER_TURN_MAX ? inbound.poll() : null) {
                    take(item);
                    commitDurable();
                }
                commitDurable();
                port.flush();
                if (clock.nowMs() >= nextTickMs) {
                    handle(new ServerInput.Tick());
                    nextTickMs = clock.nowMs() + tickIntervalMs;
                }
                snapshots.step(this::beginSnapshot);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fatal.fatal("the driver loop failed and the server cannot go on", e);
        }
    }

    /** Handles one item of the inbound queue: what a connection sent, or a wake-up. */
    private void take(Object item) {
        if (item instanceof Arrival arrival) {
            handle(arrival.input());
            arrival.handled();
        } else if (item instanceof AdminCall call) {
            call.answer(core, null, clock.nowMs());
        } else if (item instanceof ConsoleCall call) {
            call.answer(core, null, clock.nowMs());
        } else if (item instanceof SnapshotCall call) {
            if (call.admit(core)) {
                snapshots.snapshotNow(new Snapshotter.SnapshotWaiter(call::written, call::failed));
            }
        } else if (item instanceof RestoreCall call) {
            call.admit(core);
        } else if (item instanceof RestoreInstall install) {
            restore(install);
        } else if (item != WAKE_UP) {
            throw new IllegalArgumentException("unknown item on the inbound queue: " + item);
        }
    }

    /** Commits, in order, every proposal the disk has made durable. */
    private void commitDurable() {
        long durable = disk.durableId();
        while (!awaitingDisk.isEmpty() && awaitingDisk.peek() <= durable) {
            handle(new ServerInput.Committed(awaitingDisk.poll()));
            snapshots.committed(0);
        }
    }

    private void handle(ServerInput input) {
        followUps.add(input);
        while (!followUps.isEmpty()) {
            ServerInput next = followUps.poll();
            outputs.clear();
            core.handle(next, clock.nowMs(), outputs);
            for (ServerOutput output : outputs) {
                if (output instanceof ServerOutput.Propose propose) {
                    disk.append(propose.txn());
                    awaitingDisk.add(propose.txn().zxid());
                } else {
                    ClientOutputs.carryOut(output, port);
                }
            }
        }
    }

    /**
     * Makes a checked snapshot the server's state, durably, in this order: (1) every proposal
     * logged so far is made durable and committed, so the old core has nothing in flight;
     * (2) the restored tree gets a zxid above everything logged, {@code max(last zxid, the
     * snapshot's zxid) + 1}, and is written as {@code snapshot.<that zxid>} (temporary file, sync,
     * rename, directory sync: the commit point); (3) the log rolls, so new transactions start a
     * new segment after it; (4) a new core over the restored tree replaces the old one and every
     * client connection is closed (clients reconnect: sessions the snapshot holds come back and
     * expire unless their clients return in time, others are gone, as after ZooKeeper's restore).
     * A crash before (2) lasts leaves the old snapshot and log: the old state. After it, recovery
     * loads the new snapshot, and no logged record is above it: the restored state. Later
     * transactions follow it in the log. The driver works on nothing else meanwhile.
     */
    private void restore(RestoreInstall install) {
        long drainUntilMs = clock.nowMs() + RESTORE_DRAIN_MS_MAX;
        commitDurable();
        while (!awaitingDisk.isEmpty() && clock.nowMs() < drainUntilMs && !disk.failed()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            commitDurable();
        }
        if (!awaitingDisk.isEmpty()) {
            install.failed("the disk did not make the transactions before the restore durable in time;"
                    + " nothing restored");
            return;
        }
        long base = Math.max(core.lastZxid(), install.snapshot().zxid());
        if (Zxid.counter(base) == Zxid.COUNTER_MAX) {
            install.failed("no zxid is left in epoch " + Zxid.epoch(base) + " for the restored state;"
                    + " nothing restored");
            return;
        }
        long zxid = base + 1;
        DataTree tree = install.snapshot().treeAt(zxid);
        try {
            UploadedSnapshot.writeAsSnapshot(snapshotFiles, tree);
        } catch (IOException | RuntimeException e) {
            // The rename may or may not have lasted: the server cannot say which state a restart
            // brings back, so it stops rather than go on with the old one.
            fatal.fatal("writing the restored snapshot at " + Zxid.toHex(zxid) + " failed", e);
            install.failed("writing the restored snapshot failed: " + e.getMessage());
            return;
        }
        disk.requestRoll();
        ServerCore old = core;
        core = newCore.apply(tree, clock.nowMs());
        for (long connId : old.connectionIds()) {
            port.send(connId, new ServerOutput.CloseConnection(connId));
        }
        LOG.info("restored a snapshot of {} nodes and {} sessions (taken at {}) as the state at {}; closed {}"
                + " client connections", tree.nodeCount(), tree.sessions().size(),
                Zxid.toHex(install.snapshot().zxid()), Zxid.toHex(zxid), old.connectionCount());
        install.restored(zxid);
    }

    /** A snapshot of the tree as it is now, with the log rolled so the next segment starts after it. */
    private TreeSnapshot beginSnapshot() {
        TreeSnapshot snapshot = core.beginSnapshot();
        if (snapshot != null) {
            disk.requestRoll();
        }
        return snapshot;
    }
}
