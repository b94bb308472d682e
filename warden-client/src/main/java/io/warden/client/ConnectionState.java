package io.warden.client;

/**
 * The client's connection and session, as the application must react to them.
 *
 * <ul>
 *   <li>{@link #CONNECTED}: a session was established: the first one, or a new one after
 *       {@link #LOST} or {@link #EXPIRED}. Ephemeral nodes of an earlier session are gone.
 *   <li>{@link #SUSPENDED}: the connection dropped. The session may still be alive on the server,
 *       but nothing this client believes (a lock held, a leadership) can be trusted until
 *       {@link #RECONNECTED}.
 *   <li>{@link #RECONNECTED}: the same session is back; its ephemeral nodes and watches are intact.
 *   <li>{@link #LOST}: the client was cut off for longer than the session timeout, so the server has
 *       expired the session or is about to. The client gives the session up and starts a new one.
 *   <li>{@link #EXPIRED}: a server said the session is expired. The client starts a new one.
 *   <li>{@link #AUTH_FAILED}: the server refused an authentication; the client does nothing more
 *       (every request fails with AUTHFAILED) until it is closed.
 *   <li>{@link #CLOSED}: {@code close()} was called.
 * </ul>
 */
public enum ConnectionState {
    CONNECTED,
    SUSPENDED,
    RECONNECTED,
    LOST,
    EXPIRED,
    AUTH_FAILED,
    CLOSED;

    /** True when requests are being answered. */
    public boolean isConnected() {
        return this == CONNECTED || this == RECONNECTED;
    }

    /** True when the session the application knew is gone: its ephemeral nodes no longer exist. */
    public boolean isSessionGone() {
        return this == LOST || this == EXPIRED || this == AUTH_FAILED || this == CLOSED;
    }

    /** True for the states after which the client does nothing more. */
    public boolean isTerminal() {
        return this == AUTH_FAILED || this == CLOSED;
    }
}
