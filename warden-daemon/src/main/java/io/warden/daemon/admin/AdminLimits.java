package io.warden.daemon.admin;

/**
 * The bounds of the AdminServer.
 *
 * @param connectionsMax         connections open at once; more are closed as they arrive
 * @param initialLineBytesMax    the longest request line
 * @param headerBytesMax         the most header bytes of one request
 * @param bodyBytesMax           the largest request body
 * @param idleTimeoutMs          how long a connection may stay silent between requests ({@code admin.idleTimeout})
 * @param requestTimeoutMs       how long one request may take to arrive once it started
 * @param callsInFlightMax       commands handed to the driver and not yet answered, for all connections
 * @param answerTimeoutMs        how long a request waits for the driver's answer
 */
record AdminLimits(int connectionsMax, int initialLineBytesMax, int headerBytesMax, int bodyBytesMax,
        long idleTimeoutMs, long requestTimeoutMs, int callsInFlightMax, long answerTimeoutMs) {
    static final int CONNECTIONS_MAX_DEFAULT = 32;
    static final int INITIAL_LINE_BYTES_MAX_DEFAULT = 4096;
    static final int HEADER_BYTES_MAX_DEFAULT = 8192;
    static final int BODY_BYTES_MAX_DEFAULT = 64 * 1024;
    /** ZooKeeper's default for {@code admin.idleTimeout}. */
    static final long IDLE_TIMEOUT_MS_DEFAULT = 30_000;
    static final long REQUEST_TIMEOUT_MS_DEFAULT = 10_000;
    static final int CALLS_IN_FLIGHT_MAX_DEFAULT = 16;
    static final long ANSWER_TIMEOUT_MS_DEFAULT = 5_000;

    static final AdminLimits DEFAULTS = new AdminLimits(CONNECTIONS_MAX_DEFAULT, INITIAL_LINE_BYTES_MAX_DEFAULT,
            HEADER_BYTES_MAX_DEFAULT, BODY_BYTES_MAX_DEFAULT, IDLE_TIMEOUT_MS_DEFAULT, REQUEST_TIMEOUT_MS_DEFAULT,
            CALLS_IN_FLIGHT_MAX_DEFAULT, ANSWER_TIMEOUT_MS_DEFAULT);

    AdminLimits withTimeouts(long idleMs, long requestMs) {
        return new AdminLimits(connectionsMax, initialLineBytesMax, headerBytesMax, bodyBytesMax, idleMs, requestMs,
                callsInFlightMax, answerTimeoutMs);
    }
}
