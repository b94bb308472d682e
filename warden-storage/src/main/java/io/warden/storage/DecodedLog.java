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
        TxnLogReader.Scan[] scan = {null};
        try (ReadAhead<Decoded> readAhead = ReadAhead.start(THREAD_NAME, output ->
                scan[0] = TxnLogReader.scan(logs, afterZxid, recordBytesMax, record -> output.add(
                        new Decoded(record, Recovery.decode(record)), record.payload().length)))) {
            for (Decoded decoded = readAhead.next(); decoded != null; decoded = readAhead.next()) {
                consumer.accept(decoded.record(), decoded.txn());
            }
        }
        // The reader set scan[0] before it queued the end, which this thread took.
        if (repair) {
            scan[0].repair(logs);
        }
        return scan[0].summary();
    }
}
