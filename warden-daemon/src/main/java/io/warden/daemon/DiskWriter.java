package io.warden.daemon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.server.OperationalMetrics;
import io.warden.storage.TxnLogWriter;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;

/**
 * The one disk thread: takes records from a bounded queue, writes every one that is waiting,
 * syncs them with a single fsync (group commit), and then reports the id of the last durable one
 * (a standalone server's transactions by zxid, an ensemble member's records by the consensus
 * core's write id). A failing disk stops the server rather than acknowledge what it could not
 * store.
 *
 * @param <T> the records
 */
final class DiskWriter<T> implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskWriter.class);
    /** Records written per fsync at most. */
    static final int BATCH_MAX = 1000;

    /** Writes one record; the log is synced after each batch. */
    @FunctionalInterface
    interface RecordWriter<T> {
        void write(T record) throws IOException;
    }

    private final TxnLogWriter log;
    private final RecordWriter<T> writer;
    private final ToLongFunction<T> idOf;
    private final BlockingQueue<T> queue;
    private final AtomicLong durableId;
    private final Runnable onDurable;
    private final Consumer<Throwable> onFailure;
    /** How long {@link #append} waits for room at a time before it looks at the disk's health again. */
    private static final long APPEND_WAIT_MS = 100;

    /** Where fsync times, batch sizes and commit latencies go; set before {@link #start}. */
    private OperationalMetrics metrics = new OperationalMetrics();
    private volatile boolean running = true;
    private volatile boolean rollRequested;
    private volatile boolean failed;
    private Thread thread;

    /**
     * @param writer    writes one record (through {@code log} or beside it)
     * @param idOf      a record's id; ids increase in queue order
     * @param queueMax  records waiting for the disk before {@link #append} waits
     * @param lastId    the id of the last record already durable
     * @param onDurable called after each sync, from the disk thread
     * @param onFailure called once, with the cause, if the disk fails
     */
    DiskWriter(TxnLogWriter log, RecordWriter<T> writer, ToLongFunction<T> idOf, int queueMax, long lastId,
            Runnable onDurable, Consumer<Throwable> onFailure) {
        this.log = log;
        this.writer = writer;
        this.idOf = idOf;
        this.queue = new ArrayBlockingQueue<>(queueMax);
        this.durableId = new AtomicLong(lastId);
        this.onDurable = onDurable;
        this.onFailure = onFailure;
    }

    /** A standalone server's disk thread: committed transactions, by zxid. */
    static DiskWriter<Txn> forTransactions(TxnLogWriter log, int queueMax, long lastZxid, Runnable onDurable,
            Consumer<Throwable> onFailure) {
        return new DiskWriter<>(log, txn -> log.append(txn.zxid(), TxnCodec.encode(txn)), Txn::zxid, queueMax,
                lastZxid, onDurable, onFailure);
    }

    /** Records this writer's fsync times, batch sizes and commit latencies into {@code metrics}. Before start. */
    void measureInto(OperationalMetrics metrics) {
        this.metrics = metrics;
    }

    void start() {
        thread = new Thread(this, "warden-disk");
        thread.start();
    }

    /**
     * Queues a record for the disk, waiting while the queue is full. Never waits for a disk thread
     * that has stopped: once the disk failed, it throws {@link DiskFailedException}.
     */
    void append(T record) {
        try {
            while (failed || !queue.offer(record, APPEND_WAIT_MS, TimeUnit.MILLISECONDS)) {
                if (failed || !running) {
                    throw new DiskFailedException("the disk thread has stopped; record "
                            + Long.toHexString(idOf.applyAsLong(record)) + " cannot be written");
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

    /** The id of the last record that is durable (or written, with forceSync off). */
    long durableId() {
        return durableId.get();
    }

    /** Asks for the current segment to end after the next sync, so a snapshot starts a new one. */
    void requestRoll() {
        rollRequested = true;
    }

    @Override
    public void run() {
        List<T> batch = new ArrayList<>(BATCH_MAX);
        try {
            while (running || !queue.isEmpty()) {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH_MAX - 1);
                long batchStartNs = System.nanoTime();
                for (T record : batch) {
                    writer.write(record);
                }
                long syncStartNs = System.nanoTime();
                log.sync();
                long syncedNs = System.nanoTime();
                metrics.fsyncTimeMs.record(TimeUnit.NANOSECONDS.toMillis(syncedNs - syncStartNs));
                metrics.commitLatencyMs.record(TimeUnit.NANOSECONDS.toMillis(syncedNs - batchStartNs));
                metrics.batchSize.record(batch.size());
                if (rollRequested) {
                    rollRequested = false;
                    log.roll();
                }
                durableId.set(idOf.applyAsLong(batch.get(batch.size() - 1)));
                batch.clear();
                onDurable.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            failed = true;
            LOG.error("the disk failed; the server stops acknowledging writes", e);
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
