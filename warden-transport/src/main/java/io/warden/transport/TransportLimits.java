package io.warden.transport;

/**
 * The client port's bounds. Every one closes or stops reading a connection; none lets a client
 * make the server wait or run out of memory.
 *
 * @param maxFrameBytes    {@code jute.maxbuffer}: a frame longer than this, or negative, closes
 *                         its connection
 * @param handshakeTimeoutMs a connection that has not sent its whole first frame (a handshake or
 *                         a four-letter word) this long after it opened is closed
 * @param frameTimeoutMs   a connection that stays inside one frame, from the first byte that
 *                         arrived to the last, longer than this while it is being read is closed
 * @param maxConnections   connections open at once; one more is closed as soon as it is accepted
 * @param inboundBytesMax  bytes of frames received (whole or in part) that the server has not
 *                         handled yet, all connections together; a connection whose next frame
 *                         does not fit is not read until it does
 */
public record TransportLimits(int maxFrameBytes, long handshakeTimeoutMs, long frameTimeoutMs, int maxConnections,
        long inboundBytesMax) {

    /** The largest first frame: a ConnectRequest is under 64 bytes; a longer one is not a handshake. */
    public static final int HANDSHAKE_FRAME_BYTES_MAX = 4096;
    /** Frames of one connection handed to the server and not handled yet, before it is not read. */
    public static final int IN_TRANSIT_FRAMES_MAX = 64;

    public TransportLimits {
        if (maxFrameBytes < 1 || handshakeTimeoutMs < 1 || frameTimeoutMs < 1 || maxConnections < 1
                || inboundBytesMax < 1) {
            throw new IllegalArgumentException("transport limits must be positive: " + maxFrameBytes + ", "
                    + handshakeTimeoutMs + ", " + frameTimeoutMs + ", " + maxConnections + ", " + inboundBytesMax);
        }
    }
}
