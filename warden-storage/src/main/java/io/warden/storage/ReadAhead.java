package io.warden.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads on a thread of its own while the caller's thread uses what was read: the reading thread
 * (a {@link Producer}) hands items over in batches through a bounded queue, so that at most
 * {@link #QUEUE_BATCHES_MAX} batches of {@link #BATCH_ITEMS_MAX} items or {@link #BATCH_BYTES_MAX}
 * bytes wait between the two. The caller takes the items in order with {@link #next}; a failure of
 * the reader reaches the caller after every item read before it, as the same exception (a reader
 * never fails silently). Closing stops the reader wherever it is.
 *
 * @param <T> the items
 */
final class ReadAhead<T> implements AutoCloseable {
    /** Batches waiting for the caller at most. */
    static final int QUEUE_BATCHES_MAX = 4;
    /** Items in one batch at most. */
    static final int BATCH_ITEMS_MAX = 1024;
    /** A batch is handed over once its items reach this many bytes (as the reader counts them). */
    static final int BATCH_BYTES_MAX = 1 << 20;
    /** How long closing waits for a stopped reader to end. */
    static final long JOIN_TIMEOUT_MS = 10_000;

    /** Reads the items and hands them over with {@link Output#add}. */
    @FunctionalInterface
    interface Producer<T> {
        void produce(Output<T> output) throws IOException, CorruptDataException;
    }

    /** Where a producer puts its items. */
    interface Output<T> {
        /**
         * Adds an item of about {@code sizeBytes}; waits while the caller is behind. Throws
         * {@link Closed} once the read-ahead is closed: the producer is to stop.
         */
        void add(T item, int sizeBytes);
    }

    /** Thrown to a producer that adds an item after the caller closed the read-ahead; ends its thread quietly. */
    static final class Closed extends RuntimeException {
        Closed() {
            super("the read-ahead was closed", null, false, false);
        }
    }

    /** What crosses the queue: a batch of items, the end, or why the reader stopped. */
    private sealed interface Message {
    }

    private record Batch(List<?> items) implements Message {
    }

    private record End() implements Message {
    }

    private record Failed(Throwable cause) implements Message {
    }

    private final BlockingQueue<Message> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES_MAX);
    private final Thread thread;
    private Iterator<?> current = List.of().iterator();
    private boolean ended;
    private volatile boolean closed;

    private ReadAhead(String name, Producer<T> producer) {
        this.thread = new Thread(() -> run(producer), name);
        thread.setDaemon(true);
    }

    /** Starts reading on a new thread called {@code name}. */
    static <T> ReadAhead<T> start(String name, Producer<T> producer) {
        ReadAhead<T> readAhead = new ReadAhead<>(name, producer);
        readAhead.thread.start();
        return readAhead;
    }

    private void run(Producer<T> producer) {
        Batcher batcher = new Batcher();
        try {
            producer.produce(batcher);
            batcher.flush();
            batcher.put(new End());
        } catch (Closed e) {
            // nobody takes anything more
        } catch (IOException | CorruptDataException | RuntimeException | Error e) {
            try {
                batcher.flush();
                batcher.put(new Failed(e));
            } catch (Closed closedMeanwhile) {
                // the caller no longer wants the failure
            }
        }
    }

    /** Collects items into batches and queues each when it is full. */
    private final class Batcher implements Output<T> {
        private List<T> batch = new ArrayList<>();
        private long batchBytes;

        @Override
        public void add(T item, int sizeBytes) {
            batch.add(item);
            batchBytes += sizeBytes;
            if (batch.size() >= BATCH_ITEMS_MAX || batchBytes >= BATCH_BYTES_MAX) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                put(new Batch(batch));
                batch = new ArrayList<>();
                batchBytes = 0;
            }
        }

        void put(Message message) {
            if (closed) {
                throw new Closed();
            }
            try {
                queue.put(message);
            } catch (InterruptedException e) {
                throw new Closed();
            }
        }
    }

    /**
     * The next item, or null after the last one. Throws the reader's failure, as it was thrown,
     * once every item read before it has been taken.
     */
    @SuppressWarnings("unchecked")
    T next() throws IOException, CorruptDataException {
        while (!current.hasNext()) {
            if (ended) {
                return null;
            }
            Message message;
            try {
                message = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the reading thread", e);
            }
            if (message instanceof Batch batch) {
                current = batch.items().iterator();
            } else if (message instanceof Failed failed) {
                ended = true;
                throw rethrow(failed.cause());
            } else {
                ended = true;
            }
        }
        return (T) current.next();
    }

    private static IOException rethrow(Throwable cause) throws CorruptDataException {
        if (cause instanceof CorruptDataException corrupt) {
            throw corrupt;
        }
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw (Error) cause;
    }

    /** Stops the reader, if it is still reading, and waits for it to end. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        queue.clear();
        try {
            thread.join(JOIN_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
