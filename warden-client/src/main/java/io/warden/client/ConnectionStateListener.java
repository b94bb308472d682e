package io.warden.client;

/** Told of every {@link ConnectionState} change, on the client's event thread, in order. */
@FunctionalInterface
public interface ConnectionStateListener {
    /** {@code sessionId} is the session the state refers to (the new one for {@code CONNECTED}). */
    void stateChanged(ConnectionState state, long sessionId);
}
