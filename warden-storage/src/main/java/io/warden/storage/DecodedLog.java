package io.warden.storage;

import java.io.IOException;

import io.warden.tree.Txn;

/**
 * Reads the log after a zxid on a thread of its own ({@link ReadAhead}): there each record is read
 * through the segment window, its checksum checked and its transaction decoded, while the caller's
 * thread applies the transactions before it. Records reach the caller in order, and damage reaches
 * it after every record before the damage, as in a read on one thread. A torn tail is cut only
 * after the caller accepted every record.
 */
final class DecodedLog {
    /** The name of the reading thread. */
    static final String THREAD_NAME = "warden-log-read";

    private DecodedLog() {
    }

    /** Receives each record with its transaction, in zxid order. */
    @FunctionalInterface
    interface Consumer {
        void accept(TxnLogReader.LogRecord record, Txn txn) throws CorruptDataException;
    }

    private record Decoded(TxnLogReader.LogRecord record, Txn txn) {
    }

    /** As {@link TxnLogReader#read}, with each record's transaction ({@link Recovery#decode}). */
    static TxnLogReader.Summary read(FileStore logs, long afterZxid, int recordBytesMax, boolean repair,
            Consumer consumer) throws IOException, CorruptDataException {
        try (Reading reading = Reading.start(logs, afterZxid, recordBytesMax)) {
            return reading.finish(logs, repair, consumer);
        }
    }

    /**
     * A read of the log after a zxid, started before the caller is ready for the transactions:
     * recovery starts it while the snapshot is still loading, so that the reading thread gets
     * through the segments (and the records) the snapshot covers, and the first records to
     * replay, in the meantime. What it reads waits in its bounded read-ahead. Closing it
     * unfinished stops the reader; nothing is repaired until {@link #finish}.
     */
    static final class Reading implements AutoCloseable {
        private final long afterZxid;
        private final ReadAhead<Decoded> readAhead;
        private final TxnLogReader.Scan[] scan;

        private Reading(long afterZxid, ReadAhead<Decoded> readAhead, TxnLogReader.Scan[] scan) {
            this.afterZxid = afterZxid;
            this.readAhead = readAhead;
            this.scan = scan;
        }

        /** Starts reading the records after {@code afterZxid} on a thread of its own. */
        static Reading start(FileStore logs, long afterZxid, int recordBytesMax) {
            TxnLogReader.Scan[] scan = {null};
            ReadAhead<Decoded> readAhead = ReadAhead.start(THREAD_NAME, output ->
                    scan[0] = TxnLogReader.scan(logs, afterZxid, recordBytesMax, record -> output.add(
                            new Decoded(record, Recovery.decode(record)), record.payload().length)));
            return new Reading(afterZxid, readAhead, scan);
        }

        /** The zxid the records read follow. */
        long afterZxid() {
            return afterZxid;
        }

        /**
         * Hands the consumer every record in order, then (with {@code repair}) cuts a torn tail
         * off; as {@link TxnLogReader#read}.
         */
        TxnLogReader.Summary finish(FileStore logs, boolean repair, Consumer consumer)
                throws IOException, CorruptDataException {
            for (Decoded decoded = readAhead.next(); decoded != null; decoded = readAhead.next()) {
                consumer.accept(decoded.record(), decoded.txn());
            }
            // The reader set scan[0] before it queued the end, which this thread took.
            if (repair) {
                scan[0].repair(logs);
            }
            return scan[0].summary();
        }

        @Override
        public void close() {
            readAhead.close();
        }
    }
}
