package io.warden.daemon;

import io.warden.tree.Txn;

/**
 * A log that keeps nothing: the tree lives in memory only and is lost when the process ends.
 * It exists so that the write path has its final shape before durable storage arrives.
 */
final class VolatileTxnLog implements TxnLog {
    private long appended;

    @Override
    public void append(Txn txn) {
        appended++;
    }

    long appended() {
        return appended;
    }

    @Override
    public void close() {
    }
}
