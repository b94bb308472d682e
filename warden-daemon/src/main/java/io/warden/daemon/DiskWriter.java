package io.warden.daemon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.storage.TxnLogWriter;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;

/**
 * The one disk thread: takes proposed transactions from a bounded queue, writes every one that is
 * waiting, syncs them with a single fsync (group commit), and then reports the last durable zxid.
 * A failing disk stops the server rather than acknowledge what it could not store.
 */
final class DiskWriter implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskWriter.class);
    /** Transactions written per fsync at most. */
    static final int BATCH_MAX = 1000;

    private final TxnLogWriter log;
    private final BlockingQueue<Txn> queue;
    private final AtomicLong durableZxid;
    private final Runnable onDurable;
    private final Consumer<Throwable> onFailure;
    /** How long {@link #append} waits for room at a time before it looks at the disk's health again. */
    private static final long APPEND_WAIT_MS = 100;

    private volatile boolean running = true;
    private volatile boolean rollRequested;
    private volatile boolean failed;
    private Thread thread;

    /**
     * @param queueMax  proposals waiting for the disk before proposing blocks
     * @param onDurable called after each sync, from the disk thread
     * @param onFailure called once, with the cause, if the disk fails
     */
    DiskWriter(TxnLogWriter log, int queueMax, long lastZxid, Runnable onDurable,
            Consumer<Throwable> onFailure) {
        this.log = log;
        this.queue = new ArrayBlockingQueue<>(queueMax);
        this.durableZxid = new AtomicLong(lastZxid);
        this.onDurable = onDurable;
        this.onFailure = onFailure;
    }

    void start() {
        thread = new Thread(this, "warden-disk");
        thread.start();
    }

    /**
     * Queues a proposed transaction for the disk, waiting while the queue is full. Never waits for
     * a disk thread that has stopped: once the disk failed, it throws {@link DiskFailedException}.
     */
    void append(Txn txn) {
        try {
            while (failed || !queue.offer(txn, APPEND_WAIT_MS, TimeUnit.MILLISECONDS)) {
                if (failed || !running) {
                    throw new DiskFailedException("the disk thread has stopped; transaction "
                            + Long.toHexString(txn.zxid()) + " cannot be logged");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the disk", e);
        }
    }

    /** Whether the disk thread failed; nothing queued since is acknowledged. */
    boolean failed() {
        return failed;
    }

    /** The disk thread stopped and nothing more can be logged. */
    static final class DiskFailedException extends IllegalStateException {
        DiskFailedException(String message) {
            super(message);
        }
    }

    /** The highest zxid that is durable (or written, with forceSync off). */
    long durableZxid() {
        return durableZxid.get();
    }

    /** Asks for the current segment to end after the next sync, so a snapshot starts a new one. */
    void requestRoll() {
        rollRequested = true;
    }

    @Override
    public void run() {
        List<Txn> batch = new ArrayList<>(BATCH_MAX);
        try {
            while (running || !queue.isEmpty()) {
                Txn first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH_MAX - 1);
                for (Txn txn : batch) {
                    log.append(txn.zxid(), TxnCodec.encode(txn));
                }
                log.sync();
                if (rollRequested) {
                    rollRequested = false;
                    log.roll();
                }
                durableZxid.set(batch.get(batch.size() - 1).zxid());
                batch.clear();
                onDurable.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            failed = true;
            LOG.error("the transaction log failed; the server stops acknowledging writes", e);
            onFailure.accept(e);
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            log.close();
        } catch (IOException e) {
            LOG.warn("closing the transaction log failed", e);
        }
    }
}
