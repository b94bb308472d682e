package io.warden.daemon;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.warden.common.Clock;
import io.warden.common.RandomSource;
import io.warden.daemon.admin.AdminCall;
import io.warden.daemon.console.ConsoleCall;
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
    /** Put on the inbound queue by other threads to wake the loop up. */
    static final Object WAKE_UP = new Object();
    /** Inputs handled per turn of the loop at most, before it flushes, ticks and snapshots. */
    static final int INPUTS_PER_TURN_MAX = 1000;

    private final ServerCore core;
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

    DriverLoop(ServerCore core, BlockingQueue<Object> inbound, DiskWriter<Txn> disk, Snapshotter snapshotter,
            Clock clock, long tickIntervalMs, int snapCount, RandomSource random, FatalErrorHandler fatal) {
        this.fatal = fatal;
        this.core = core;
        this.inbound = inbound;
        this.disk = disk;
        this.snapshots = new SnapshotSchedule(snapshotter, snapCount, random);
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
            call.answer(core, clock.nowMs());
        } else if (item instanceof ConsoleCall call) {
            call.answer(core, null, clock.nowMs());
        } else if (item != WAKE_UP) {
            throw new IllegalArgumentException("unknown item on the inbound queue: " + item);
        }
    }

    /** Commits, in order, every proposal the disk has made durable. */
    private void commitDurable() {
        long durable = disk.durableId();
        while (!awaitingDisk.isEmpty() && awaitingDisk.peek() <= durable) {
            handle(new ServerInput.Committed(awaitingDisk.poll()));
            snapshots.committed();
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

    /** A snapshot of the tree as it is now, with the log rolled so the next segment starts after it. */
    private TreeSnapshot beginSnapshot() {
        TreeSnapshot snapshot = core.beginSnapshot();
        if (snapshot != null) {
            disk.requestRoll();
        }
        return snapshot;
    }
}
