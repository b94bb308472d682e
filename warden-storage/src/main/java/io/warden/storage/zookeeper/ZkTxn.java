package io.warden.storage.zookeeper;

/**
 * One ZooKeeper transaction: its TxnHeader, its body and, when ZooKeeper's digests are on, the
 * TxnDigest after it; with the file and offset of its log record.
 *
 * @param digestVersion the TxnDigest version, -1 when the record has none
 */
record ZkTxn(long sessionId, int cxid, long zxid, long timeMs, int type, ZkOp op, int digestVersion, long digest,
        String file, long offset) {
}
