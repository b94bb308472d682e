package io.warden.client;

/**
 * The settings the session state machine runs with; see {@link WardenClient.Builder} for their
 * meaning and defaults.
 */
record SessionSettings(
        int sessionTimeoutMs,
        long connectionTimeoutMs,
        long requestTimeoutMs,
        long reconnectBackoffMaxMs,
        long closeTimeoutMs,
        int pendingRequestsMax,
        int maxFrameBytes) {

    SessionSettings {
        if (sessionTimeoutMs <= 0) {
            throw new IllegalArgumentException("sessionTimeoutMs must be positive, not " + sessionTimeoutMs);
        }
        if (connectionTimeoutMs <= 0) {
            throw new IllegalArgumentException("connectionTimeoutMs must be positive, not " + connectionTimeoutMs);
        }
        if (requestTimeoutMs < 0) {
            throw new IllegalArgumentException("requestTimeoutMs must be 0 (none) or positive, not "
                    + requestTimeoutMs);
        }
        if (reconnectBackoffMaxMs < 0) {
            throw new IllegalArgumentException("reconnectBackoffMaxMs must not be negative, not "
                    + reconnectBackoffMaxMs);
        }
        if (closeTimeoutMs <= 0) {
            throw new IllegalArgumentException("closeTimeoutMs must be positive, not " + closeTimeoutMs);
        }
        if (pendingRequestsMax <= 0) {
            throw new IllegalArgumentException("pendingRequestsMax must be positive, not " + pendingRequestsMax);
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024, not " + maxFrameBytes);
        }
    }
}
