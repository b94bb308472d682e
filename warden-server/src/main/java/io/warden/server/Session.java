package io.warden.server;

/** A live session as the core tracks it for liveness; the tree holds the replicated part. */
final class Session {
    final long id;
    final int timeoutMs;
    /** The connection currently attached, 0 when none. */
    long connId;
    long deadlineMs;
    boolean closing;

    Session(long id, int timeoutMs, long connId, long nowMs) {
        this.id = id;
        this.timeoutMs = timeoutMs;
        this.connId = connId;
        touch(nowMs);
    }

    void touch(long nowMs) {
        deadlineMs = nowMs + timeoutMs;
    }
}
