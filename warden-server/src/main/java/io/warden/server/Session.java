package io.warden.server;

/** A live session as the core tracks it for liveness; the tree holds the replicated part. */
final class Session {
    final long id;
    final int timeoutMs;
    /** The connection currently attached, 0 when none. */
    long connId;
    /**
     * When it expires unless heard from: a multiple of the expiry interval, see
     * {@link ExpiryBuckets}. Meaningful while {@link #inBucket}.
     */
    long deadlineMs;
    boolean closing;
    /** Whether it waits in an expiry bucket; a closing session does not. */
    boolean inBucket;
    Session previousInBucket;
    Session nextInBucket;

    Session(long id, int timeoutMs, long connId) {
        this.id = id;
        this.timeoutMs = timeoutMs;
        this.connId = connId;
    }
}
