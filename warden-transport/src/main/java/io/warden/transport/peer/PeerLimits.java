package io.warden.transport.peer;

/**
 * The bounds and timings of a {@link PeerNetwork}. {@link #DEFAULTS} suits an ensemble; the
 * {@code with} methods give a changed copy (tests want small values).
 *
 * @param frameBytesMax         the longest frame body sent or accepted (a snapshot travels in
 *                              chunks, so this does not bound the state)
 * @param outboundBytesMax      bytes handed to one connection and not yet written to its socket; a
 *                              message that would pass this is dropped and the connection redialled
 *                              (one message alone always fits)
 * @param reconnectBackoffMinMs the shortest wait before dialling a peer again
 * @param reconnectBackoffMaxMs the longest wait before dialling a peer again
 * @param connectTimeoutMs      how long one dial may take
 * @param handshakeTimeoutMs    an accepted connection whose hello has not arrived this long after
 *                              it opened is closed
 * @param bindAttempts          how often {@link PeerNetwork#start()} tries to bind each port
 * @param bindRetryMs           the wait between two bind attempts
 * @param snapshotBytesMax      the largest snapshot accepted from a leader (it is kept on disk as
 *                              it arrives; a bigger one closes the connection)
 * @param snapshotBacklogBytesMax what may wait, unwritten, behind a snapshot being streamed on a
 *                              connection (the transactions after the leader's snapshot and the
 *                              new proposals while it streams), in place of {@code outboundBytesMax}
 *                              when larger; past it the connection is redialled and the follower
 *                              synchronised again
 * @param inboundBytesMax       bytes of messages received from all peers and not yet taken by
 *                              the receiver ({@link PeerNetwork#taken}); a connection that
 *                              delivers a message past it is not read until the receiver is at
 *                              half of it again (a slow member holds its senders back instead of
 *                              buffering without bound)
 */
public record PeerLimits(int frameBytesMax, long outboundBytesMax, long reconnectBackoffMinMs,
        long reconnectBackoffMaxMs, int connectTimeoutMs, long handshakeTimeoutMs, int bindAttempts,
        long bindRetryMs, long snapshotBytesMax, long snapshotBacklogBytesMax, long inboundBytesMax) {

    public static final int FRAME_BYTES_MAX_DEFAULT = 256 << 20;
    public static final long OUTBOUND_BYTES_MAX_DEFAULT = 64L << 20;
    public static final long RECONNECT_BACKOFF_MIN_MS_DEFAULT = 50;
    public static final long RECONNECT_BACKOFF_MAX_MS_DEFAULT = 2_000;
    public static final int CONNECT_TIMEOUT_MS_DEFAULT = 5_000;
    public static final long HANDSHAKE_TIMEOUT_MS_DEFAULT = 5_000;
    public static final int BIND_ATTEMPTS_DEFAULT = 3;
    public static final long BIND_RETRY_MS_DEFAULT = 1_000;
    public static final long SNAPSHOT_BYTES_MAX_DEFAULT = 64L << 30;
    public static final long SNAPSHOT_BACKLOG_BYTES_MAX_DEFAULT = 1L << 30;
    public static final long INBOUND_BYTES_MAX_DEFAULT = 64L << 20;

    public static final PeerLimits DEFAULTS = new PeerLimits(FRAME_BYTES_MAX_DEFAULT, OUTBOUND_BYTES_MAX_DEFAULT,
            RECONNECT_BACKOFF_MIN_MS_DEFAULT, RECONNECT_BACKOFF_MAX_MS_DEFAULT, CONNECT_TIMEOUT_MS_DEFAULT,
            HANDSHAKE_TIMEOUT_MS_DEFAULT, BIND_ATTEMPTS_DEFAULT, BIND_RETRY_MS_DEFAULT,
            SNAPSHOT_BYTES_MAX_DEFAULT, SNAPSHOT_BACKLOG_BYTES_MAX_DEFAULT, INBOUND_BYTES_MAX_DEFAULT);

    public PeerLimits {
        if (frameBytesMax < 1 || outboundBytesMax < 1 || reconnectBackoffMinMs < 1 || connectTimeoutMs < 1
                || handshakeTimeoutMs < 1 || bindAttempts < 1 || bindRetryMs < 0 || snapshotBytesMax < 1
                || snapshotBacklogBytesMax < 1 || inboundBytesMax < 1) {
            throw new IllegalArgumentException("peer limits must be positive (bindRetryMs at least 0): frameBytesMax "
                    + frameBytesMax + ", outboundBytesMax " + outboundBytesMax + ", reconnectBackoffMinMs "
                    + reconnectBackoffMinMs + ", connectTimeoutMs " + connectTimeoutMs + ", handshakeTimeoutMs "
                    + handshakeTimeoutMs + ", bindAttempts " + bindAttempts + ", bindRetryMs " + bindRetryMs
                    + ", snapshotBytesMax " + snapshotBytesMax + ", snapshotBacklogBytesMax " + snapshotBacklogBytesMax
                    + ", inboundBytesMax " + inboundBytesMax);
        }
        if (reconnectBackoffMaxMs < reconnectBackoffMinMs) {
            throw new IllegalArgumentException("reconnectBackoffMaxMs " + reconnectBackoffMaxMs
                    + " is below reconnectBackoffMinMs " + reconnectBackoffMinMs);
        }
    }

    public PeerLimits withFrameBytesMax(int bytes) {
        return new PeerLimits(bytes, outboundBytesMax, reconnectBackoffMinMs, reconnectBackoffMaxMs,
                connectTimeoutMs, handshakeTimeoutMs, bindAttempts, bindRetryMs, snapshotBytesMax,
                snapshotBacklogBytesMax, inboundBytesMax);
    }

    public PeerLimits withOutboundBytesMax(long bytes) {
        return new PeerLimits(frameBytesMax, bytes, reconnectBackoffMinMs, reconnectBackoffMaxMs,
                connectTimeoutMs, handshakeTimeoutMs, bindAttempts, bindRetryMs, snapshotBytesMax,
                snapshotBacklogBytesMax, inboundBytesMax);
    }

    public PeerLimits withReconnectBackoffMs(long minMs, long maxMs) {
        return new PeerLimits(frameBytesMax, outboundBytesMax, minMs, maxMs, connectTimeoutMs,
                handshakeTimeoutMs, bindAttempts, bindRetryMs, snapshotBytesMax,
                snapshotBacklogBytesMax, inboundBytesMax);
    }

    public PeerLimits withConnectTimeoutMs(int ms) {
        return new PeerLimits(frameBytesMax, outboundBytesMax, reconnectBackoffMinMs, reconnectBackoffMaxMs, ms,
                handshakeTimeoutMs, bindAttempts, bindRetryMs, snapshotBytesMax,
                snapshotBacklogBytesMax, inboundBytesMax);
    }

    public PeerLimits withHandshakeTimeoutMs(long ms) {
        return new PeerLimits(frameBytesMax, outboundBytesMax, reconnectBackoffMinMs, reconnectBackoffMaxMs,
                connectTimeoutMs, ms, bindAttempts, bindRetryMs, snapshotBytesMax,
                snapshotBacklogBytesMax, inboundBytesMax);
    }

    public PeerLimits withBindRetries(int attempts, long retryMs) {
        return new PeerLimits(frameBytesMax, outboundBytesMax, reconnectBackoffMinMs, reconnectBackoffMaxMs,
                connectTimeoutMs, handshakeTimeoutMs, attempts, retryMs, snapshotBytesMax, snapshotBacklogBytesMax, inboundBytesMax);
    }

    public PeerLimits withSnapshotBytesMax(long bytes) {
        return new PeerLimits(frameBytesMax, outboundBytesMax, reconnectBackoffMinMs, reconnectBackoffMaxMs,
                connectTimeoutMs, handshakeTimeoutMs, bindAttempts, bindRetryMs, bytes, snapshotBacklogBytesMax, inboundBytesMax);
    }

    public PeerLimits withSnapshotBacklogBytesMax(long bytes) {
        return new PeerLimits(frameBytesMax, outboundBytesMax, reconnectBackoffMinMs, reconnectBackoffMaxMs,
                connectTimeoutMs, handshakeTimeoutMs, bindAttempts, bindRetryMs, snapshotBytesMax, bytes, inboundBytesMax);
    }

    public PeerLimits withInboundBytesMax(long bytes) {
        return new PeerLimits(frameBytesMax, outboundBytesMax, reconnectBackoffMinMs, reconnectBackoffMaxMs,
                connectTimeoutMs, handshakeTimeoutMs, bindAttempts, bindRetryMs, snapshotBytesMax,
                snapshotBacklogBytesMax, bytes);
    }
}
