package io.warden.daemon;

import io.warden.tree.Txn;

/**
 * Where proposed transactions are appended before they commit. Durable storage is its own
 * component; until it is plugged in, {@link VolatileTxnLog} keeps nothing.
 */
interface TxnLog extends AutoCloseable {
    /** Appends a transaction; when this returns it is as durable as this log makes it. */
    void append(Txn txn);

    @Override
    void close();
}
