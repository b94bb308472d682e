package io.warden.daemon;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.common.Checks;
import io.warden.common.Clock;
import io.warden.common.Zxid;
import io.warden.server.OperationalMetrics;
import io.warden.storage.DataFiles;
import io.warden.storage.EncodedNodes;
import io.warden.storage.FileStore;
import io.warden.storage.Purger;
import io.warden.storage.SnapshotWriter;
import io.warden.tree.TreeSnapshot;

/**
 * Writes snapshots on their own thread. The driver encodes a snapshot's nodes out of the tree in
 * chunks between requests, into buffers it takes from here ({@link #chunkBuffer()}), and offers
 * them through a small bounded queue, so neither the driver nor its clients ever wait for the
 * snapshot. The snapshot thread writes a chunk's bytes and gives its buffer back: at most
 * {@link #QUEUE_MAX} buffers exist, reused chunk after chunk, so reading out a snapshot leaves no
 * garbage per node. Once no snapshot has been written for {@link #BUFFERS_KEPT_IDLE_MS}, the
 * driver lets the free buffers go ({@link #releaseIdleBuffers}, a megabyte each), so an idle
 * server does not hold them in its heap; a busy one, snapshotting every few seconds, keeps them
 * rather than allocate them again for every snapshot (each is a humongous object to G1). After
 * each snapshot, old files are purged when {@code autopurge.purgeInterval} says it is time.
 */
final class Snapshotter implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);
    /** Chunks waiting to be written at most. */
    static final int QUEUE_MAX = 8;
    /** How long after the last snapshot was written its buffers are kept for the next one. */
    static final long BUFFERS_KEPT_IDLE_MS = 60_000;

    private final FileStore snapshots;
    private final FileStore logs;
    private final int retainCount;
    private final long purgeIntervalMs;
    /** Where snapshot durations go; set before the thread starts. */
    private OperationalMetrics metrics = new OperationalMetrics();
    private final Clock clock;
    private final LongConsumer onWritten;
    /** Told, on the snapshot thread, of each snapshot whose writing failed. */
    private volatile Runnable onFailed = () -> { };
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_MAX);
    /** Chunk buffers written and given back, for the driver to fill again. */
    private final ConcurrentLinkedQueue<EncodedNodes> freeBuffers = new ConcurrentLinkedQueue<>();
    /**
     * Chunk buffers that exist, at most {@link #QUEUE_MAX}: counted up as the driver makes them,
     * down as it lets free ones go (only the driver takes from {@link #freeBuffers}, so a buffer
     * {@link #hasRoom()} saw there is still there for {@link #chunkBuffer()}).
     */
    private int buffersMade;
    private volatile boolean running = true;
    private volatile boolean busy;
    /** When the last snapshot was written (or this was made), on the clock. */
    private volatile long lastWrittenMs;
    private final long buffersKeptIdleMs;
    /** Whether the operator was told that snapshots go through the page cache (once). */
    private boolean toldCached;
    private long lastPurgeMs;
    private Thread thread;

    private record Begin(TreeSnapshot snapshot, List<SnapshotWaiter> waiters) {
    }

    /** Someone waiting for a snapshot: told its zxid once it is durable, or why it failed (on the snapshot thread). */
    record SnapshotWaiter(LongConsumer written, Consumer<String> failed) {
    }

    Snapshotter(FileStore snapshots, FileStore logs, int retainCount, long purgeIntervalMs, Clock clock) {
        this(snapshots, logs, retainCount, purgeIntervalMs, clock, zxid -> { });
    }

    /** Who hears, on the snapshot thread, that writing a snapshot failed; set before the thread starts. */
    void onFailed(Runnable action) {
        this.onFailed = action;
    }

    /** @param onWritten told, on the snapshot thread, the zxid of each snapshot once it is durable */
    Snapshotter(FileStore snapshots, FileStore logs, int retainCount, long purgeIntervalMs, Clock clock,
            LongConsumer onWritten) {
        this(snapshots, logs, retainCount, purgeIntervalMs, clock, onWritten, BUFFERS_KEPT_IDLE_MS);
    }

    /** @param buffersKeptIdleMs how long after the last snapshot its buffers are kept (tests shorten it) */
    Snapshotter(FileStore snapshots, FileStore logs, int retainCount, long purgeIntervalMs, Clock clock,
            LongConsumer onWritten, long buffersKeptIdleMs) {
        this.buffersKeptIdleMs = buffersKeptIdleMs;
        this.onWritten = onWritten;
        this.snapshots = snapshots;
        this.logs = logs;
        this.retainCount = retainCount;
        this.purgeIntervalMs = purgeIntervalMs;
        this.clock = clock;
        this.lastPurgeMs = clock.nowMs();
        this.lastWrittenMs = clock.nowMs();
    }

    void start() {
        thread = new Thread(this, "warden-snapshot");
        thread.start();
    }

    /** Whether a new snapshot may start: the previous one is written and nothing is queued. */
    boolean idle() {
        return !busy && queue.isEmpty();
    }

    /** Starts writing a snapshot; call only when {@link #idle()}. */
    void begin(TreeSnapshot snapshot) {
        begin(snapshot, List.of());
    }

    /** Starts writing a snapshot that {@code waiters} wait for; call only when {@link #idle()}. */
    void begin(TreeSnapshot snapshot, List<SnapshotWaiter> waiters) {
        busy = true;
        if (!queue.offer(new Begin(snapshot, List.copyOf(waiters)))) {
            busy = false;
            throw new IllegalStateException("snapshot queue not empty");
        }
    }

    /**
     * An empty buffer to encode the next chunk into, or null when every buffer waits to be
     * written (the writer is behind). Only on the driver.
     */
    EncodedNodes chunkBuffer() {
        EncodedNodes buffer = freeBuffers.poll();
        if (buffer == null && buffersMade < QUEUE_MAX) {
            buffersMade++;
            buffer = new EncodedNodes();
        }
        return buffer;
    }

    /**
     * Queues the next chunk, a buffer from {@link #chunkBuffer()}, without waiting. Only after
     * {@link #hasRoom()} said so: only the snapshot thread takes from the queue, so the room stays.
     */
    void offer(EncodedNodes chunk) {
        Checks.check(queue.offer(chunk), "the snapshot queue was full: offer only after hasRoom()");
    }

    /** Whether a chunk could be taken and offered now. */
    boolean hasRoom() {
        return queue.remainingCapacity() > 0 && (buffersMade < QUEUE_MAX || !freeBuffers.isEmpty());
    }

    private void giveBack(EncodedNodes chunk) {
        chunk.reset();
        freeBuffers.add(chunk);
    }

    /**
     * Lets the buffers written and given back go once no snapshot has been written for {@link
     * #BUFFERS_KEPT_IDLE_MS}: only on the driver, when no snapshot is being read out (a chunk still
     * being written comes back later and goes next time).
     */
    void releaseIdleBuffers() {
        if (buffersMade == 0 || clock.nowMs() - lastWrittenMs < buffersKeptIdleMs) {
            return;
        }
        while (freeBuffers.poll() != null) {
            buffersMade--;
        }
    }

    /** Chunk buffers that exist now (made and not let go). Only on the driver. */
    int buffersHeld() {
        return buffersMade;
    }

    /** Records each snapshot's duration into {@code metrics}. Before start. */
    void measureInto(OperationalMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void run() {
        long startedNs = 0;
        SnapshotWriter writer = null;
        long remaining = 0;
        long zxid = 0;
        List<SnapshotWaiter> waiters = List.of();
        try {
            while (running) {
                Object item = queue.poll(100, TimeUnit.MILLISECONDS);
                if (item == null) {
                    continue;
                }
                try {
                    if (item instanceof Begin begin) {
                        TreeSnapshot snapshot = begin.snapshot();
                        zxid = snapshot.zxid();
                        waiters = begin.waiters();
                        startedNs = System.nanoTime();
                        remaining = snapshot.nodeCount();
                        writer = new SnapshotWriter(snapshots, zxid, snapshot.digest(), snapshot.sessions(),
                                snapshot.nodeCount());
                        if (!writer.uncached() && !toldCached) {
                            toldCached = true;
                            LOG.info("snapshot {} is written through the page cache: direct I/O could not be used"
                                    + " for it (it is still synced in pieces; said once, though each snapshot tries"
                                    + " direct I/O again)", snapshots.describe(DataFiles.snapshotName(zxid)));
                        }
                        continue;
                    }
                    EncodedNodes chunk = (EncodedNodes) item;
                    if (writer == null) {
                        giveBack(chunk);
                        continue;
                    }
                    int nodes = chunk.nodes();
                    try {
                        writer.write(chunk);
                    } finally {
                        giveBack(chunk);
                    }
                    remaining -= nodes;
                    if (remaining == 0) {
                        String name = writer.commit();
                        writer = null;
                        metrics.snapshotTimeMs.record(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNs));
                        LOG.info("snapshot {} written at zxid {}", snapshots.describe(name), Zxid.toHex(zxid));
                        lastWrittenMs = clock.nowMs();
                        onWritten.accept(zxid);
                        for (SnapshotWaiter waiter : waiters) {
                            waiter.written().accept(zxid);
                        }
                        waiters = List.of();
                        purgeIfDue();
                        busy = false;
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.error("writing the snapshot at zxid {} failed; the log still holds everything",
                            Zxid.toHex(zxid), e);
                    abandon(writer);
                    for (SnapshotWaiter waiter : waiters) {
                        waiter.failed().accept("writing the snapshot failed: " + e.getMessage());
                    }
                    waiters = List.of();
                    writer = null;
                    remaining = 0;
                    busy = false;
                    onFailed.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            abandon(writer);
            for (SnapshotWaiter waiter : waiters) {
                waiter.failed().accept("the server is stopping");
            }
        }
    }

    private void purgeIfDue() throws IOException {
        if (purgeIntervalMs <= 0 || clock.nowMs() - lastPurgeMs < purgeIntervalMs) {
            return;
        }
        lastPurgeMs = clock.nowMs();
        int deleted = Purger.purge(snapshots, logs, retainCount);
        LOG.info("purged {} old data files, keeping {} snapshots", deleted, retainCount);
    }

    private static void abandon(SnapshotWriter writer) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("removing an unfinished snapshot failed", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
